package org.massbalance.engine.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Parses the contract's {@code occurred_at}: {@code YYYY-MM-DD}, or {@code
 * YYYY-MM-DDThh:mm[:ss[.fraction]]} with an optional {@code Z} or {@code ±hh:mm}. Without an offset
 * the time is read in the site's zone: a time in a DST gap moves forward by the gap, one in an
 * overlap takes the earlier offset. A date alone means the start of that day, or for a COUNT the
 * last millisecond of it.
 */
public final class OccurredAt {

  private OccurredAt() {}

  /**
   * The instant {@code text} names in {@code zone}, or empty when it is not of the contract's
   * format or names no real date and time. Read character by character (once per movement; the
   * grammar is small enough that a regular expression's match and groups cost more than reading
   * it): {@code OccurredAtProperties} holds it equal to the grammar's regular expression.
   */
  public static Optional<Instant> parse(String text, ZoneId zone, boolean count) {
    if (text == null) {
      return Optional.empty();
    }
    int n = text.length();
    if (n < 10
        || !digits(text, 0, 4)
        || text.charAt(4) != '-'
        || !digits(text, 5, 2)
        || text.charAt(7) != '-'
        || !digits(text, 8, 2)) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2));
      if (n == 10) {
        if (count) {
          return Optional.of(ZoneOffsets.startOfDay(date.plusDays(1), zone).minusMillis(1));
        }
        return Optional.of(ZoneOffsets.startOfDay(date, zone));
      }
      if (n < 16
          || text.charAt(10) != 'T'
          || !digits(text, 11, 2)
          || text.charAt(13) != ':'
          || !digits(text, 14, 2)) {
        return Optional.empty();
      }
      int hour = number(text, 11, 2);
      int minute = number(text, 14, 2);
      int second = 0;
      int nanos = 0;
      int i = 16;
      if (i < n && text.charAt(i) == ':') {
        if (i + 3 > n || !digits(text, i + 1, 2)) {
          return Optional.empty();
        }
        second = number(text, i + 1, 2);
        i += 3;
        if (i < n && text.charAt(i) == '.') {
          int from = ++i;
          while (i < n && i - from < 9 && isDigit(text.charAt(i))) {
            nanos = nanos * 10 + (text.charAt(i) - '0');
            i++;
          }
          if (i == from) {
            return Optional.empty();
          }
          for (int d = i - from; d < 9; d++) {
            nanos *= 10;
          }
        }
      }
      LocalDateTime local = LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos));
      if (i == n) {
        return Optional.of(ZoneOffsets.instant(local, zone));
      }
      char c = text.charAt(i);
      if (c == 'Z' && i + 1 == n) {
        return Optional.of(local.toInstant(ZoneOffset.UTC));
      }
      if ((c == '+' || c == '-')
          && i + 6 == n
          && digits(text, i + 1, 2)
          && text.charAt(i + 3) == ':'
          && digits(text, i + 4, 2)) {
        int sign = c == '-' ? -1 : 1;
        ZoneOffset offset =
            ZoneOffset.ofHoursMinutes(sign * number(text, i + 1, 2), sign * number(text, i + 4, 2));
        return Optional.of(local.toInstant(offset));
      }
      return Optional.empty();
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean digits(String text, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int number(String text, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (text.charAt(i) - '0');
    }
    return v;
  }
}
