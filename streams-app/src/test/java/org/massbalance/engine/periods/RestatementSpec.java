package org.massbalance.engine.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.periods.Close.LONDON;
import static org.massbalance.engine.periods.Close.OATS;
import static org.massbalance.engine.periods.Close.drain;
import static org.massbalance.engine.periods.Close.idle;
import static org.massbalance.engine.periods.Close.latest;
import static org.massbalance.engine.periods.Close.of;
import static org.massbalance.engine.periods.Close.snapshotTopic;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;

/**
 * "A movement for a closed period restates that period and every later closed one whose figures
 * change (revision + 1, same key). The latest revision of each snapshot is deterministic; revision
 * numbers may differ between deployments, and in-order replay should not restate at all."
 * LATE_MOVEMENT: "a movement (or a transfer's arrival) lands in a closed period, or before the last
 * COUNT of its (site, product); at most one per movement and key".
 */
class RestatementSpec {

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(LONDON, "UTC", "GB").product(OATS, "kg", "5.0", "OAT");
    return engine;
  }

  @Test
  void shouldRestateTwoClosedPeriodsWhenALateReceiptLandsTwoClosesBack() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, Snapshot> topic = snapshotTopic(engine);
      // given October 100 in, November 30 out, December 10 in, all closed
      engine.send(
          receipt(LONDON, OATS, "100", "kg").id("oct").at("2025-10-05"),
          sale(LONDON, OATS, "30", "kg").id("nov").at("2025-11-05"),
          receipt(LONDON, OATS, "10", "kg").id("dec").at("2025-12-05"));
      idle(engine);
      Map<String, Snapshot> first = latest(values(drain(topic)));
      assertThat(first.values()).extracting(Snapshot::getRevision).containsOnly(1);
      assertThat(of(first, LONDON, OATS, "2025-12").getClosing()).isEqualTo("80");
      engine.alerts();

      // when a receipt of 5 dated October arrives
      engine.send(receipt(LONDON, OATS, "5", "kg").id("oct-late").at("2025-10-20"));

      // then October, November and December are republished, revision 2, under the same keys
      List<TestRecord<String, Snapshot>> restated = drain(topic);
      assertThat(restated)
          .extracting(TestRecord::key)
          .containsExactly("LONDON|OATS|2025-10", "LONDON|OATS|2025-11", "LONDON|OATS|2025-12");
      assertThat(values(restated)).extracting(Snapshot::getRevision).containsOnly(2);
      Map<String, Snapshot> now = latest(values(restated));
      Snapshot oct = of(now, LONDON, OATS, "2025-10");
      assertThat(oct.getReceipts()).isEqualTo("105");
      assertThat(oct.getClosing()).isEqualTo("105");
      Snapshot nov = of(now, LONDON, OATS, "2025-11");
      assertThat(nov.getOpening()).isEqualTo("105");
      assertThat(nov.getClosing()).isEqualTo("75");
      Snapshot dec = of(now, LONDON, OATS, "2025-12");
      assertThat(dec.getOpening()).isEqualTo("75");
      assertThat(dec.getClosing()).isEqualTo("85");
      // and one LATE_MOVEMENT for the movement (the receipt names no NOP ID: that alert aside)
      List<Alert> alerts =
          engine.alerts().stream().filter(a -> a.getType().equals("LATE_MOVEMENT")).toList();
      assertThat(alerts)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("LATE_MOVEMENT");
                assertThat(a.getMovementId()).isEqualTo("oct-late");
                assertThat(a.getPeriod()).isEqualTo("2025-10");
              });
    }
  }

  @Test
  void shouldRestateOnlyThePeriodBeforeTheLastCountWhenALateMovementPrecedesIt() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, Snapshot> topic = snapshotTopic(engine);
      engine.send(
          receipt(LONDON, OATS, "100", "kg").id("oct").at("2025-10-05"),
          receipt(LONDON, OATS, "50", "kg").id("nov-in").at("2025-11-05"),
          count(LONDON, OATS, "140", "kg").id("nov-count").at("2025-11-20"),
          sale(LONDON, OATS, "10", "kg").id("nov-out").at("2025-11-25"),
          sale(LONDON, OATS, "5", "kg").id("dec-out").at("2025-12-05"));
      idle(engine);
      Map<String, Snapshot> first = latest(values(drain(topic)));
      Snapshot nov1 = of(first, LONDON, OATS, "2025-11");
      // expected_at_count 100 + 50 = 150, variance -10, closing 140 - 10 = 130
      assertThat(nov1.getExpectedAtCount()).isEqualTo("150");
      assertThat(nov1.getCountVariance()).isEqualTo("-10");
      assertThat(nov1.getClosing()).isEqualTo("130");
      engine.alerts();

      // when a receipt of 4 dated before November's last COUNT arrives
      engine.send(receipt(LONDON, OATS, "4", "kg").id("nov-late").at("2025-11-10"));

      // then only November is republished: expected_at_count and variance change, closing not
      List<TestRecord<String, Snapshot>> restated = drain(topic);
      assertThat(restated).extracting(TestRecord::key).containsExactly("LONDON|OATS|2025-11");
      Snapshot nov = restated.get(0).value();
      assertThat(nov.getRevision()).isEqualTo(2);
      assertThat(nov.getReceipts()).isEqualTo("54");
      assertThat(nov.getExpectedAtCount()).isEqualTo("154");
      assertThat(nov.getCountVariance()).isEqualTo("-14");
      assertThat(nov.getExpectedClosing()).isEqualTo("144");
      assertThat(nov.getClosing()).isEqualTo("130");
      // and at most one LATE_MOVEMENT although it is both in a closed period and before a COUNT
      assertThat(engine.alerts())
          .filteredOn(a -> a.getType().equals("LATE_MOVEMENT"))
          .singleElement()
          .satisfies(a -> assertThat(a.getMovementId()).isEqualTo("nov-late"));
    }
  }

  @Test
  void shouldRaiseOneLateMovementPerLateMovement() {
    try (EngineDriver engine = engine()) {
      engine.send(receipt(LONDON, OATS, "100", "kg").id("oct").at("2025-10-05"));
      idle(engine);
      engine.snapshots();
      engine.alerts();
      engine.send(
          receipt(LONDON, OATS, "1", "kg").id("late-1").at("2025-10-06"),
          sale(LONDON, OATS, "2", "kg").id("late-2").at("2025-11-06"));
      assertThat(engine.alerts())
          .filteredOn(a -> a.getType().equals("LATE_MOVEMENT"))
          .extracting(Alert::getMovementId)
          .containsExactly("late-1", "late-2");
      Map<String, Snapshot> now = latest(engine.snapshots());
      assertThat(of(now, LONDON, OATS, "2025-12").getClosing()).isEqualTo("99");
      assertThat(of(now, LONDON, OATS, "2025-12").getRevision()).isEqualTo(3);
    }
  }

  @Test
  void shouldNeverRestateWhenMovementsArriveInOrder() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, Snapshot> topic = snapshotTopic(engine);
      // closes by stream time as it goes, then by the wall clock
      engine.send(
          receipt(LONDON, OATS, "100", "kg").id("a").at("2025-09-03"),
          sale(LONDON, OATS, "10", "kg").id("b").at("2025-09-20"),
          count(LONDON, OATS, "88", "kg").id("c").at("2025-09-30"),
          receipt(LONDON, OATS, "40", "kg").id("d").at("2025-10-02"),
          sale(LONDON, OATS, "20", "kg").id("e").at("2025-10-10"),
          count(LONDON, OATS, "107", "kg").id("f").at("2025-10-31"),
          sale(LONDON, OATS, "7", "kg").id("g").at("2025-11-15"),
          receipt(LONDON, OATS, "3", "kg").id("h").at("2025-12-24"));
      idle(engine);
      List<TestRecord<String, Snapshot>> all = drain(topic);
      assertThat(all)
          .extracting(TestRecord::key)
          .containsExactly(
              "LONDON|OATS|2025-09",
              "LONDON|OATS|2025-10",
              "LONDON|OATS|2025-11",
              "LONDON|OATS|2025-12");
      assertThat(values(all)).extracting(Snapshot::getRevision).containsOnly(1);
      assertThat(values(all))
          .extracting(Snapshot::getClosing)
          .containsExactly("88", "107", "100", "103");
      assertThat(engine.alerts()).extracting(Alert::getType).doesNotContain("LATE_MOVEMENT");
    }
  }

  @Test
  void shouldStopRestatingAtAPeriodWhoseCountKeepsItsClosing() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, Snapshot> topic = snapshotTopic(engine);
      engine.send(
          receipt(LONDON, OATS, "100", "kg").id("oct").at("2025-10-05"),
          count(LONDON, OATS, "98", "kg").id("nov-count").at("2025-11-20"),
          sale(LONDON, OATS, "8", "kg").id("nov-out").at("2025-11-25"),
          sale(LONDON, OATS, "5", "kg").id("dec-out").at("2025-12-05"));
      idle(engine);
      drain(topic);
      // when a late receipt of 2 lands in October
      engine.send(receipt(LONDON, OATS, "2", "kg").id("oct-late").at("2025-10-06"));
      // then October (closing 102) and November (opening 102) are restated; November's COUNT
      // keeps its closing at 98 - 8 = 90, so December's figures do not change
      List<TestRecord<String, Snapshot>> restated = drain(topic);
      assertThat(restated)
          .extracting(TestRecord::key)
          .containsExactly("LONDON|OATS|2025-10", "LONDON|OATS|2025-11");
      Snapshot nov = restated.get(1).value();
      assertThat(nov.getRevision()).isEqualTo(2);
      assertThat(nov.getOpening()).isEqualTo("102");
      assertThat(nov.getExpectedAtCount()).isEqualTo("102");
      assertThat(nov.getCountVariance()).isEqualTo("-4");
      assertThat(nov.getExpectedClosing()).isEqualTo("94");
      assertThat(nov.getClosing()).isEqualTo("90");
      assertThat(nov.getVariancePct()).isEqualTo(Close.pct(Close.d("-4"), Close.d("102")));
    }
  }

  static List<Snapshot> values(List<TestRecord<String, Snapshot>> records) {
    return records.stream().map(TestRecord::value).toList();
  }
}
