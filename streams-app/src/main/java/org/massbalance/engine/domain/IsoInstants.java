package org.massbalance.engine.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as the contract's outputs write them, {@code Instant.toString()}'s ISO-8601 form in UTC
 * ({@code 2026-11-30T16:40:50.123Z}: seconds always, the fraction in groups of three digits as
 * needed), written and read without {@code DateTimeFormatter}: an alert writes two and the recent
 * alerts' key reads one back, on every alert. Years outside 0000-9999 and any other text go through
 * the JDK ({@code IsoInstantsProperties} pins the equality).
 */
public final class IsoInstants {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long MIN_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
  private static final long MAX_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

  private IsoInstants() {}

  /** {@code t.toString()}. */
  public static String format(Instant t) {
    long sec = t.getEpochSecond();
    if (sec < MIN_SECOND || sec >= MAX_SECOND) {
      return t.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(sec, SECONDS_PER_DAY));
    int secOfDay = (int) Math.floorMod(sec, SECONDS_PER_DAY);
    int nano = t.getNano();
    char[] c = new char[30];
    int p = digits(c, 0, date.getYear(), 4);
    c[p++] = '-';
    p = digits(c, p, date.getMonthValue(), 2);
    c[p++] = '-';
    p = digits(c, p, date.getDayOfMonth(), 2);
    c[p++] = 'T';
    p = digits(c, p, secOfDay / 3600, 2);
    c[p++] = ':';
    p = digits(c, p, secOfDay / 60 % 60, 2);
    c[p++] = ':';
    p = digits(c, p, secOfDay % 60, 2);
    if (nano != 0) {
      c[p++] = '.';
      if (nano % 1_000_000 == 0) {
        p = digits(c, p, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        p = digits(c, p, nano / 1_000, 6);
      } else {
        p = digits(c, p, nano, 9);
      }
    }
    c[p++] = 'Z';
    return new String(c, 0, p);
  }

  /**
   * The epoch milliseconds of {@code text} as {@code Instant.parse(text).toEpochMilli()} reads it.
   *
   * @throws DateTimeException when it is not an ISO-8601 instant
   */
  public static long epochMillis(String text) {
    int n = text.length();
    // yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z
    if (n >= 20
        && n <= 30
        && n != 21
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(n - 1) == 'Z'
        && (n == 20 || text.charAt(19) == '.')) {
      int year = number(text, 0, 4);
      int month = number(text, 5, 7);
      int day = number(text, 8, 10);
      int hour = number(text, 11, 13);
      int minute = number(text, 14, 16);
      int second = number(text, 17, 19);
      int fraction = n == 20 ? 0 : number(text, 20, n - 1);
      if (year >= 0
          && month > 0
          && day > 0
          && hour >= 0
          && hour < 24
          && minute >= 0
          && minute < 60
          && second >= 0
          && second < 60
          && fraction >= 0) {
        try {
          long days = LocalDate.of(year, month, day).toEpochDay();
          long nanos = fraction;
          for (int i = n - 1 - 20; i < 9; i++) {
            nanos *= 10;
          }
          long seconds = days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
          return Math.addExact(Math.multiplyExact(seconds, 1000L), nanos / 1_000_000);
        } catch (DateTimeException e) {
          // not a real date: let the JDK say so
        }
      }
    }
    return Instant.parse(text).toEpochMilli();
  }

  /** The decimal digits of {@code text[from, to)}, or -1 when one is not a digit. */
  private static int number(String text, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  /** Writes {@code v} with {@code width} digits (zero-padded) at {@code p}. */
  private static int digits(char[] c, int p, int v, int width) {
    for (int i = p + width - 1; i >= p; i--) {
      c[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    return p + width;
  }
}
