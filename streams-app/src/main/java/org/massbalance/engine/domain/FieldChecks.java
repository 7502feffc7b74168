package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The contract's Bad input rules for one field (ids, quantities, units, occurred_at, free text), as
 * every validator of an input topic applies them, collecting every reason in a {@link Problems}:
 * the same rule gives the same reason whatever the record.
 */
final class FieldChecks {

  private FieldChecks() {}

  /** The reasons found in one record, and the field of the first (the metrics' code). */
  static final class Problems {
    private final List<String> reasons = new ArrayList<>();
    private String firstCode;

    /** Adds {@code reason} about {@code code}, written {@code "<prefix>: <text>"}. */
    void add(String code, String reason) {
      reasons.add(reason);
      if (firstCode == null) {
        firstCode = code;
      }
    }

    boolean isEmpty() {
      return reasons.isEmpty();
    }

    /** Every reason, joined by {@code ; }, with the first one's code. */
    Rejection rejection() {
      return new Rejection(firstCode, String.join("; ", reasons));
    }
  }

  /** An id (the contract's id rule), required or optional; {@code name} prefixes its reasons. */
  static void id(String name, String value, boolean required, Problems p) {
    id(name, name, value, required, MovementValidator.ID_MAX, p);
  }

  /**
   * An id of at most {@code max} characters, reasons prefixed by {@code name}, coded {@code code}.
   */
  static void id(String code, String name, String value, boolean required, int max, Problems p) {
    if (value == null) {
      if (required) {
        p.add(code, name + ": missing");
      }
      return;
    }
    if (!MovementValidator.isId(value) || value.length() > max) {
      String pattern =
          max == MovementValidator.ID_MAX
              ? MovementValidator.ID.pattern()
              : "[A-Za-z0-9._-]{1," + max + "}";
      p.add(code, name + ": '" + clip(value) + "' does not match " + pattern);
    }
  }

  /**
   * A quantity: missing, not a decimal with at most 6 decimals, absurdly long, or breaking {@code
   * rule} (null: checked later); the parsed value when it holds, else null.
   */
  static BigDecimal quantity(
      String code, String name, String q, Function<BigDecimal, String> rule, Problems p) {
    if (q == null) {
      p.add(code, name + ": missing");
      return null;
    }
    if (!MovementValidator.isQuantity(q)) {
      p.add(code, name + ": '" + clip(q) + "' is not a decimal with at most 6 decimals");
      return null;
    }
    BigDecimal parsed = new BigDecimal(q);
    if (parsed.precision() - parsed.scale() > MovementValidator.MAX_INTEGER_DIGITS) {
      p.add(code, name + ": more than " + MovementValidator.MAX_INTEGER_DIGITS + " integer digits");
      return null;
    }
    if (rule == null) {
      return null;
    }
    String broken = rule.apply(parsed);
    if (broken != null) {
      p.add(code, name + ": " + broken);
      return null;
    }
    return parsed;
  }

  /** A unit of mass. */
  static Optional<Unit> unit(String code, String name, String value, Problems p) {
    Optional<Unit> unit = Unit.parse(value);
    if (value == null) {
      p.add(code, name + ": missing");
    } else if (unit.isEmpty()) {
      p.add(code, name + ": '" + clip(value) + "' is not one of kg, g, t, lb, oz");
    }
    return unit;
  }

  /**
   * An {@code occurred_at}: its instant in {@code zone} (a date alone: the start of the day, or its
   * end when {@code endOfDay}), at most {@code futureTolerance} ahead of {@code now}; null when it
   * breaks a rule.
   */
  static Instant occurredAt(
      String value,
      ZoneId zone,
      boolean endOfDay,
      Instant now,
      Duration futureTolerance,
      Problems p) {
    if (value == null) {
      p.add("occurred_at", "occurred_at: missing");
      return null;
    }
    Optional<Instant> parsed = OccurredAt.parse(value, zone, endOfDay);
    if (parsed.isEmpty()) {
      p.add(
          "occurred_at",
          "occurred_at: '"
              + clip(value)
              + "' is not YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.fraction]][Z|+hh:mm]");
      return null;
    }
    if (parsed.get().isAfter(now.plus(futureTolerance))) {
      p.add(
          "occurred_at",
          "occurred_at: "
              + parsed.get()
              + " is more than "
              + futureTolerance.toHours()
              + " h ahead of the wall clock");
      return null;
    }
    return parsed.get();
  }

  /** A free-text field of at most {@link MovementValidator#MAX_TEXT_CHARS} characters. */
  static void text(String name, String value, Problems p) {
    if (value != null && value.length() > MovementValidator.MAX_TEXT_CHARS) {
      p.add(
          name,
          name
              + ": "
              + value.length()
              + " characters, more than the limit of "
              + MovementValidator.MAX_TEXT_CHARS);
    }
  }

  /** The zone a record's time is read in: its site's, or UTC without a readable site id. */
  static ZoneId zoneOf(String siteId, Function<String, ZoneId> siteZone) {
    return siteId != null && MovementValidator.isId(siteId) ? siteZone.apply(siteId) : UTC;
  }

  private static final ZoneId UTC = ZoneId.of("UTC");

  /** Values in reasons are clipped so that a 1 MB id does not make a 1 MB reason. */
  static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
