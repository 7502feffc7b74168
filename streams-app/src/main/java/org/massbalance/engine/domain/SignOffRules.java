package org.massbalance.engine.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.SignOff;
import org.massbalance.avro.internal.PeriodState;

/**
 * The contract's Period sign-off, as pure rules: what a sign-off record must hold, whether a month
 * can be signed, and where a movement dated in a signed month is booked (as a correction into the
 * first unsigned month after the key's latest signed one).
 */
public final class SignOffRules {

  private SignOffRules() {}

  /** A valid sign-off: the month, who, when and the note. */
  public record Valid(
      String siteId,
      String productId,
      YearMonth period,
      String signedBy,
      Instant signedAt,
      String note) {}

  /** Outcome of validation: exactly one of {@code accepted} and {@code rejection} is set. */
  public record Result(Valid accepted, Rejection rejection) {}

  /** Checks a sign-off record against the rules, with every reason. */
  public static Result validate(SignOff raw) {
    FieldChecks.Problems p = new FieldChecks.Problems();
    String site = MovementValidator.clean(raw.getSiteId());
    String product = MovementValidator.clean(raw.getProductId());
    FieldChecks.id("site_id", site, true, p);
    FieldChecks.id("product_id", product, true, p);
    YearMonth period = null;
    String ym = MovementValidator.clean(raw.getPeriod());
    if (ym == null) {
      p.add("period", "period: missing");
    } else {
      try {
        if (!ym.matches("[0-9]{4}-[0-9]{2}")) {
          throw new DateTimeParseException("not yyyy-MM", ym, 0);
        }
        period = YearMonth.parse(ym);
      } catch (DateTimeParseException e) {
        p.add("period", "period: '" + FieldChecks.clip(ym) + "' is not yyyy-MM");
      }
    }
    String by = MovementValidator.clean(raw.getSignedBy());
    if (by == null) {
      p.add("signed_by", "signed_by: missing");
    } else {
      FieldChecks.text("signed_by", by, p);
    }
    Instant at = null;
    String when = MovementValidator.clean(raw.getSignedAt());
    if (when == null) {
      p.add("signed_at", "signed_at: missing");
    } else {
      try {
        at = Instant.parse(when.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        p.add(
            "signed_at", "signed_at: '" + FieldChecks.clip(when) + "' is not an ISO-8601 instant");
      }
    }
    String note = MovementValidator.clean(raw.getNote());
    FieldChecks.text("note", note, p);
    if (!p.isEmpty()) {
      return new Result(null, p.rejection());
    }
    return new Result(new Valid(site, product, period, by, at, note), null);
  }

  /** What signing a month does. */
  public enum Verdict {
    /** The month is closed with a published snapshot: it is signed now. */
    SIGN,
    /** The month is signed already: nothing changes. */
    ALREADY_SIGNED,
    /** The month is not closed for the key (open, or no figures at all). */
    NOT_CLOSED,
    /** The month closed without a snapshot (no movement and a zero opening, or withdrawn). */
    NO_SNAPSHOT
  }

  /** The verdict on signing the month whose state is {@code state} (null: none). */
  public static Verdict judge(PeriodState state) {
    if (state == null || !state.getClosed()) {
      return Verdict.NOT_CLOSED;
    }
    if (state.getSigned()) {
      return Verdict.ALREADY_SIGNED;
    }
    return state.getPublishedSha256() == null ? Verdict.NO_SNAPSHOT : Verdict.SIGN;
  }

  /** The reason a sign-off of {@code period} of {@code key} is rejected for {@code verdict}. */
  public static Rejection rejection(Verdict verdict, String ledgerKey, YearMonth period) {
    return switch (verdict) {
      case NOT_CLOSED ->
          new Rejection(
              "signoff_not_closed",
              "period-signoff: " + period + " of " + ledgerKey + " is not closed");
      case NO_SNAPSHOT ->
          new Rejection(
              "signoff_no_snapshot",
              "period-signoff: " + period + " of " + ledgerKey + " has no snapshot to sign");
      default -> throw new IllegalArgumentException("no rejection for " + verdict);
    };
  }

  /**
   * The month a movement dated in {@code period} is booked into: the month after {@code
   * signedThrough} (the key's latest signed month) when the movement's is that one or earlier;
   * empty when its own month is not locked.
   */
  public static Optional<YearMonth> correctionTarget(YearMonth period, String signedThrough) {
    if (signedThrough == null) {
      return Optional.empty();
    }
    YearMonth signed = YearMonth.parse(signedThrough);
    return period.isAfter(signed) ? Optional.empty() : Optional.of(signed.plusMonths(1));
  }

  /** The later of {@code signedThrough} (may be null) and {@code period}, as {@code yyyy-MM}. */
  public static String later(String signedThrough, YearMonth period) {
    return signedThrough == null || YearMonth.parse(signedThrough).isBefore(period)
        ? period.toString()
        : signedThrough;
  }

  /** Marks the month's state signed by {@code s}. */
  public static void sign(PeriodState state, Valid s) {
    state.setSigned(true);
    state.setSignedBy(s.signedBy());
    state.setSignedAt(s.signedAt().toString());
    state.setSignedNote(s.note());
  }

  /** The record of a signed month, on the signed months' topic. */
  public static PeriodSignOff signed(Valid s, PeriodState state) {
    return PeriodSignOff.newBuilder()
        .setSiteId(s.siteId())
        .setProductId(s.productId())
        .setPeriod(s.period().toString())
        .setRevision(state.getRevision())
        .setSnapshotSha256(state.getPublishedSha256())
        .setSignedBy(s.signedBy())
        .setSignedAt(s.signedAt().toString())
        .setNote(s.note())
        .build();
  }
}
