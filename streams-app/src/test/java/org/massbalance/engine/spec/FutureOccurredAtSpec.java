package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/** occurred_at is at most 24 h ahead of the wall clock (here 2026-01-15T00:00Z). */
class FutureOccurredAtSpec {

  static final String EXACTLY_24H_AHEAD = "2026-01-16T00:00:00Z";
  static final String ONE_MS_BEYOND_24H = "2026-01-16T00:00:00.001Z";

  private static void assertAccepted(EngineDriver engine, MovementBuilder m, String site) {
    engine.send(m);
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(site, m.build().getProductId())).isNotNull();
  }

  private static void assertRejected(EngineDriver engine, MovementBuilder m) {
    engine.send(m);
    List<RejectedRecord> rejected = engine.rejected();
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).getReason()).containsIgnoringCase("occurred_at");
  }

  @Test
  void shouldAcceptAMovementExactly24HoursAheadOfTheWallClock() {
    try (EngineDriver engine = engine()) {
      assertAccepted(engine, receipt(LONDON, OATS, "1", "kg").at(EXACTLY_24H_AHEAD), LONDON);
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("1");
    }
  }

  @Test
  void shouldRejectAMovementOneMillisecondMoreThan24HoursAhead() {
    try (EngineDriver engine = engine()) {
      assertRejected(engine, receipt(LONDON, OATS, "1", "kg").at(ONE_MS_BEYOND_24H));
    }
  }

  @Test
  void shouldMeasureTheLimitOnTheInstantWhateverTheOffset() {
    try (EngineDriver engine = engine()) {
      assertAccepted(
          engine, receipt(LONDON, OATS, "1", "kg").at("2026-01-16T01:00:00+01:00"), LONDON);
      assertRejected(engine, receipt(LONDON, OATS, "1", "kg").at("2026-01-16T01:00:01+01:00"));
      assertAccepted(engine, receipt(LONDON, OATS, "1", "kg").at("2026-01-15T16:00-08:00"), LONDON);
    }
  }

  @Test
  void shouldMeasureTheLimitOfALocalTimeInTheSitesZone() {
    try (EngineDriver engine = engine()) {
      // 16:00 in Los Angeles on 2026-01-15 is 2026-01-16T00:00Z
      assertAccepted(engine, receipt(FRESNO, OATS, "1", "kg").at("2026-01-15T16:00"), FRESNO);
      assertRejected(engine, receipt(FRESNO, OATS, "1", "kg").at("2026-01-15T16:00:00.001"));
      // and 00:00:01 of the 16th at a UTC site is beyond
      assertRejected(engine, receipt(LONDON, OATS, "1", "kg").at("2026-01-16T00:00:01"));
    }
  }

  @Test
  void shouldAcceptADateOnlyReceiptThatStartsExactly24HoursAhead() {
    try (EngineDriver engine = engine()) {
      assertAccepted(engine, receipt(LONDON, OATS, "1", "kg").at("2026-01-16"), LONDON);
    }
  }

  @Test
  void shouldJudgeADateOnlyCountByTheLastMillisecondOfItsDay() {
    try (EngineDriver engine = engine()) {
      // 2026-01-15 ends at 23:59:59.999Z: within 24 h
      assertAccepted(engine, count(LONDON, OATS, "1", "kg").at("2026-01-15"), LONDON);
      // 2026-01-16 ends at 2026-01-16T23:59:59.999Z: beyond
      assertRejected(engine, count(LONDON, OATS, "1", "kg").at("2026-01-16"));
    }
  }

  @Test
  void shouldAcceptTheSameDateOnceTheWallClockHasMoved() {
    try (EngineDriver engine = engine()) {
      assertRejected(engine, receipt(LONDON, OATS, "1", "kg").at(ONE_MS_BEYOND_24H).id("early"));
      engine.advanceWallClock(Duration.ofMinutes(1));
      assertAccepted(
          engine, receipt(LONDON, OATS, "1", "kg").at(ONE_MS_BEYOND_24H).id("early"), LONDON);
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("1");
    }
  }
}
