package org.massbalance.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;
import static org.massbalance.engine.testing.TransformationBuilder.transformation;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Organic integrity on the way out (the contract's section of that name): a SALE of an organic
 * product drawing from lots not certified at receipt raises UNCERTIFIED_SOURCE (CRITICAL), once per
 * movement, for the quantity drawn from them, naming them and why; a product that is not organic
 * entering a site kept organic only raises COMMINGLING_RISK (WARNING).
 */
class OrganicIntegritySpec {

  static final String FRESNO = "FRESNO";
  static final String RENO = "RENO";
  static final String COCOA = "COCOA";
  static final String NIBS = "NIBS";
  static final String SUGAR = "SUGAR";
  static final String CERTIFIED = "8150000016";
  static final String REVOKED = "8150000999";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(FRESNO, "America/Los_Angeles", "US");
    engine.site(RENO, "America/Los_Angeles", "US", true);
    engine.product(COCOA, "kg", "5.0", "COC");
    engine.product(NIBS, "kg", "5.0", "NIB");
    engine.product(SUGAR, "kg", false);
    engine.certificate(CERTIFIED, "CERTIFIED", "2019-04-01", null);
    engine.certificate(REVOKED, "REVOKED", "2024-01-01", null);
    return engine;
  }

  private static List<Alert> ofType(EngineDriver engine, String type) {
    return engine.alerts().stream().filter(a -> a.getType().equals(type)).toList();
  }

  @Test
  void shouldRaiseNothingWhenASaleDrawsOnlyCertifiedLots() {
    try (EngineDriver engine = engine()) {
      engine.send(receipt(FRESNO, COCOA, "100", "kg").id("r1").lot("C-1").supplier("S", CERTIFIED));
      engine.send(sale(FRESNO, COCOA, "60", "kg").id("s1").at("2025-11-03"));

      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldRaiseUncertifiedSourceForTheQuantityDrawnFromUncertifiedLotsNamingThemAndWhy() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, COCOA, "30", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("C-1")
              .supplier("S", REVOKED));
      engine.send(receipt(FRESNO, COCOA, "20", "kg").id("r2").at("2025-11-02").lot("C-2"));
      engine.send(
          receipt(FRESNO, COCOA, "50", "kg")
              .id("r3")
              .at("2025-11-03")
              .lot("C-3")
              .supplier("S", CERTIFIED));
      engine.alerts();
      engine.send(sale(FRESNO, COCOA, "60", "kg").id("s1").at("2025-11-05"));

      List<Alert> alerts = ofType(engine, "UNCERTIFIED_SOURCE");
      assertThat(alerts)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getSeverity()).isEqualTo("CRITICAL");
                assertThat(a.getMovementId()).isEqualTo("s1");
                assertThat(a.getQuantity()).isEqualTo("50");
                assertThat(a.getLotId()).isNull();
                assertThat(a.getDetails())
                    .containsEntry(
                        "lots",
                        "C-1 (supplier not certified at receipt), C-2 (certificate missing)")
                    .containsEntry("lot.C-1", "30")
                    .containsEntry("lot.C-2", "20");
              });
    }
  }

  @Test
  void shouldLeaveAdjustmentLotsOutOfIt() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, COCOA, "10", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("C-1")
              .supplier("S", CERTIFIED));
      engine.send(count(FRESNO, COCOA, "15", "kg").id("c1").at("2025-11-02"));
      engine.alerts();
      engine.send(sale(FRESNO, COCOA, "15", "kg").id("s1").at("2025-11-05"));

      assertThat(ofType(engine, "UNCERTIFIED_SOURCE")).isEmpty();
    }
  }

  @Test
  void shouldRaiseItAtTheDestinationOfATransferThatCarriedAnUncertifiedLot() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, COCOA, "40", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("C-1")
              .supplier("S", REVOKED));
      engine.send(transfer(FRESNO, "OAKLAND", COCOA, "40", "kg").id("t1").at("2025-11-02"));
      engine.alerts();
      engine.send(sale("OAKLAND", COCOA, "25", "kg").id("s-oak").at("2025-11-03"));

      assertThat(ofType(engine, "UNCERTIFIED_SOURCE"))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getSiteId()).isEqualTo("OAKLAND");
                assertThat(a.getLotId()).isEqualTo("C-1");
                assertThat(a.getQuantity()).isEqualTo("25");
              });
    }
  }

  @Test
  void shouldRaiseItForALotMadeFromAnUncertifiedInputUpstream() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, COCOA, "40", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("C-1")
              .supplier("S", REVOKED));
      engine.send(
          transformation(FRESNO, "ROAST-1")
              .at("2025-11-02T10:00Z")
              .input(COCOA, "40", "kg")
              .output(NIBS, "35", "kg", null, "N-1"));
      engine.alerts();
      engine.send(sale(FRESNO, NIBS, "10", "kg").id("s-nibs").at("2025-11-03"));

      assertThat(ofType(engine, "UNCERTIFIED_SOURCE"))
          .singleElement()
          .satisfies(
              a ->
                  assertThat(a.getDetails())
                      .containsEntry("lots", "N-1 (an uncertified input upstream)"));
    }
  }

  @Test
  void shouldRaiseNothingForAProductThatIsNotOrganicNorForATransferOrWaste() {
    try (EngineDriver engine = engine()) {
      engine.send(receipt(FRESNO, SUGAR, "40", "kg").id("r1").at("2025-11-01"));
      engine.send(sale(FRESNO, SUGAR, "10", "kg").id("s1").at("2025-11-03"));
      engine.send(
          receipt(FRESNO, COCOA, "40", "kg")
              .id("r2")
              .at("2025-11-01")
              .lot("C-1")
              .supplier("S", REVOKED));
      engine.send(transfer(FRESNO, "OAKLAND", COCOA, "5", "kg").id("t1").at("2025-11-04"));

      assertThat(ofType(engine, "UNCERTIFIED_SOURCE")).isEmpty();
    }
  }

  @Test
  void shouldRaiseComminglingRiskWhenAProductThatIsNotOrganicEntersAnOrganicOnlySite() {
    try (EngineDriver engine = engine()) {
      engine.send(receipt(RENO, SUGAR, "10", "kg").id("r-sugar").at("2025-11-01"));
      engine.send(
          receipt(RENO, COCOA, "10", "kg").id("r-cocoa").at("2025-11-01").supplier("S", CERTIFIED));
      engine.send(receipt(FRESNO, SUGAR, "10", "kg").id("r-fresno").at("2025-11-01"));
      engine.send(transfer(FRESNO, RENO, SUGAR, "4", "kg").id("t-sugar").at("2025-11-02"));

      assertThat(ofType(engine, "COMMINGLING_RISK"))
          .extracting(
              Alert::getMovementId, Alert::getSiteId, Alert::getSeverity, Alert::getQuantity)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("r-sugar", RENO, "WARNING", "10"),
              org.assertj.core.groups.Tuple.tuple("t-sugar", RENO, "WARNING", "4"));
    }
  }
}
