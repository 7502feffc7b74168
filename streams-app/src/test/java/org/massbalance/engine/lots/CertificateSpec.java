package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massbalance.avro.Alert;
import org.massbalance.engine.testing.EngineDriver;

/**
 * RECEIPT checks of organic products: SUPPLIER_CERTIFICATE_MISSING without a NOP ID, else
 * SUPPLIER_NOT_CERTIFIED when the supplier is unknown or not certified at the receipt's site-local
 * date; never both.
 */
class CertificateSpec {

  static final String FRESNO = "FRESNO";
  static final String ALMONDS = "ALMONDS";
  static final String NOP = "8150000016";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(FRESNO, "America/Los_Angeles", "US").product(ALMONDS, "lb", "5.0", "ALM");
    return engine;
  }

  private static List<String> types(EngineDriver engine) {
    return engine.alerts().stream().map(Alert::getType).toList();
  }

  @Test
  void shouldRaiseCertificateMissingForAnOrganicReceiptWithoutNopId() {
    try (EngineDriver engine = engine()) {
      engine.send(receipt(FRESNO, ALMONDS, "500", "lb").id("r1").at("2025-11-09"));

      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("SUPPLIER_CERTIFICATE_MISSING");
                assertThat(a.getSeverity()).isEqualTo("CRITICAL");
                assertThat(a.getLotId()).isEqualTo("ALM-20251109-001");
                assertThat(a.getQuantity()).isEqualTo("500");
                assertThat(a.getUnit()).isEqualTo("lb");
                assertThat(a.getPeriod()).isEqualTo("2025-11");
              });
      // a lot received without a NOP ID is not certified (Organic integrity on the way out)
      assertThat(engine.lot(FRESNO, ALMONDS, "ALM-20251109-001").certifiedAtReceipt()).isFalse();
    }
  }

  @Test
  void shouldRaiseNotCertifiedForAnUnknownNopIdAndNeverBoth() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, ALMONDS, "500", "lb").id("r1").at("2025-11-09").supplier("X", NOP));

      assertThat(types(engine)).containsExactly("SUPPLIER_NOT_CERTIFIED");
      assertThat(engine.lot(FRESNO, ALMONDS, "ALM-20251109-001").certifiedAtReceipt()).isFalse();
    }
  }

  @Test
  void shouldRaiseNothingForAConventionalProduct() {
    try (EngineDriver engine = engine()) {
      engine.product("OATS", "kg", false);
      engine.send(
          receipt(FRESNO, "OATS", "5", "kg").id("r1").at("2025-11-09"),
          receipt(FRESNO, "OATS", "5", "kg")
              .id("r2")
              .at("2025-11-09")
              .supplier("X", "123")
              .origin("MX"));

      assertThat(engine.alerts()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{1} effective {2}, expires {3}: receipt on {0} certified={4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "2025-11-09, CERTIFIED, 2025-11-09, -, true",
        "2025-11-09, CERTIFIED, 2025-11-10, -, false",
        "2025-11-09, CERTIFIED, 2019-04-01, 2025-11-09, true",
        "2025-11-09, CERTIFIED, 2019-04-01, 2025-11-08, false",
        "2025-11-09, CERTIFIED, -, -, true",
        "2025-11-09, SUSPENDED, 2025-11-10, -, true",
        "2025-11-09, SUSPENDED, 2025-11-09, -, false",
        "2025-11-09, REVOKED, 2025-11-10, -, true",
        "2025-11-09, REVOKED, 2025-11-01, -, false",
        "2025-11-09, SURRENDERED, 2025-11-10, -, true",
        "2025-11-09, SURRENDERED, 2025-11-09, -, false",
        "2025-11-09, SURRENDERED, 2025-11-10, 2025-11-08, false",
        "2025-11-09, SUSPENDED, -, -, false",
        "2025-11-09, PENDING, 2019-01-01, -, false",
        "2025-11-09, certified, 2019-01-01, -, true",
      })
  void shouldJudgeCertifiedAtTheReceiptDate(
      String day, String status, String effective, String expires, boolean certified) {
    try (EngineDriver engine = engine()) {
      engine.certificate(NOP, status, effective, expires);
      engine.send(receipt(FRESNO, ALMONDS, "500", "lb").id("r1").at(day).supplier("VNG", NOP));

      assertThat(types(engine))
          .isEqualTo(certified ? List.of() : List.of("SUPPLIER_NOT_CERTIFIED"));
      assertThat(engine.lot(FRESNO, ALMONDS, "ALM-20251109-001").certifiedAtReceipt())
          .isEqualTo(certified);
    }
  }

  @Test
  void shouldJudgeTheDateInTheSitesZone() {
    try (EngineDriver engine = engine()) {
      engine.certificate(NOP, "CERTIFIED", "2025-11-10", null);
      // 2025-11-10T05:00Z is still Nov 9 in Fresno: not yet certified there
      engine.send(
          receipt(FRESNO, ALMONDS, "500", "lb")
              .id("r1")
              .at("2025-11-10T05:00Z")
              .supplier("VNG", NOP),
          receipt(FRESNO, ALMONDS, "500", "lb")
              .id("r2")
              .at("2025-11-10T08:00Z")
              .supplier("VNG", NOP));

      assertThat(engine.alerts())
          .extracting(Alert::getType, Alert::getMovementId)
          .containsExactly(org.assertj.core.api.Assertions.tuple("SUPPLIER_NOT_CERTIFIED", "r1"));
    }
  }

  @Test
  void shouldUseTheCertificateAsLoadedWhenTheReceiptIsProcessed() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, ALMONDS, "1", "lb").id("r1").at("2025-11-09").supplier("VNG", NOP));
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
      engine.send(
          receipt(FRESNO, ALMONDS, "1", "lb").id("r2").at("2025-11-09").supplier("VNG", NOP));

      assertThat(engine.alerts()).extracting(Alert::getMovementId).containsExactly("r1");
    }
  }
}
