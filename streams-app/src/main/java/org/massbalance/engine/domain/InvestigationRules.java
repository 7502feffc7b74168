package org.massbalance.engine.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.InvestigationCase;

/**
 * The rules of variance investigations (seed: "document the cause ... notify your certifier within
 * 30 days"): a closed snapshot with status INVESTIGATE needs an investigation; it is due {@code
 * dueDays} after the first close with that status; it is done once an investigation with {@code
 * certifier_notified_on} exists (late when that date is after the due date); by the wall clock, an
 * open one past its due date raises INVESTIGATION_OVERDUE once; a restatement that leaves the
 * period within tolerance (or withdraws the snapshot) withdraws the need.
 *
 * @param dueDays days from the first INVESTIGATE close to the due date
 * @param checkInterval how often (wall clock) the overdue rule is checked
 */
public record InvestigationRules(int dueDays, Duration checkInterval) {

  /** Where a case stands; the API's {@code outcome} is its name in lower case. */
  public enum Status {
    /** Needs an investigation with certifier_notified_on. */
    OPEN,
    /** Has an investigation with certifier_notified_on. */
    NOTIFIED,
    /** A restatement left the period within tolerance (or withdrew its snapshot). */
    WITHDRAWN,
    /** An investigation recorded for a period that was never INVESTIGATE at a close: kept. */
    NOT_NEEDED;

    /** The contract's word for the list: {@code open} or {@code done}. */
    public String listed() {
      return this == OPEN ? "open" : "done";
    }
  }

  /** The contract's defaults: 30 days, checked every 10 minutes. */
  public static InvestigationRules defaults() {
    return new InvestigationRules(30, Duration.ofMinutes(10));
  }

  /** True when {@code s} needs an investigation: a closed snapshot with status INVESTIGATE. */
  public static boolean needsInvestigation(Snapshot s) {
    return s != null && PeriodFigures.Status.INVESTIGATE.name().equals(s.getStatus());
  }

  /**
   * The case after a (re)published snapshot closed at {@code now}: the first INVESTIGATE close is
   * remembered; a later snapshot replaces the figures.
   */
  public static InvestigationCase withSnapshot(InvestigationCase c, Snapshot s, Instant now) {
    InvestigationCase next = InvestigationCase.newBuilder(c).setSnapshot(s).build();
    if (needsInvestigation(s) && c.getFirstInvestigateAt() == null) {
      Instant closed = closedAt(s, now);
      next.setFirstInvestigateAt(closed.toString());
    }
    return next;
  }

  /** An empty case for {@code site|product|period}. */
  public static InvestigationCase empty(String site, String product, String period) {
    return InvestigationCase.newBuilder()
        .setSiteId(site)
        .setProductId(product)
        .setPeriod(period)
        .build();
  }

  /**
   * True when the case is listed: it was INVESTIGATE at a close, or an investigation was recorded
   * for it (kept and listed even when the period never needed one).
   */
  public static boolean listed(InvestigationCase c) {
    return c.getFirstInvestigateAt() != null || c.getInvestigation() != null;
  }

  /** Where the case stands (meaningful for a listed case). */
  public static Status status(InvestigationCase c) {
    if (c.getFirstInvestigateAt() == null) {
      return Status.NOT_NEEDED;
    }
    if (c.getSnapshot() == null || !needsInvestigation(c.getSnapshot())) {
      return Status.WITHDRAWN;
    }
    return notifiedOn(c.getInvestigation()) != null ? Status.NOTIFIED : Status.OPEN;
  }

  /** Why a listed case is where it is, in the list's words; null for an open case. */
  public static String reason(InvestigationCase c) {
    return switch (status(c)) {
      case OPEN -> null;
      case NOTIFIED -> "certifier notified";
      case WITHDRAWN ->
          c.getSnapshot() == null
              ? "snapshot withdrawn by a restatement"
              : "within tolerance after restatement";
      case NOT_NEEDED -> "no investigation needed: the period did not close as INVESTIGATE";
    };
  }

  /**
   * The date the investigation is due: the first INVESTIGATE close (UTC date) + due days; null when
   * the period never closed as INVESTIGATE.
   */
  public LocalDate dueOn(InvestigationCase c) {
    if (c.getFirstInvestigateAt() == null) {
      return null;
    }
    return LocalDate.ofInstant(Instant.parse(c.getFirstInvestigateAt()), ZoneOffset.UTC)
        .plusDays(dueDays);
  }

  /**
   * The instant from which an open case is overdue: the end of its due date (UTC), so the alert
   * never fires on the date it names as due and a notification on that date is on time.
   */
  public Instant dueAt(InvestigationCase c) {
    return dueOn(c).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** True when an open case is past its due date at {@code now}. */
  public boolean overdue(InvestigationCase c, Instant now) {
    return status(c) == Status.OPEN && !now.isBefore(dueAt(c));
  }

  /** True when the certifier was notified after the due date. */
  public boolean late(InvestigationCase c) {
    LocalDate notified = notifiedOn(c.getInvestigation());
    LocalDate due = dueOn(c);
    return notified != null && due != null && notified.isAfter(due);
  }

  /** True when INVESTIGATION_OVERDUE is to be raised now (once per site, product and period). */
  public boolean alertDue(InvestigationCase c, Instant now) {
    return !c.getOverdueAlerted() && overdue(c, now);
  }

  /** The INVESTIGATION_OVERDUE alert of an overdue case, detected at {@code now}. */
  public Alert overdueAlert(InvestigationCase c, Instant now) {
    Snapshot s = c.getSnapshot();
    LocalDate due = dueOn(c);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("first_closed_at", c.getFirstInvestigateAt());
    details.put("due_on", due.toString());
    details.put("due_days", String.valueOf(dueDays));
    details.put("variance_pct", s.getVariancePct() == null ? "" : s.getVariancePct());
    details.put("revision", String.valueOf(s.getRevision()));
    details.put(
        "investigation",
        c.getInvestigation() == null ? "none" : "recorded, certifier not notified");
    String variance =
        s.getCountVariance()
            + " "
            + s.getUnit()
            + (s.getVariancePct() == null ? "" : " (" + s.getVariancePct() + " %)");
    String message =
        String.format(
            "The count variance of %s at %s in %s, %s, has no investigation with the certifier"
                + " notified %d days after the period closed (due %s).",
            c.getProductId(), c.getSiteId(), c.getPeriod(), variance, dueDays, due);
    AlertType type = AlertType.INVESTIGATION_OVERDUE;
    return Alert.newBuilder()
        .setAlertId(
            AlertIds.of(type, null, c.getSiteId(), c.getProductId(), null, c.getPeriod(), null))
        .setType(type.name())
        .setSeverity(type.severity().name())
        .setSiteId(c.getSiteId())
        .setProductId(c.getProductId())
        .setPeriod(c.getPeriod())
        .setQuantity(s.getCountVariance())
        .setUnit(s.getUnit())
        .setDetectedAt(IsoInstants.format(now))
        .setMessage(message)
        .setDetails(details)
        .build();
  }

  /** The date the certifier was notified, or null. */
  public static LocalDate notifiedOn(Investigation i) {
    if (i == null || i.getCertifierNotifiedOn() == null || i.getCertifierNotifiedOn().isEmpty()) {
      return null;
    }
    return LocalDate.parse(i.getCertifierNotifiedOn());
  }

  private static Instant closedAt(Snapshot s, Instant now) {
    if (s.getClosedAt() != null) {
      try {
        return Instant.parse(s.getClosedAt());
      } catch (java.time.format.DateTimeParseException e) {
        return now;
      }
    }
    return now;
  }
}
