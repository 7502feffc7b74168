package org.massbalance.engine.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.periods.Close.OATS;
import static org.massbalance.engine.periods.Close.idle;
import static org.massbalance.engine.periods.Close.latest;
import static org.massbalance.engine.periods.Close.of;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;

/**
 * "Periods are calendar months in the site's time zone." A movement at the last local millisecond
 * of a month is in that month; one at the next month's first instant is not; a date-only COUNT
 * means the last millisecond of its day. Boundaries are local midnights, across DST changes and
 * year ends.
 */
class MonthBoundarySpec {

  static final String SITE = "DEPOT";

  /**
   * Given a UTC site, when a receipt of 1 kg lands at the month's last millisecond, one of 10 kg at
   * the next month's first instant and a date-only COUNT of 1 kg on the last day, then the month
   * has receipts 1 and counted 1, and the next month has receipts 10.
   */
  private static void monthEnd(
      String zone,
      String month,
      String lastLocalMs,
      String lastDay,
      String nextFirst,
      String nextMonth) {
    try (EngineDriver engine = new EngineDriver()) {
      engine.site(SITE, zone, "GB").product(OATS, "kg", "5.0", "OAT");
      engine.send(
          receipt(SITE, OATS, "1", "kg").id("last-ms").at(lastLocalMs),
          count(SITE, OATS, "1", "kg").id("count-last-day").at(lastDay),
          receipt(SITE, OATS, "10", "kg").id("next-first").at(nextFirst));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());

      Snapshot m = of(latest, SITE, OATS, month);
      assertThat(m).as("snapshot of %s", month).isNotNull();
      assertThat(m.getReceipts()).as("the last local millisecond is in %s", month).isEqualTo("1");
      assertThat(m.getCounted())
          .as("a date-only COUNT on the last day is in %s", month)
          .isEqualTo("1");
      assertThat(m.getClosing()).isEqualTo("1");
      assertThat(m.getStatus()).isEqualTo("WITHIN_TOLERANCE");

      Snapshot n = of(latest, SITE, OATS, nextMonth);
      assertThat(n).as("snapshot of %s", nextMonth).isNotNull();
      assertThat(n.getOpening()).isEqualTo("1");
      assertThat(n.getReceipts())
          .as("the next month's first instant is not in %s", month)
          .isEqualTo("10");
      assertThat(n.getCounted()).isNull();
      assertThat(n.getClosing()).isEqualTo("11");
    }
  }

  @Test
  void shouldEndA28DayFebruaryAtItsLastLocalMillisecond() {
    monthEnd(
        "UTC",
        "2025-02",
        "2025-02-28T23:59:59.999",
        "2025-02-28",
        "2025-03-01T00:00:00",
        "2025-03");
  }

  @Test
  void shouldEndA29DayLeapFebruaryAtItsLastLocalMillisecond() {
    monthEnd(
        "UTC", "2024-02", "2024-02-29T23:59:59.999", "2024-02-29", "2024-03-01T00:00", "2024-03");
  }

  @Test
  void shouldEndA30DayMonthAtItsLastLocalMillisecond() {
    monthEnd(
        "UTC",
        "2025-04",
        "2025-04-30T23:59:59.999",
        "2025-04-30",
        "2025-05-01T00:00:00.000",
        "2025-05");
  }

  @Test
  void shouldEndA31DayMonthAtItsLastLocalMillisecond() {
    monthEnd(
        "UTC",
        "2025-08",
        "2025-08-31T23:59:59.999",
        "2025-08-31",
        "2025-09-01T00:00:00",
        "2025-09");
  }

  @Test
  void shouldEndA31DayMonthAtTheLastLocalMillisecondOfANonUtcZone() {
    // Asia/Tokyo +09:00 without DST: 2025-07-31T23:59:59.999 local = 14:59:59.999Z
    monthEnd(
        "Asia/Tokyo",
        "2025-07",
        "2025-07-31T14:59:59.999Z",
        "2025-07-31",
        "2025-07-31T15:00:00Z",
        "2025-08");
  }

  /**
   * Los Angeles, November 2025: PDT (-07:00) until 2025-11-02T02:00 local, then PST (-08:00); the
   * 2nd is a 25-hour day. October ends at 2025-11-01T07:00Z, November at 2025-12-01T08:00Z.
   */
  @Test
  void shouldBoundNovemberInLosAngelesByLocalMidnightsAcrossTheTwentyFiveHourDay() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.site(SITE, "America/Los_Angeles", "US").product(OATS, "kg", "5.0", "OAT");
      engine.send(
          receipt(SITE, OATS, "1", "kg").id("oct-last").at("2025-11-01T06:59:59.999Z"),
          receipt(SITE, OATS, "2", "kg").id("nov-first").at("2025-11-01T07:00:00Z"),
          // the repeated hour: the first 01:30 (PDT) and the second (PST) are both 2 November
          receipt(SITE, OATS, "4", "kg").id("nov-2-first-0130").at("2025-11-02T01:30"),
          receipt(SITE, OATS, "8", "kg").id("nov-2-second-0130").at("2025-11-02T01:30-08:00"),
          // 2025-11-30T23:30 PST = 2025-12-01T07:30Z: still November, though December in UTC
          // and even under the summer offset
          receipt(SITE, OATS, "16", "kg").id("nov-last-hour").at("2025-12-01T07:30:00Z"),
          receipt(SITE, OATS, "32", "kg").id("nov-last-ms").at("2025-11-30T23:59:59.999"),
          receipt(SITE, OATS, "64", "kg").id("dec-first").at("2025-12-01T08:00:00Z"));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      assertThat(of(latest, SITE, OATS, "2025-10").getReceipts()).isEqualTo("1");
      assertThat(of(latest, SITE, OATS, "2025-11").getReceipts())
          .as("2 + 4 + 8 + 16 + 32")
          .isEqualTo("62");
      assertThat(of(latest, SITE, OATS, "2025-11").getOpening()).isEqualTo("1");
      assertThat(of(latest, SITE, OATS, "2025-12").getReceipts()).isEqualTo("64");
      assertThat(of(latest, SITE, OATS, "2025-12").getClosing()).isEqualTo("127");
    }
  }

  /** November in Los Angeles closes by stream time at 2025-12-01T08:00Z (PST) + 3 days. */
  @Test
  void shouldCloseNovemberInLosAngelesAtTheLocalMidnightPlusGraceAfterTheClocksGoBack() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.site(SITE, "America/Los_Angeles", "US").product(OATS, "kg", "5.0", "OAT");
      engine.send(receipt(SITE, OATS, "5", "kg").id("nov").at("2025-11-15"));
      engine.snapshots();
      engine.send(receipt(SITE, OATS, "1", "kg").id("t1").at("2025-12-04T07:59:59.999Z"));
      assertThat(engine.snapshots()).isEmpty();
      engine.send(receipt(SITE, OATS, "1", "kg").id("t2").at("2025-12-04T08:00:00Z"));
      assertThat(engine.snapshots()).extracting(Snapshot::getPeriod).containsExactly("2025-11");
    }
  }

  /**
   * Amsterdam, March 2025: CET (+01:00) until 2025-03-30T02:00 local, then CEST (+02:00); the 30th
   * is a 23-hour day. February ends at 2025-02-28T23:00Z, March at 2025-03-31T22:00Z.
   */
  @Test
  void shouldBoundMarchInAmsterdamByLocalMidnightsAcrossTheTwentyThreeHourDay() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.site(SITE, "Europe/Amsterdam", "NL").product(OATS, "kg", "5.0", "OAT");
      engine.send(
          receipt(SITE, OATS, "1", "kg").id("feb-last").at("2025-02-28T22:59:59.999Z"),
          receipt(SITE, OATS, "2", "kg").id("mar-first").at("2025-02-28T23:00:00Z"),
          // in the gap: moves forward to 03:30 CEST = 01:30Z, still 30 March
          receipt(SITE, OATS, "4", "kg").id("mar-gap").at("2025-03-30T02:30"),
          receipt(SITE, OATS, "8", "kg").id("mar-last-ms").at("2025-03-31T23:59:59.999"),
          receipt(SITE, OATS, "16", "kg").id("apr-first").at("2025-03-31T22:00:00Z"));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      assertThat(of(latest, SITE, OATS, "2025-02").getReceipts()).isEqualTo("1");
      assertThat(of(latest, SITE, OATS, "2025-03").getReceipts()).isEqualTo("14");
      assertThat(of(latest, SITE, OATS, "2025-04").getReceipts()).isEqualTo("16");
      assertThat(of(latest, SITE, OATS, "2025-04").getOpening()).isEqualTo("15");
    }
  }

  @Test
  void shouldCloseMarchInAmsterdamAtTheLocalMidnightPlusGraceAfterTheClocksGoForward() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.site(SITE, "Europe/Amsterdam", "NL").product(OATS, "kg", "5.0", "OAT");
      engine.send(receipt(SITE, OATS, "5", "kg").id("mar").at("2025-03-15"));
      engine.send(receipt(SITE, OATS, "1", "kg").id("t1").at("2025-04-03T21:59:59.999Z"));
      assertThat(engine.snapshots()).extracting(Snapshot::getPeriod).doesNotContain("2025-03");
      engine.send(receipt(SITE, OATS, "1", "kg").id("t2").at("2025-04-03T22:00:00Z"));
      assertThat(engine.snapshots()).extracting(Snapshot::getPeriod).containsExactly("2025-03");
    }
  }

  /**
   * Auckland in summer is +13:00: 2025-12-31T23:30 local = 2025-12-31T10:30Z is December 2025;
   * 2026-01-01T00:30 local = 2025-12-31T11:30Z is January 2026, though still 31 December in UTC.
   */
  @Test
  void shouldPutAucklandMovementsInTheLocalMonthAcrossTheYearEnd() {
    try (EngineDriver engine = new EngineDriver(Instant.parse("2026-02-10T00:00:00Z"), Map.of())) {
      engine.site(SITE, "Pacific/Auckland", "NZ").product(OATS, "kg", "5.0", "OAT");
      engine.send(
          receipt(SITE, OATS, "1", "kg").id("dec-local").at("2025-12-31T23:30"),
          receipt(SITE, OATS, "2", "kg").id("dec-utc").at("2025-12-31T10:30:00Z"),
          receipt(SITE, OATS, "4", "kg").id("jan-local").at("2026-01-01T00:30"),
          receipt(SITE, OATS, "8", "kg").id("jan-utc").at("2025-12-31T11:30:00Z"));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      assertThat(of(latest, SITE, OATS, "2025-12").getReceipts()).isEqualTo("3");
      assertThat(of(latest, SITE, OATS, "2026-01").getReceipts()).isEqualTo("12");
      assertThat(of(latest, SITE, OATS, "2026-01").getOpening()).isEqualTo("3");
      assertThat(of(latest, SITE, OATS, "2026-01").getClosing()).isEqualTo("15");
      assertThat(latest.keySet()).doesNotContain(SITE + "|" + OATS + "|2025-11");
    }
  }

  static List<String> periods(List<Snapshot> s) {
    return s.stream().map(Snapshot::getPeriod).toList();
  }
}
