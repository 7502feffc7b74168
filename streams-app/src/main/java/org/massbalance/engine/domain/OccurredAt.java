package org.massbalance.engine.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the contract's {@code occurred_at}: {@code YYYY-MM-DD}, or {@code
 * YYYY-MM-DDThh:mm[:ss[.fraction]]} with an optional {@code Z} or {@code ±hh:mm}. Without an offset
 * the time is read in the site's zone: a time in a DST gap moves forward by the gap, one in an
 * overlap takes the earlier offset. A date alone means the start of that day, or for a COUNT the
 * last millisecond of it.
 */
public final class OccurredAt {

  private static final Pattern FORMAT =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})"
              + "(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:\\d{2})?)?");

  private OccurredAt() {}

  /**
   * The instant {@code text} names in {@code zone}, or empty when it is not of the contract's
   * format or names no real date and time.
   */
  public static Optional<Instant> parse(String text, ZoneId zone, boolean count) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      if (m.group(4) == null) {
        if (count) {
          return Optional.of(date.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1));
        }
        return Optional.of(date.atStartOfDay(zone).toInstant());
      }
      int nanos = 0;
      if (m.group(7) != null) {
        String f = (m.group(7) + "000000000").substring(0, 9);
        nanos = Integer.parseInt(f);
      }
      LocalTime time =
          LocalTime.of(
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
              nanos);
      LocalDateTime local = LocalDateTime.of(date, time);
      String offset = m.group(8);
      if (offset == null) {
        return Optional.of(ZonedDateTime.ofLocal(local, zone, null).toInstant());
      }
      return Optional.of(local.toInstant(ZoneOffset.of(offset)));
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
