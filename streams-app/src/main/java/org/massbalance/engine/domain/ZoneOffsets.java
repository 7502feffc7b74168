package org.massbalance.engine.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A site zone's offset from UTC, remembered per zone for the stretch of time between two of its
 * transitions, so that the instant-to-date and date-to-instant conversions every movement makes
 * (its month, its day, the start of a period) are arithmetic instead of a search of the zone's
 * rules (ADR 24). It remembers the two stretches last met per zone, so that work on both sides of a
 * transition (a period opened in October ends after the November change) does not ask the rules
 * again each time. Everything it answers is what {@code java.time} answers ({@code
 * ZoneOffsetsProperties} holds it so); near a transition, where a local time may be missing or
 * twice, it asks {@code java.time}. Safe to share between threads.
 */
public final class ZoneOffsets {

  private static final long SECONDS_PER_DAY = 86_400L;

  /**
   * The margin kept from a transition when reading a local time in the stretch's offset. Offsets
   * lie within +-18 hours, so two readings of one local time are at most 36 hours apart: with 48
   * hours of margin the other reading would fall inside the stretch too, where the offset is this
   * one, so a local time read that way is the only reading, neither in a gap nor in an overlap.
   */
  private static final long MARGIN_SECONDS = 2 * SECONDS_PER_DAY;

  /** Zones met at most before the remembered stretches are forgotten and met again. */
  private static final int LIMIT = 10_000;

  /** A stretch {@code [from, to)} of epoch seconds over which the zone's offset is constant. */
  private record Stretch(long from, long to, int offsetSeconds) {
    boolean holds(long epochSecond) {
      return epochSecond >= from && epochSecond < to;
    }
  }

  /** The stretch last met in a zone and the one met before it (null when none). */
  private record Known(Stretch recent, Stretch older) {
    Stretch holding(long epochSecond) {
      if (recent.holds(epochSecond)) {
        return recent;
      }
      return older != null && older.holds(epochSecond) ? older : null;
    }
  }

  private static final Map<ZoneId, Known> STRETCHES = new ConcurrentHashMap<>();

  private ZoneOffsets() {}

  /** The calendar date of {@code instant} in {@code zone}. */
  public static LocalDate date(Instant instant, ZoneId zone) {
    long s = instant.getEpochSecond();
    return LocalDate.ofEpochDay(Math.floorDiv(s + offsetSeconds(s, zone), SECONDS_PER_DAY));
  }

  /** The calendar month of {@code instant} in {@code zone}. */
  public static YearMonth month(Instant instant, ZoneId zone) {
    LocalDate d = date(instant, zone);
    return YearMonth.of(d.getYear(), d.getMonthValue());
  }

  /**
   * The instant of the local date and time {@code local} in {@code zone}, as {@link
   * ZonedDateTime#ofLocal(LocalDateTime, ZoneId, ZoneOffset)} with no preferred offset gives it: a
   * time in a gap moves forward by the gap, one in an overlap takes the earlier offset.
   */
  public static Instant instant(LocalDateTime local, ZoneId zone) {
    Instant fast = awayFromTransitions(local, zone);
    if (fast != null) {
      return fast;
    }
    Instant exact = ZonedDateTime.ofLocal(local, zone, null).toInstant();
    offsetSeconds(exact.getEpochSecond(), zone); // remember the stretch around it
    return exact;
  }

  /**
   * The first instant of {@code date} in {@code zone}, as {@link LocalDate#atStartOfDay(ZoneId)}
   * gives it (the end of the gap when midnight is missing).
   */
  public static Instant startOfDay(LocalDate date, ZoneId zone) {
    LocalDateTime midnight = date.atStartOfDay();
    Instant fast = awayFromTransitions(midnight, zone);
    if (fast != null) {
      return fast;
    }
    Instant exact = date.atStartOfDay(zone).toInstant();
    offsetSeconds(exact.getEpochSecond(), zone);
    return exact;
  }

  /**
   * {@code local} read in the offset of the zone's remembered stretch, when the instant that gives
   * lies well inside the stretch (then it is the only reading of {@code local}), else null.
   */
  private static Instant awayFromTransitions(LocalDateTime local, ZoneId zone) {
    Known known = STRETCHES.get(zone);
    if (known == null) {
      return null;
    }
    long localSeconds = local.toEpochSecond(ZoneOffset.UTC);
    Instant read = readIn(known.recent(), localSeconds, local.getNano());
    return read != null || known.older() == null
        ? read
        : readIn(known.older(), localSeconds, local.getNano());
  }

  /** {@code localSeconds} read in {@code st}'s offset when that lands well inside it, else null. */
  private static Instant readIn(Stretch st, long localSeconds, int nano) {
    long s = localSeconds - st.offsetSeconds();
    return s >= safeFrom(st) && s < safeTo(st) ? Instant.ofEpochSecond(s, nano) : null;
  }

  private static long safeFrom(Stretch st) {
    return st.from() == Long.MIN_VALUE ? Long.MIN_VALUE : st.from() + MARGIN_SECONDS;
  }

  private static long safeTo(Stretch st) {
    return st.to() == Long.MAX_VALUE ? Long.MAX_VALUE : st.to() - MARGIN_SECONDS;
  }

  /** The offset of {@code zone} at {@code epochSecond}, in seconds. */
  static int offsetSeconds(long epochSecond, ZoneId zone) {
    Known known = STRETCHES.get(zone);
    Stretch st = known == null ? null : known.holding(epochSecond);
    if (st != null) {
      return st.offsetSeconds();
    }
    st = stretch(epochSecond, zone);
    if (STRETCHES.size() >= LIMIT) {
      STRETCHES.clear();
    }
    STRETCHES.put(zone, new Known(st, known == null ? null : known.recent()));
    return st.offsetSeconds();
  }

  /** The stretch of constant offset around {@code epochSecond}, from the zone's rules. */
  private static Stretch stretch(long epochSecond, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    Instant at = Instant.ofEpochSecond(epochSecond);
    ZoneOffset offset = rules.getOffset(at);
    if (rules.isFixedOffset()) {
      return new Stretch(Long.MIN_VALUE, Long.MAX_VALUE, offset.getTotalSeconds());
    }
    // the transition that began this offset: the last one at or before the instant
    ZoneOffsetTransition previous = rules.previousTransition(at.plusSeconds(1));
    ZoneOffsetTransition next = rules.nextTransition(at);
    long from = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
    long to = next == null ? Long.MAX_VALUE : next.toEpochSecond();
    boolean sound =
        from <= epochSecond
            && epochSecond < to
            && (previous == null || previous.getOffsetAfter().equals(offset))
            && (next == null || next.getOffsetBefore().equals(offset))
            // no transition between the two that the rules' search could have stepped over
            && (previous == null
                || next == null
                || next.equals(rules.nextTransition(previous.getInstant())));
    return sound
        ? new Stretch(from, to, offset.getTotalSeconds())
        : new Stretch(epochSecond, epochSecond + 1, offset.getTotalSeconds());
  }
}
