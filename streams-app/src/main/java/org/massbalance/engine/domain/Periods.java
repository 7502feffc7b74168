package org.massbalance.engine.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/** Calendar months in a site's zone. */
public final class Periods {

  private Periods() {}

  /** The first instant of {@code period} in {@code zone}. */
  public static Instant start(YearMonth period, ZoneId zone) {
    return ZoneOffsets.startOfDay(period.atDay(1), zone);
  }

  /** The end of {@code period} in {@code zone}: the next month's first instant. */
  public static Instant end(YearMonth period, ZoneId zone) {
    return start(period.plusMonths(1), zone);
  }
}
