package org.massbalance.engine.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.massbalance.avro.SupplierCertificate;

/**
 * A supplier's certificate record as the rules read it, and the contract's "certified at a date":
 * status CERTIFIED with {@code status_effective} on or before the date, or SUSPENDED, REVOKED or
 * SURRENDERED with {@code status_effective} after it (certified until then); any other status
 * never; and never after {@code expires_on}, the last valid day. A CERTIFIED record without a
 * {@code status_effective} counts as certified since ever; a SUSPENDED, REVOKED or SURRENDERED one
 * without it as not certified at any date. An unreadable date counts as absent. {@code recordedAt}
 * is when the record was verified against its source (null when unknown).
 */
public record Certification(
    String nopId,
    String status,
    LocalDate statusEffective,
    LocalDate expiresOn,
    Instant recordedAt) {

  /** A record without a verification instant ({@code recorded_at}). */
  public Certification(
      String nopId, String status, LocalDate statusEffective, LocalDate expiresOn) {
    this(nopId, status, statusEffective, expiresOn, null);
  }

  /** The rule's view of a certificate record. */
  public static Certification of(SupplierCertificate c) {
    return new Certification(
        c.getNopId(),
        c.getStatus() == null ? "" : c.getStatus().trim().toUpperCase(Locale.ROOT),
        date(c.getStatusEffective()),
        date(c.getExpiresOn()),
        c.getRecordedAt() == null ? null : Instant.ofEpochMilli(c.getRecordedAt()));
  }

  /** True when the operation was certified on {@code day}. */
  public boolean certifiedOn(LocalDate day) {
    if (expiresOn != null && day.isAfter(expiresOn)) {
      return false;
    }
    return switch (status) {
      case "CERTIFIED" -> statusEffective == null || !statusEffective.isAfter(day);
      case "SUSPENDED", "REVOKED", "SURRENDERED" ->
          statusEffective != null && statusEffective.isAfter(day);
      default -> false;
    };
  }

  /**
   * The status as a change watch remembers it, {@code status|status_effective}: a record whose
   * value differs from the one last seen changed the supplier's status.
   */
  public String statusSeen() {
    return status + "|" + (statusEffective == null ? "" : statusEffective);
  }

  private static LocalDate date(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(s.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
