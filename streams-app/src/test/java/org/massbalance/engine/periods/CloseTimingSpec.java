package org.massbalance.engine.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.periods.Close.LONDON;
import static org.massbalance.engine.periods.Close.OATS;
import static org.massbalance.engine.periods.Close.idle;
import static org.massbalance.engine.periods.Close.latest;
import static org.massbalance.engine.periods.Close.of;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;

/**
 * "Close: a period closes when the stream time of its partition passes the period's end plus a
 * grace period (default 3 days), or, once the partition has no lag and has been idle a while
 * (default 30 s), when the wall clock does. At close, every (site, product) with a movement in the
 * period or a nonzero opening gets a snapshot."
 */
class CloseTimingSpec {

  private static EngineDriver london(EngineDriver engine) {
    engine.site(LONDON, "UTC", "GB").product(OATS, "kg", "5.0", "OAT");
    return engine;
  }

  @Test
  void shouldCloseNovemberWhenStreamTimeReachesItsEndPlusGraceExactly() {
    try (EngineDriver engine = london(new EngineDriver())) {
      // given November with a receipt (UTC: ends 2025-12-01T00:00Z, closes at 2025-12-04T00:00Z)
      engine.send(receipt(LONDON, OATS, "100", "kg").id("nov").at("2025-11-10T00:00:00Z"));
      // when stream time reaches 1 ms before end + grace
      engine.send(receipt(LONDON, OATS, "1", "kg").id("dec-1").at("2025-12-03T23:59:59.999Z"));
      // then nothing closes
      assertThat(engine.snapshots()).isEmpty();
      // when it reaches end + grace exactly
      engine.send(receipt(LONDON, OATS, "1", "kg").id("dec-2").at("2025-12-04T00:00:00Z"));
      // then November closes, once, with revision 1
      assertThat(engine.snapshots())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.getPeriod()).isEqualTo("2025-11");
                assertThat(s.getRevision()).isEqualTo(1);
                assertThat(s.getClosing()).isEqualTo("100");
              });
    }
  }

  @Test
  void shouldNotCloseByStreamTimeWhenAnEarlierDatedMovementArrivesLast() {
    try (EngineDriver engine = london(new EngineDriver())) {
      engine.send(receipt(LONDON, OATS, "100", "kg").id("nov").at("2025-11-10T00:00:00Z"));
      engine.send(receipt(LONDON, OATS, "1", "kg").id("dec-1").at("2025-12-03T23:00:00Z"));
      // stream time is the maximum seen: an older movement does not move it back nor forward
      engine.send(receipt(LONDON, OATS, "1", "kg").id("nov-2").at("2025-11-12T00:00:00Z"));
      assertThat(engine.snapshots()).isEmpty();
    }
  }

  @Test
  void shouldNotLetAReRoutedMovementMoveThePartitionsStreamTime() {
    // "the engine re-routes records whose key or partition is wrong through a named repartition
    // topic (order between the two paths is not guaranteed)": a re-routed movement may come ahead
    // of the partition's own movements, so only these move its stream time
    try (EngineDriver engine = london(new EngineDriver())) {
      engine.send(receipt(LONDON, OATS, "100", "kg").id("nov").at("2025-11-10T00:00:00Z"));
      // when a movement dated in January comes under a wrong key
      engine.sendKeyed(
          "WRONG-KEY",
          receipt(LONDON, OATS, "5", "kg").id("jan").at("2026-01-10T00:00:00Z").build());
      // then it is booked, and November stays open
      assertThat(engine.snapshots()).isEmpty();
      // and a November sale of the partition's own is not late
      engine.send(sale(LONDON, OATS, "10", "kg").id("nov-sale").at("2025-11-20T00:00:00Z"));
      assertThat(engine.alerts()).noneMatch(a -> a.getType().equals("LATE_MOVEMENT"));
      // when the partition's own movements pass November's end plus grace, November closes
      engine.send(receipt(LONDON, OATS, "1", "kg").id("dec").at("2025-12-04T00:00:00Z"));
      assertThat(latest(engine.snapshots()).get("LONDON|OATS|2025-11").getClosing())
          .isEqualTo("90");
    }
  }

  @Test
  void shouldLetReRoutedMovementsMoveStreamTimeWhileThePartitionHasNoneOfItsOwn() {
    // a partition that only ever receives re-routed records still closes its months
    try (EngineDriver engine = london(new EngineDriver())) {
      engine.sendKeyed(
          "WRONG-KEY",
          receipt(LONDON, OATS, "100", "kg").id("nov").at("2025-11-10T00:00:00Z").build());
      engine.sendKeyed(
          "WRONG-KEY",
          receipt(LONDON, OATS, "1", "kg").id("dec").at("2025-12-04T00:00:00Z").build());
      assertThat(latest(engine.snapshots()).get("LONDON|OATS|2025-11").getClosing())
          .isEqualTo("100");
    }
  }

  @Test
  void shouldCloseByTheWallClockOnlyAfterThePartitionHasBeenIdleThirtySeconds() {
    try (EngineDriver engine = london(new EngineDriver())) {
      engine.send(receipt(LONDON, OATS, "100", "kg").id("nov").at("2025-11-10T00:00:00Z"));
      // when the wall clock (2026-01-15, far past November's end + grace) moves 25 s
      engine.advanceWallClock(Duration.ofSeconds(25));
      // then nothing has closed yet
      assertThat(engine.snapshots()).isEmpty();
      // when it has been idle 30 s and more
      engine.advanceWallClock(Duration.ofSeconds(15));
      // then November and December (opening 100) close; January 2026 is not due
      Map<String, Snapshot> latest = latest(engine.snapshots());
      assertThat(latest.keySet())
          .containsExactlyInAnyOrder("LONDON|OATS|2025-11", "LONDON|OATS|2025-12");
    }
  }

  @Test
  void shouldNotCloseByTheWallClockBeforeTheEndPlusGraceIsReached() {
    // given a wall clock one hour before November's end + grace
    try (EngineDriver engine =
        london(new EngineDriver(Instant.parse("2025-12-03T23:00:00Z"), Map.of()))) {
      engine.send(receipt(LONDON, OATS, "100", "kg").id("nov").at("2025-11-10T00:00:00Z"));
      idle(engine);
      assertThat(engine.snapshots()).as("idle, but the wall clock is before end + grace").isEmpty();
      engine.advanceWallClock(Duration.ofHours(1));
      assertThat(engine.snapshots()).extracting(Snapshot::getPeriod).containsExactly("2025-11");
    }
  }

  @Test
  void shouldPublishSnapshotsForMonthsWithoutMovementsWhileTheOpeningIsNonzero() {
    try (EngineDriver engine = london(new EngineDriver())) {
      // given a single receipt in August
      engine.send(receipt(LONDON, OATS, "100", "kg").id("aug").at("2025-08-20"));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      // then August to December get a snapshot each, the opening chained from the closing
      assertThat(latest.keySet())
          .containsExactly(
              "LONDON|OATS|2025-08",
              "LONDON|OATS|2025-09",
              "LONDON|OATS|2025-10",
              "LONDON|OATS|2025-11",
              "LONDON|OATS|2025-12");
      for (String p : new String[] {"2025-09", "2025-10", "2025-11", "2025-12"}) {
        Snapshot s = of(latest, LONDON, OATS, p);
        assertThat(s.getOpening()).as(p).isEqualTo("100");
        assertThat(s.getReceipts()).as(p).isEqualTo("0");
        assertThat(s.getExpectedClosing()).as(p).isEqualTo("100");
        assertThat(s.getClosing()).as(p).isEqualTo("100");
        assertThat(s.getStatus()).as(p).isEqualTo("NOT_COUNTED");
        assertThat(s.getCounted()).as(p).isNull();
        assertThat(s.getWastePct()).as(p).isEqualTo("0");
      }
    }
  }

  @Test
  void shouldPublishNoSnapshotForAZeroOpeningMonthWithoutMovements() {
    try (EngineDriver engine = london(new EngineDriver())) {
      // given September nets to zero and November has a receipt
      engine.send(
          receipt(LONDON, OATS, "100", "kg").id("sep-in").at("2025-09-02"),
          sale(LONDON, OATS, "100", "kg").id("sep-out").at("2025-09-03"),
          receipt(LONDON, OATS, "7", "kg").id("nov-in").at("2025-11-03"));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      // then October (opening 0, no movement) has none; November opens at 0
      assertThat(latest.keySet())
          .containsExactly("LONDON|OATS|2025-09", "LONDON|OATS|2025-11", "LONDON|OATS|2025-12");
      assertThat(of(latest, LONDON, OATS, "2025-09").getClosing()).isEqualTo("0");
      assertThat(of(latest, LONDON, OATS, "2025-11").getOpening()).isEqualTo("0");
      assertThat(of(latest, LONDON, OATS, "2025-12").getOpening()).isEqualTo("7");
    }
  }

  @Test
  void shouldChainANegativeClosingIntoTheNextMonthsOpening() {
    try (EngineDriver engine = london(new EngineDriver())) {
      // a negative closing is nonzero: the next month gets a snapshot with that opening
      engine.send(sale(LONDON, OATS, "5", "kg").id("oct-out").at("2025-10-02"));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      assertThat(of(latest, LONDON, OATS, "2025-11")).isNotNull();
      assertThat(of(latest, LONDON, OATS, "2025-11").getOpening()).isEqualTo("-5");
      assertThat(of(latest, LONDON, OATS, "2025-12").getClosing()).isEqualTo("-5");
    }
  }

  @Test
  void shouldNotCloseByTheWallClockWhileMovementsKeepArriving() {
    try (EngineDriver engine = london(new EngineDriver())) {
      // a movement every 20 s of wall clock: the partition is never idle for 30 s
      engine.send(receipt(LONDON, OATS, "1", "kg").id("a").at("2025-11-10T00:00:00Z"));
      engine.advanceWallClock(Duration.ofSeconds(20));
      engine.send(receipt(LONDON, OATS, "1", "kg").id("b").at("2025-11-11T00:00:00Z"));
      engine.advanceWallClock(Duration.ofSeconds(20));
      engine.send(receipt(LONDON, OATS, "1", "kg").id("c").at("2025-11-12T00:00:00Z"));
      engine.advanceWallClock(Duration.ofSeconds(20));
      assertThat(engine.snapshots()).isEmpty();
      // once idle for 30 s it closes
      engine.advanceWallClock(Duration.ofSeconds(20));
      assertThat(engine.snapshots()).extracting(Snapshot::getPeriod).contains("2025-11");
    }
  }
}
