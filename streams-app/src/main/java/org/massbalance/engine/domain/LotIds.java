package org.massbalance.engine.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;

/**
 * The contract's lot ids: engine-assigned {@code {lot_prefix}-{yyyyMMdd}-{NNN}} (site-local date,
 * sequence per site, product and day from 001, at least three digits), the adjustment lot {@code
 * {lot_prefix}-ADJ-{yyyyMM}}, and {@code {lot_id}@{origin_site}} for a lot arriving at a site that
 * holds its id from another receipt.
 */
public final class LotIds {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

  private LotIds() {}

  /** {@code ALM-20251109-001}. */
  public static String assigned(String prefix, LocalDate day, long sequence) {
    return prefix + "-" + day(day) + "-" + threeDigits(sequence);
  }

  /**
   * {@code sequence} with at least three digits, zero-padded ({@code %03d} without a Formatter).
   */
  static String threeDigits(long sequence) {
    if (sequence < 0) {
      return String.format("%03d", sequence);
    }
    String s = Long.toString(sequence);
    return s.length() >= 3 ? s : "000".substring(s.length()) + s;
  }

  /** The day part {@code yyyyMMdd} of assigned ids. */
  public static String day(LocalDate day) {
    int y = day.getYear();
    if (y < 1000 || y > 9999) {
      return DAY.format(day);
    }
    return Integer.toString(y * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth());
  }

  /** {@code ALM-ADJ-202511}. */
  public static String adjustment(String prefix, YearMonth month) {
    int y = month.getYear();
    if (y < 1000 || y > 9999) {
      return prefix + "-ADJ-" + MONTH.format(month);
    }
    return prefix + "-ADJ-" + (y * 100 + month.getMonthValue());
  }

  /**
   * The id an arriving lot takes at a destination that already holds {@code lotId} from another
   * receipt: {@code lotId@originSite}, then {@code lotId@originSite-2}, ... for {@code attempt} 1,
   * 2, ...
   */
  public static String renamed(String lotId, String originSite, int attempt) {
    String base = lotId + "@" + originSite;
    return attempt <= 1 ? base : base + "-" + attempt;
  }
}
