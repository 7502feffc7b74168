package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.adjustment;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.engine.query.TraceView;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Outbound allocation: a named lot first (LOT_OVERDRAWN when it holds less), an unknown named lot
 * UNTRACEABLE_OUTBOUND, the rest first-in first-out, an uncovered rest UNTRACEABLE_OUTBOUND unless
 * OVERSELL was raised, at most one per movement.
 */
class LotAllocationSpec {

  static final String SITE = "DEPOT";
  static final String OATS = "OATS";

  /** A conventional (non-organic) product: no certificate alerts in these specs. */
  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.product(OATS, "kg", false);
    return engine;
  }

  private static void threeLots(EngineDriver engine) {
    engine.send(
        receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
        receipt(SITE, OATS, "100", "kg").id("r2").at("2025-11-02").lot("B"),
        receipt(SITE, OATS, "100", "kg").id("r3").at("2025-11-03").lot("C"));
  }

  @Test
  void shouldDrawOldestLotsFirst() {
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(sale(SITE, OATS, "150", "kg").id("s1").at("2025-11-05"));

      assertThat(engine.onHand(SITE, OATS))
          .containsExactly(Map.entry("B", "50"), Map.entry("C", "100"));
      assertThat(engine.drawsOf(SITE, OATS, "A")).containsExactly("s1 SALE 100");
      assertThat(engine.drawsOf(SITE, OATS, "B")).containsExactly("s1 SALE 50");
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldOrderLotsByReceivedAtNotByArrival() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r2").at("2025-11-02").lot("LATER"),
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("EARLIER"),
          sale(SITE, OATS, "10", "kg").id("s1").at("2025-11-05"));

      assertThat(engine.onHand(SITE, OATS))
          .containsExactly(Map.entry("EARLIER", "90"), Map.entry("LATER", "100"));
    }
  }

  @Test
  void shouldBreakTiesOfEqualReceivedAtByCreationSequence() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r-z").at("2025-11-01").lot("Z"),
          receipt(SITE, OATS, "100", "kg").id("r-a").at("2025-11-01").lot("A"),
          sale(SITE, OATS, "10", "kg").id("s1").at("2025-11-05"));

      assertThat(engine.onHand(SITE, OATS))
          .containsExactly(Map.entry("Z", "90"), Map.entry("A", "100"));
    }
  }

  @Test
  void shouldDrawANamedLotFirst() {
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(sale(SITE, OATS, "30", "kg").id("s1").at("2025-11-05").lot("C"));

      assertThat(engine.onHand(SITE, OATS))
          .containsExactly(Map.entry("A", "100"), Map.entry("B", "100"), Map.entry("C", "70"));
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldDrawANamedLotToZeroRaiseLotOverdrawnAndTakeTheRestFirstInFirstOut() {
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(
          sale(SITE, OATS, "130", "kg").id("s1").at("2025-11-05").lot("C").counterparty("CUST-1"));

      assertThat(engine.onHand(SITE, OATS))
          .containsExactly(Map.entry("A", "70"), Map.entry("B", "100"));
      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("LOT_OVERDRAWN");
                assertThat(a.getSeverity()).isEqualTo("WARNING");
                assertThat(a.getLotId()).isEqualTo("C");
                assertThat(a.getQuantity()).isEqualTo("30");
                assertThat(a.getMovementId()).isEqualTo("s1");
              });
      TraceView trace = engine.lots().trace(SITE, OATS, "s1").orElseThrow();
      assertThat(trace.lots())
          .extracting(
              t ->
                  t.allocation().lotId()
                      + " "
                      + t.allocation().quantity().stripTrailingZeros().toPlainString())
          .containsExactly("C 100", "A 30");
    }
  }

  @Test
  void shouldNotRaiseLotOverdrawnWhenTheNamedLotHoldsExactlyTheQuantity() {
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(sale(SITE, OATS, "100", "kg").id("s1").at("2025-11-05").lot("B"));

      assertThat(engine.alerts()).isEmpty();
      assertThat(engine.onHand(SITE, OATS)).containsOnlyKeys("A", "C");
    }
  }

  @Test
  void shouldRaiseLotOverdrawnForTheWholeQuantityOfAUsedUpLot() {
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(
          sale(SITE, OATS, "100", "kg").id("s1").at("2025-11-05").lot("A"),
          sale(SITE, OATS, "10", "kg").id("s2").at("2025-11-06").lot("A"));

      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("LOT_OVERDRAWN");
                assertThat(a.getQuantity()).isEqualTo("10");
              });
      assertThat(engine.onHand(SITE, OATS))
          .containsExactly(Map.entry("B", "90"), Map.entry("C", "100"));
    }
  }

  @Test
  void shouldRaiseUntraceableOutboundForAnUnknownNamedLotAndStillDrawFirstInFirstOut() {
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(sale(SITE, OATS, "10", "kg").id("s1").at("2025-11-05").lot("NOPE"));

      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("UNTRACEABLE_OUTBOUND");
                assertThat(a.getSeverity()).isEqualTo("CRITICAL");
                assertThat(a.getLotId()).isEqualTo("NOPE");
                assertThat(a.getQuantity()).isEqualTo("10");
                assertThat(a.getDetails()).containsEntry("reason", "unknown lot");
              });
      assertThat(engine.onHand(SITE, OATS)).containsEntry("A", "90");
    }
  }

  @Test
  void shouldRaiseOneUntraceableOutboundForAnUnknownLotAndAnUncoveredRest() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          count(SITE, OATS, "100", "kg").id("c1").at("2025-11-10"),
          sale(SITE, OATS, "30", "kg").id("late").at("2025-11-05"),
          sale(SITE, OATS, "100", "kg").id("s1").at("2025-11-12").lot("NOPE"));

      List<Alert> untraceable =
          engine.alerts().stream().filter(a -> a.getType().equals("UNTRACEABLE_OUTBOUND")).toList();
      assertThat(untraceable)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getMovementId()).isEqualTo("s1");
                assertThat(a.getDetails()).containsEntry("uncovered", "30");
              });
    }
  }

  @Test
  void shouldRaiseUntraceableOutboundForTheRestNoLotCoversWhenTheBookCoversIt() {
    try (EngineDriver engine = engine()) {
      // the late sale (before the COUNT) draws lots but not the book: lots 70, book 100
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          count(SITE, OATS, "100", "kg").id("c1").at("2025-11-10"),
          sale(SITE, OATS, "30", "kg").id("late").at("2025-11-05"));
      assertThat(engine.alerts()).extracting(Alert::getType).containsExactly("LATE_MOVEMENT");

      engine.send(sale(SITE, OATS, "100", "kg").id("s1").at("2025-11-12"));

      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("UNTRACEABLE_OUTBOUND");
                assertThat(a.getQuantity()).isEqualTo("30");
                assertThat(a.getLotId()).isNull();
              });
      assertThat(engine.lots().trace(SITE, OATS, "s1").orElseThrow().uncovered())
          .isEqualByComparingTo("30");
    }
  }

  @Test
  void shouldNotRaiseUntraceableOutboundWhenTheLedgerRaisedOversell() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          sale(SITE, OATS, "150", "kg").id("s1").at("2025-11-05"));

      assertThat(engine.alerts()).extracting(Alert::getType).containsExactly("OVERSELL");
      assertThat(engine.onHand(SITE, OATS)).isEmpty();
      assertThat(engine.lots().trace(SITE, OATS, "s1").orElseThrow().uncovered())
          .isEqualByComparingTo("50");
    }
  }

  @Test
  void shouldAllocateWasteAndNegativeAdjustmentsWithTheirType() {
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(
          waste(SITE, OATS, "10", "kg").id("w1").at("2025-11-05"),
          adjustment(SITE, OATS, "-5", "kg").id("a1").at("2025-11-06"));

      assertThat(engine.drawsOf(SITE, OATS, "A")).containsExactly("w1 WASTE 10", "a1 ADJUSTMENT 5");
    }
  }

  @Test
  void shouldPutAPositiveAdjustmentInTheMonthsAdjustmentLotTracedToNoSupplier() {
    try (EngineDriver engine = engine()) {
      engine.send(
          adjustment(SITE, OATS, "5", "kg").id("a1").at("2025-11-06T10:00Z"),
          adjustment(SITE, OATS, "2", "kg").id("a2").at("2025-11-20"));

      var lot = engine.lot(SITE, OATS, "OATS-ADJ-202511");
      assertThat(lot.received()).isEqualByComparingTo("7");
      assertThat(lot.adjustment()).isTrue();
      assertThat(lot.supplierId()).isNull();
      assertThat(lot.certifiedAtReceipt()).isNull();
      assertThat(lot.receivedAt()).isEqualTo("2025-11-06T10:00:00Z");
    }
  }

  @Test
  void shouldKeepEveryAllocationsFacts() {
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(
          sale(SITE, OATS, "10", "kg")
              .id("s1")
              .at("2025-11-05T12:00Z")
              .counterparty("CUST-1")
              .document("SO-1"));

      var a = engine.lot(SITE, OATS, "A").allocations().get(0);
      assertThat(a.movementId()).isEqualTo("s1");
      assertThat(a.type()).isEqualTo("SALE");
      assertThat(a.quantity()).isEqualByComparingTo("10");
      assertThat(a.occurredAt()).isEqualTo("2025-11-05T12:00:00Z");
      assertThat(a.counterpartyId()).isEqualTo("CUST-1");
      assertThat(a.documentRef()).isEqualTo("SO-1");
      assertThat(a.toSiteId()).isNull();
    }
  }

  @Test
  void shouldGiveTheSameAlertIdsForTheSameInput() {
    List<String> first;
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(sale(SITE, OATS, "130", "kg").id("s1").at("2025-11-05").lot("C"));
      first = engine.alerts().stream().map(Alert::getAlertId).toList();
    }
    try (EngineDriver engine = engine()) {
      threeLots(engine);
      engine.send(sale(SITE, OATS, "130", "kg").id("s1").at("2025-11-05").lot("C"));
      assertThat(engine.alerts()).extracting(Alert::getAlertId).isEqualTo(first).hasSize(1);
    }
  }
}
