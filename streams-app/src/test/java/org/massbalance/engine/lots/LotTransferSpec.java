package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.testing.EngineDriver;

/**
 * A TRANSFER draws lots at its source and they arrive at {@code to_site_id} under their id, with
 * their original received_at, supplier and certificate facts; a destination holding the id from
 * another receipt gets {@code {lot_id}@{origin_site}}.
 */
class LotTransferSpec {

  static final String FRESNO = "FRESNO";
  static final String OAKLAND = "OAKLAND";
  static final String RENO = "RENO";
  static final String ALMONDS = "ALMONDS";
  static final String NOP = "8150000016";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.product(ALMONDS, "kg", "5.0", "ALM");
    engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
    return engine;
  }

  private static void receiveAtFresno(EngineDriver engine) {
    engine.send(
        receipt(FRESNO, ALMONDS, "100", "kg")
            .id("r1")
            .at("2025-11-01T10:00Z")
            .lot("L-1")
            .supplier("VNG", NOP)
            .supplierLot("VNG-7731"));
  }

  @Test
  void shouldCarryTheDrawnLotsToTheDestinationWithTheirFacts() {
    try (EngineDriver engine = engine()) {
      receiveAtFresno(engine);
      engine.send(
          transfer(FRESNO, OAKLAND, ALMONDS, "40", "kg")
              .id("t1")
              .at("2025-11-05")
              .document("TR-1"));

      assertThat(engine.onHand(FRESNO, ALMONDS)).containsExactly(Map.entry("L-1", "60"));
      assertThat(engine.onHand(OAKLAND, ALMONDS)).containsExactly(Map.entry("L-1", "40"));
      LotView arrived = engine.lot(OAKLAND, ALMONDS, "L-1");
      assertThat(arrived.received()).isEqualByComparingTo("40");
      assertThat(arrived.receivedAt()).isEqualTo("2025-11-01T10:00:00Z");
      assertThat(arrived.supplierId()).isEqualTo("VNG");
      assertThat(arrived.supplierLot()).isEqualTo("VNG-7731");
      assertThat(arrived.supplierNopId()).isEqualTo(NOP);
      assertThat(arrived.certifiedAtReceipt()).isTrue();
      assertThat(arrived.originSiteId()).isEqualTo(FRESNO);
      assertThat(engine.lot(FRESNO, ALMONDS, "L-1").allocations())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.type()).isEqualTo("TRANSFER");
                assertThat(a.toSiteId()).isEqualTo(OAKLAND);
                assertThat(a.documentRef()).isEqualTo("TR-1");
              });
      assertThat(engine.bookKg(OAKLAND, ALMONDS)).isEqualByComparingTo("40");
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldCarrySeveralLotsInOneTransfer() {
    try (EngineDriver engine = engine()) {
      receiveAtFresno(engine);
      engine.send(
          receipt(FRESNO, ALMONDS, "100", "kg")
              .id("r2")
              .at("2025-11-02")
              .lot("L-2")
              .supplier("VNG", NOP),
          transfer(FRESNO, OAKLAND, ALMONDS, "150", "kg").id("t1").at("2025-11-05"));

      assertThat(engine.onHand(OAKLAND, ALMONDS))
          .containsExactly(Map.entry("L-1", "100"), Map.entry("L-2", "50"));
    }
  }

  @Test
  void shouldKeepLotIdsAlongAChainOfThreeSitesAndMergeWhenTheLotComesBack() {
    try (EngineDriver engine = engine()) {
      receiveAtFresno(engine);
      engine.send(
          transfer(FRESNO, OAKLAND, ALMONDS, "60", "kg").id("t1").at("2025-11-05"),
          transfer(OAKLAND, RENO, ALMONDS, "50", "kg").id("t2").at("2025-11-06"),
          transfer(RENO, FRESNO, ALMONDS, "20", "kg").id("t3").at("2025-11-07"),
          sale(RENO, ALMONDS, "30", "kg").id("s1").at("2025-11-08"));

      assertThat(engine.onHand(FRESNO, ALMONDS)).containsExactly(Map.entry("L-1", "60"));
      assertThat(engine.onHand(OAKLAND, ALMONDS)).containsExactly(Map.entry("L-1", "10"));
      assertThat(engine.onHand(RENO, ALMONDS)).isEmpty();
      LotView home = engine.lot(FRESNO, ALMONDS, "L-1");
      assertThat(home.received()).isEqualByComparingTo("120");
      assertThat(engine.drawsOf(RENO, ALMONDS, "L-1"))
          .containsExactly("t3 TRANSFER 20", "s1 SALE 30");
      assertThat(engine.lot(RENO, ALMONDS, "L-1").supplierLot()).isEqualTo("VNG-7731");
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldRenameAnArrivingLotWhoseIdTheDestinationHoldsFromAnotherReceipt() {
    try (EngineDriver engine = engine()) {
      receiveAtFresno(engine);
      engine.send(
          receipt(OAKLAND, ALMONDS, "5", "kg")
              .id("o1")
              .at("2025-11-02")
              .lot("L-1")
              .supplier("OTH", NOP),
          transfer(FRESNO, OAKLAND, ALMONDS, "40", "kg").id("t1").at("2025-11-05"),
          transfer(FRESNO, OAKLAND, ALMONDS, "10", "kg").id("t2").at("2025-11-06"));

      assertThat(engine.onHand(OAKLAND, ALMONDS))
          .containsExactly(Map.entry("L-1@FRESNO", "50"), Map.entry("L-1", "5"));
      assertThat(engine.lot(OAKLAND, ALMONDS, "L-1@FRESNO").supplierId()).isEqualTo("VNG");
      assertThat(engine.lot(OAKLAND, ALMONDS, "L-1").supplierId()).isEqualTo("OTH");
    }
  }

  @Test
  void shouldNameTheOriginalReceiptsSiteWhenRenamingFurtherAlongAChain() {
    try (EngineDriver engine = engine()) {
      receiveAtFresno(engine);
      engine.send(
          receipt(RENO, ALMONDS, "5", "kg")
              .id("x1")
              .at("2025-11-02")
              .lot("L-1")
              .supplier("OTH", NOP),
          transfer(FRESNO, OAKLAND, ALMONDS, "40", "kg").id("t1").at("2025-11-05"),
          transfer(OAKLAND, RENO, ALMONDS, "40", "kg").id("t2").at("2025-11-06"));

      assertThat(engine.onHand(RENO, ALMONDS)).containsKeys("L-1@FRESNO", "L-1");
    }
  }

  @Test
  void shouldBringAnUncoveredPartOfATransferIntoTheDestinationsAdjustmentLot() {
    try (EngineDriver engine = engine()) {
      receiveAtFresno(engine);
      engine.send(transfer(FRESNO, OAKLAND, ALMONDS, "130", "kg").id("t1").at("2025-11-05"));

      assertThat(engine.alerts()).extracting(Alert::getType).containsExactly("OVERSELL");
      assertThat(engine.onHand(OAKLAND, ALMONDS))
          .containsExactly(Map.entry("L-1", "100"), Map.entry("ALM-ADJ-202511", "30"));
    }
  }

  @Test
  void shouldTraceASaleAtTheDestinationBackToTheOriginalSupplier() {
    try (EngineDriver engine = engine()) {
      receiveAtFresno(engine);
      engine.send(
          transfer(FRESNO, OAKLAND, ALMONDS, "40", "kg").id("t1").at("2025-11-05"),
          sale(OAKLAND, ALMONDS, "25", "kg").id("s1").at("2025-11-06").counterparty("C-9"));

      var trace = engine.lots().trace(OAKLAND, ALMONDS, "s1").orElseThrow();
      assertThat(trace.lots())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.lot().lotId()).isEqualTo("L-1");
                assertThat(t.lot().supplierLot()).isEqualTo("VNG-7731");
                assertThat(t.lot().supplierNopId()).isEqualTo(NOP);
                assertThat(t.allocation().counterpartyId()).isEqualTo("C-9");
              });
    }
  }

  @Test
  void shouldKeepTheDestinationsOwnAdjustmentLotApartFromAnArrivingOne() {
    try (EngineDriver engine = engine()) {
      engine.send(
          org.massbalance.engine.testing.MovementBuilder.adjustment(FRESNO, ALMONDS, "10", "kg")
              .id("a1")
              .at("2025-11-03"),
          transfer(FRESNO, OAKLAND, ALMONDS, "10", "kg").id("t1").at("2025-11-05"),
          org.massbalance.engine.testing.MovementBuilder.adjustment(OAKLAND, ALMONDS, "4", "kg")
              .id("a2")
              .at("2025-11-06"));

      assertThat(engine.onHand(OAKLAND, ALMONDS))
          .containsExactly(
              Map.entry("ALM-ADJ-202511", "10"), Map.entry("ALM-ADJ-202511@OAKLAND", "4"));
      assertThat(engine.lot(OAKLAND, ALMONDS, "ALM-ADJ-202511").originSiteId()).isEqualTo(FRESNO);
    }
  }

  @Test
  void shouldKeepARenamedIdAlongTheChain() {
    try (EngineDriver engine = engine()) {
      receiveAtFresno(engine);
      engine.send(
          receipt(OAKLAND, ALMONDS, "5", "kg")
              .id("o1")
              .at("2025-11-02")
              .lot("L-1")
              .supplier("X", NOP),
          receipt(RENO, ALMONDS, "5", "kg").id("x1").at("2025-11-02").lot("L-1").supplier("Y", NOP),
          transfer(FRESNO, OAKLAND, ALMONDS, "40", "kg").id("t1").at("2025-11-05"),
          transfer(OAKLAND, RENO, ALMONDS, "40", "kg").id("t2").at("2025-11-06"));

      assertThat(engine.onHand(RENO, ALMONDS))
          .containsExactly(Map.entry("L-1@FRESNO", "40"), Map.entry("L-1", "5"));
      assertThat(engine.lot(RENO, ALMONDS, "L-1@FRESNO").supplierId()).isEqualTo("VNG");
    }
  }
}
