package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.domain.CertificateWatch;
import org.massbalance.engine.testing.EngineDriver;

/**
 * SUPPLIER_STATUS_CHANGED: a certificate record makes a supplier whose lots are on hand SUSPENDED,
 * REVOKED or SURRENDERED; one alert per (site, product) holding such lots, listing them.
 */
class SupplierStatusSpec {

  static final String NOP = "8150000016";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.product("ALMONDS", "kg", "5.0", "ALM").product("PECANS", "kg", "5.0", "PEC");
    engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
    engine.certificate("1000000001", "CERTIFIED", "2019-04-01", null);
    return engine;
  }

  @Test
  void shouldRaiseOneAlertPerSiteAndProductHoldingLotsOfASuspendedSupplier() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt("FRESNO", "ALMONDS", "100", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("A-1")
              .supplier("VNG", NOP),
          receipt("FRESNO", "ALMONDS", "50", "kg")
              .id("r2")
              .at("2025-11-02")
              .lot("A-2")
              .supplier("VNG", NOP),
          receipt("FRESNO", "ALMONDS", "70", "kg")
              .id("r3")
              .at("2025-11-02")
              .lot("O-1")
              .supplier("OTH", "1000000001"),
          receipt("FRESNO", "PECANS", "30", "kg")
              .id("r4")
              .at("2025-11-03")
              .lot("P-1")
              .supplier("VNG", NOP),
          receipt("OAKLAND", "PECANS", "30", "kg")
              .id("r5")
              .at("2025-11-03")
              .lot("P-9")
              .supplier("VNG", NOP),
          sale("OAKLAND", "PECANS", "30", "kg").id("s1").at("2025-11-04"));
      engine.advanceWallClock(Duration.ofMinutes(1));
      assertThat(engine.alerts()).isEmpty();

      engine.certificate(NOP, "SUSPENDED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));

      assertThat(engine.alerts())
          .extracting(Alert::getType, Alert::getSiteId, Alert::getProductId, Alert::getQuantity)
          .containsExactlyInAnyOrder(
              tuple("SUPPLIER_STATUS_CHANGED", "FRESNO", "ALMONDS", "150"),
              tuple("SUPPLIER_STATUS_CHANGED", "FRESNO", "PECANS", "30"));
    }
  }

  @Test
  void shouldListTheLotsAndRaiseOncePerStatus() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt("FRESNO", "ALMONDS", "100", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("A-1")
              .supplier("VNG", NOP));
      engine.certificate(NOP, "REVOKED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));

      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getSeverity()).isEqualTo("CRITICAL");
                assertThat(a.getDetails())
                    .containsEntry("lots", "A-1 (100 kg)")
                    .containsEntry("status", "REVOKED")
                    .containsEntry("nop_id", NOP);
              });
      engine.advanceWallClock(Duration.ofMinutes(1));
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldFollowLotsThatWereTransferred() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt("FRESNO", "ALMONDS", "100", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("A-1")
              .supplier("VNG", NOP),
          transfer("FRESNO", "OAKLAND", "ALMONDS", "100", "kg").id("t1").at("2025-11-02"));
      engine.certificate(NOP, "SURRENDERED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));

      assertThat(engine.alerts()).extracting(Alert::getSiteId).containsExactly("OAKLAND");
    }
  }

  @Test
  void shouldStaySilentWithoutLotsOnHandOrForAStatusThatKeepsTheCertification() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt("FRESNO", "ALMONDS", "100", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("A-1")
              .supplier("VNG", NOP),
          receipt("FRESNO", "ALMONDS", "10", "kg")
              .id("r2")
              .at("2025-11-01")
              .lot("O-1")
              .supplier("O", "1000000001"),
          sale("FRESNO", "ALMONDS", "10", "kg").id("s1").at("2025-11-02").lot("O-1"));
      engine.certificate("1000000001", "SUSPENDED", "2025-12-01", null);
      engine.certificate(NOP, "CERTIFIED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));

      assertThat(engine.alerts()).isEmpty();
    }
  }

  /** Receipts of both suppliers' lots at six sites and two products, some sold again. */
  private static void holdings(EngineDriver engine) {
    int n = 0;
    for (String site : List.of("FRESNO", "OAKLAND", "DAVIS", "CHICO", "ELK", "ANAHEIM")) {
      for (String product : List.of("ALMONDS", "PECANS")) {
        n++;
        engine.send(
            receipt(site, product, String.valueOf(10 + n), "kg")
                .id("r" + n)
                .at("2025-11-01")
                .lot("N-" + n)
                .supplier("VNG", NOP),
            receipt(site, product, "7", "kg")
                .id("o" + n)
                .at("2025-11-02")
                .lot("O-" + n)
                .supplier("OTH", "1000000001"));
        if (n % 4 == 0) {
          engine.send(
              sale(site, product, String.valueOf(10 + n), "kg")
                  .id("s" + n)
                  .at("2025-11-03")
                  .lot("N-" + n));
        }
      }
    }
  }

  private static EngineDriver engineReadingKeysPerPunctuation(int keys) {
    EngineDriver engine =
        new EngineDriver(
            EngineDriver.DEFAULT_WALL_CLOCK,
            Map.of(EngineConfig.CERTIFICATE_STATUS_PASS_KEYS_CONFIG, keys));
    engine.product("ALMONDS", "kg", "5.0", "ALM").product("PECANS", "kg", "5.0", "PEC");
    engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
    engine.certificate("1000000001", "CERTIFIED", "2019-04-01", null);
    return engine;
  }

  @Test
  void shouldRaiseTheAlertsOfOneFullPassWhenThePassGoesOnInSlices() {
    List<Alert> full;
    try (EngineDriver engine = engine()) {
      holdings(engine);
      engine.advanceWallClock(Duration.ofMinutes(1));
      engine.certificate(NOP, "SUSPENDED", "2025-12-01", null);
      engine.certificate("1000000001", "REVOKED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));
      full = engine.alerts();
    }
    assertThat(full).hasSize(12 - 3 + 12);

    try (EngineDriver engine = engineReadingKeysPerPunctuation(2)) {
      holdings(engine);
      engine.advanceWallClock(Duration.ofMinutes(1));
      engine.certificate(NOP, "SUSPENDED", "2025-12-01", null);
      engine.certificate("1000000001", "REVOKED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));
      List<Alert> sliced = new ArrayList<>(engine.alerts());
      // the check's own slice: two key states, each holding lots of both suppliers at most
      assertThat(sliced).hasSizeLessThanOrEqualTo(4);
      for (int i = 0; i < 6; i++) {
        engine.advanceWallClock(CertificateWatch.STATUS_PASS_SLICE_INTERVAL);
        sliced.addAll(engine.alerts());
      }
      assertThat(sliced).containsExactlyInAnyOrderElementsOf(full);
      engine.advanceWallClock(Duration.ofMinutes(1));
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldKeepTheOrderOfOneSupplierAlertsWhenThePassGoesOnInSlices() {
    List<Alert> full;
    try (EngineDriver engine = engine()) {
      holdings(engine);
      engine.certificate(NOP, "SUSPENDED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));
      full = engine.alerts();
    }
    try (EngineDriver engine = engineReadingKeysPerPunctuation(5)) {
      holdings(engine);
      engine.certificate(NOP, "SUSPENDED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));
      List<Alert> sliced = new ArrayList<>(engine.alerts());
      assertThat(sliced).hasSizeLessThan(full.size());
      for (int i = 0; i < 3; i++) {
        engine.advanceWallClock(CertificateWatch.STATUS_PASS_SLICE_INTERVAL);
        sliced.addAll(engine.alerts());
      }
      assertThat(sliced).containsExactlyElementsOf(full);
      assertThat(engine.metrics().longestPunctuationMs()).isPositive();
    }
  }

  @Test
  void shouldQueueAWithdrawalFoundWhileAPassGoesOn() {
    List<Alert> full;
    try (EngineDriver engine = engine()) {
      holdings(engine);
      engine.certificate(NOP, "SUSPENDED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));
      engine.certificate("1000000001", "SURRENDERED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));
      full = engine.alerts();
    }
    try (EngineDriver engine = engineReadingKeysPerPunctuation(3)) {
      holdings(engine);
      engine.certificate(NOP, "SUSPENDED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));
      List<Alert> sliced = new ArrayList<>(engine.alerts());
      engine.certificate("1000000001", "SURRENDERED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));
      sliced.addAll(engine.alerts());
      for (int i = 0; i < 10; i++) {
        engine.advanceWallClock(CertificateWatch.STATUS_PASS_SLICE_INTERVAL);
        sliced.addAll(engine.alerts());
      }
      // the first supplier's alerts come before the second's, each with its own check's time
      assertThat(sliced).containsExactlyElementsOf(full);
    }
  }
}
