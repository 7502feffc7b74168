package org.massbalance.engine.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.periods.Close.BERLIN;
import static org.massbalance.engine.periods.Close.LONDON;
import static org.massbalance.engine.periods.Close.OATS;
import static org.massbalance.engine.periods.Close.drain;
import static org.massbalance.engine.periods.Close.idle;
import static org.massbalance.engine.periods.Close.snapshotTopic;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/** Late movements at the edges of the close: empty months, transfers, counts, duplicates. */
class LateMovementSpec {

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(LONDON, "UTC", "GB").site(BERLIN, "UTC", "DE");
    engine.product(OATS, "kg", "5.0", "OAT");
    return engine;
  }

  /** The latest record per key, null for a tombstone. */
  private static Map<String, Snapshot> latestByKey(List<TestRecord<String, Snapshot>> records) {
    Map<String, Snapshot> out = new LinkedHashMap<>();
    for (TestRecord<String, Snapshot> r : records) {
      out.put(r.key(), r.value());
    }
    return out;
  }

  @Test
  void shouldRaiseLateMovementForAMovementInAPastMonthThatHadNoPeriodYet() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, Snapshot> topic = snapshotTopic(engine);
      // given October and later are closed, and September was never opened (nothing in it)
      engine.send(receipt(LONDON, OATS, "100", "kg").id("oct").at("2025-10-05"));
      idle(engine);
      drain(topic);
      engine.alerts();
      // when a receipt dated September arrives (its end + grace passed long ago)
      engine.send(receipt(LONDON, OATS, "5", "kg").id("sep-late").at("2025-09-20"));
      // then September gets its snapshot and October to December are restated
      Map<String, Snapshot> now = latestByKey(drain(topic));
      assertThat(now.get("LONDON|OATS|2025-09").getClosing()).isEqualTo("5");
      assertThat(now.get("LONDON|OATS|2025-10").getRevision()).isEqualTo(2);
      assertThat(now.get("LONDON|OATS|2025-10").getOpening()).isEqualTo("5");
      assertThat(now.get("LONDON|OATS|2025-12").getClosing()).isEqualTo("105");
      // and it lands in a closed period: LATE_MOVEMENT
      assertThat(engine.alerts())
          .filteredOn(a -> a.getType().equals("LATE_MOVEMENT"))
          .extracting(Alert::getMovementId)
          .as("LATE_MOVEMENT: a movement lands in a closed period")
          .containsExactly("sep-late");
    }
  }

  @Test
  void shouldLeaveNoLiveSnapshotForAnEmptyMonthWhoseOpeningARestatementTurnsToZero() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, Snapshot> topic = snapshotTopic(engine);
      // given October closes at 10, so November (no movements, opening 10) gets a snapshot
      engine.send(
          receipt(LONDON, OATS, "10", "kg").id("oct").at("2025-10-05"),
          receipt(LONDON, OATS, "3", "kg").id("dec").at("2025-12-05"));
      idle(engine);
      assertThat(latestByKey(drain(topic))).containsKey("LONDON|OATS|2025-11");
      // when a late sale of 10 in October makes its closing 0
      engine.send(sale(LONDON, OATS, "10", "kg").id("oct-late").at("2025-10-20"));
      idle(engine);
      // then November is a month without movements and a zero opening: in order it would have
      // no snapshot, and the latest snapshots must not depend on arrival order
      Map<String, Snapshot> now = latestByKey(drain(topic));
      assertThat(now.get("LONDON|OATS|2025-10").getClosing()).isEqualTo("0");
      assertThat(now.get("LONDON|OATS|2025-12").getOpening()).isEqualTo("0");
      assertThat(now)
          .as("November's latest record: a tombstone (its key withdrawn), not a zero snapshot")
          .containsKey("LONDON|OATS|2025-11");
      assertThat(now.get("LONDON|OATS|2025-11")).isNull();
    }
  }

  @Test
  void shouldRaiseOneLateMovementPerKeyWhenALateTransferLandsInTwoClosedPeriods() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(LONDON, OATS, "100", "kg").id("l-oct").at("2025-10-05"),
          receipt(BERLIN, OATS, "50", "kg").id("b-nov").at("2025-11-05"));
      idle(engine);
      engine.snapshots();
      engine.alerts();
      engine.send(transfer(LONDON, BERLIN, OATS, "40", "kg").id("t-late").at("2025-11-10"));
      List<Alert> late =
          engine.alerts().stream().filter(a -> a.getType().equals("LATE_MOVEMENT")).toList();
      assertThat(late)
          .extracting(a -> a.getSiteId() + "|" + a.getMovementId())
          .containsExactlyInAnyOrder("LONDON|t-late", "BERLIN|t-late");
      List<Snapshot> restated = engine.snapshots();
      assertThat(restated)
          .extracting(s -> s.getSiteId() + "|" + s.getPeriod() + "|" + s.getRevision())
          .containsExactlyInAnyOrder(
              "LONDON|2025-11|2", "LONDON|2025-12|2", "BERLIN|2025-11|2", "BERLIN|2025-12|2");
      assertThat(restated)
          .filteredOn(s -> s.getPeriod().equals("2025-12"))
          .extracting(s -> s.getSiteId() + "=" + s.getClosing())
          .containsExactlyInAnyOrder("LONDON=60", "BERLIN=90");
    }
  }

  @Test
  void shouldRestateLaterPeriodsWhenALateCountChangesAClosedPeriodsClosing() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(LONDON, OATS, "100", "kg").id("oct").at("2025-10-05"),
          sale(LONDON, OATS, "10", "kg").id("nov").at("2025-11-05"));
      idle(engine);
      engine.snapshots();
      engine.alerts();
      // when a COUNT of 96 dated late October arrives: October closes at 96, not 100
      engine.send(count(LONDON, OATS, "96", "kg").id("oct-count").at("2025-10-31"));
      List<Snapshot> restated = engine.snapshots();
      assertThat(restated)
          .extracting(s -> s.getPeriod() + "|" + s.getRevision() + "|" + s.getClosing())
          .containsExactly("2025-10|2|96", "2025-11|2|86", "2025-12|2|86");
      Snapshot oct = restated.get(0);
      assertThat(oct.getExpectedAtCount()).isEqualTo("100");
      assertThat(oct.getCountVariance()).isEqualTo("-4");
      assertThat(oct.getVariancePct()).isEqualTo("-4");
      assertThat(oct.getStatus()).isEqualTo("WITHIN_TOLERANCE");
      assertThat(engine.alerts())
          .filteredOn(a -> a.getType().equals("LATE_MOVEMENT"))
          .extracting(Alert::getMovementId)
          .containsExactly("oct-count");
    }
  }

  @Test
  void shouldNeitherRestateNorAlertWhenClosedMovementsAreDeliveredAgain() {
    try (EngineDriver engine = engine()) {
      List<MovementBuilder> input =
          List.of(
              receipt(LONDON, OATS, "100", "kg").id("a").at("2025-10-05"),
              sale(LONDON, OATS, "10", "kg").id("b").at("2025-11-05"),
              count(LONDON, OATS, "90", "kg").id("c").at("2025-11-30"));
      input.forEach(engine::send);
      idle(engine);
      assertThat(engine.snapshots()).extracting(Snapshot::getRevision).containsOnly(1);
      engine.alerts();
      // when the same movements are delivered again (a producer retry): applied once
      input.forEach(engine::send);
      idle(engine);
      assertThat(engine.snapshots()).as("no restatement").isEmpty();
      assertThat(engine.alerts()).as("no LATE_MOVEMENT for a repeat").isEmpty();
    }
  }

  @Test
  void shouldRaiseLateMovementAtADestinationWhoseClosedPeriodHadNoMovementsYet() {
    try (EngineDriver engine = engine()) {
      // given LONDON's October to December are closed and BERLIN has never had a movement
      engine.send(receipt(LONDON, OATS, "100", "kg").id("l-oct").at("2025-10-05"));
      idle(engine);
      engine.snapshots();
      engine.alerts();
      // when a transfer dated November (closed for the partition) arrives at BERLIN
      engine.send(transfer(LONDON, BERLIN, OATS, "40", "kg").id("t-late").at("2025-11-10"));
      idle(engine);
      Map<String, Snapshot> now = Close.latest(engine.snapshots());
      assertThat(Close.of(now, BERLIN, OATS, "2025-11").getTransfersIn()).isEqualTo("40");
      assertThat(Close.of(now, BERLIN, OATS, "2025-12").getClosing()).isEqualTo("40");
      assertThat(Close.of(now, LONDON, OATS, "2025-12").getClosing()).isEqualTo("60");
      // then "a movement (or a transfer's arrival) lands in a closed period": one per key
      assertThat(engine.alerts())
          .filteredOn(a -> a.getType().equals("LATE_MOVEMENT"))
          .extracting(a -> a.getSiteId() + "|" + a.getMovementId())
          .containsExactlyInAnyOrder("LONDON|t-late", "BERLIN|t-late");
    }
  }

  /** The live (non-tombstone) latest snapshots after sending {@code input} in that order. */
  private static Map<String, Snapshot> liveAfter(List<MovementBuilder> input) {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, Snapshot> topic = snapshotTopic(engine);
      input.forEach(engine::send);
      idle(engine);
      Map<String, Snapshot> live = new LinkedHashMap<>(latestByKey(drain(topic)));
      live.values().removeIf(java.util.Objects::isNull);
      return live;
    }
  }

  @Test
  void shouldPublishTheSameSetOfSnapshotsWhateverTheOrderWhenALateSaleZeroesAClosing() {
    // in order: October nets to 0, November has neither movements nor opening: no snapshot
    Map<String, Snapshot> inOrder =
        liveAfter(
            List.of(
                receipt(LONDON, OATS, "10", "kg").id("oct-in").at("2025-10-05"),
                sale(LONDON, OATS, "10", "kg").id("oct-out").at("2025-10-20"),
                receipt(LONDON, OATS, "3", "kg").id("dec").at("2025-12-05")));
    // the December receipt first closes October (10) and November (opening 10) by stream time
    Map<String, Snapshot> late =
        liveAfter(
            List.of(
                receipt(LONDON, OATS, "10", "kg").id("oct-in").at("2025-10-05"),
                receipt(LONDON, OATS, "3", "kg").id("dec").at("2025-12-05"),
                sale(LONDON, OATS, "10", "kg").id("oct-out").at("2025-10-20")));
    assertThat(inOrder.keySet()).containsExactly("LONDON|OATS|2025-10", "LONDON|OATS|2025-12");
    assertThat(late.keySet())
        .as("arrival order must not change the latest snapshots")
        .containsExactlyInAnyOrderElementsOf(inOrder.keySet());
  }
}
