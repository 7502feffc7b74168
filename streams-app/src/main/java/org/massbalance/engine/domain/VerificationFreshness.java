package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's certificate freshness ("verified against INTEGRITY before each purchase" made
 * checkable): a RECEIPT of an organic product whose supplier's certificate record was recorded
 * ({@code recorded_at}, set by {@code ingest integrity}) more than {@code maxAge} before the
 * receipt's {@code occurred_at} raises SUPPLIER_VERIFICATION_STALE (WARNING).
 *
 * <p>The age is measured at the purchase, against the receipt's instant, not the wall clock: the
 * alert says whether the supplier had been verified recently enough when the goods came in, and the
 * same input gives the same alerts on any day. A record without {@code recorded_at} (written before
 * the field existed, or typed by hand through {@code ingest certificates}) has no verification date
 * to judge and is never stale. A record recorded after the receipt is not older than it, so it is
 * not stale either. Only a supplier certified at the receipt is judged: an uncertified or unknown
 * one already raises SUPPLIER_NOT_CERTIFIED.
 *
 * @param maxAge the largest age of a verification at a purchase (default 45 days)
 */
public record VerificationFreshness(Duration maxAge) {

  /** The default largest age, in days. */
  public static final int DEFAULT_MAX_AGE_DAYS = 45;

  /** The default: 45 days. */
  public static VerificationFreshness defaults() {
    return ofDays(DEFAULT_MAX_AGE_DAYS);
  }

  /** A largest age of whole days. */
  public static VerificationFreshness ofDays(int days) {
    return new VerificationFreshness(Duration.ofDays(days));
  }

  /**
   * The age of the verification when it is stale at {@code receivedAt}: recorded more than {@code
   * maxAge} before it; empty when fresh or when {@code recordedAt} is null.
   */
  public Optional<Duration> staleAge(Instant recordedAt, Instant receivedAt) {
    if (recordedAt == null) {
      return Optional.empty();
    }
    Duration age = Duration.between(recordedAt, receivedAt);
    return age.compareTo(maxAge) > 0 ? Optional.of(age) : Optional.empty();
  }

  /**
   * The alert's sentence.
   *
   * @param movementId the receipt
   * @param amount the received quantity with its unit
   * @param productId the product
   * @param siteId the site
   * @param lotId the lot created
   * @param nopId the supplier's NOP ID
   * @param recordedAt when the supplier's record was verified
   * @param age the verification's age at the receipt
   */
  public String message(
      String movementId,
      String amount,
      String productId,
      String siteId,
      String lotId,
      String nopId,
      Instant recordedAt,
      Duration age) {
    return String.format(
        "RECEIPT %s of %s of organic %s at %s (lot %s): supplier NOP ID %s was last verified"
            + " against INTEGRITY on %s, %d days before the purchase (more than %d).",
        movementId,
        amount,
        productId,
        siteId,
        lotId,
        nopId,
        recordedAt,
        age.toDays(),
        maxAge.toDays());
  }

  /** The alert's details: NOP ID, recorded_at, age in days and the largest age. */
  public Map<String, String> details(String nopId, Instant recordedAt, Duration age) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("supplier_nop_id", nopId);
    details.put("recorded_at", recordedAt.toString());
    details.put("age_days", new BigDecimal(age.toDays()).toPlainString());
    details.put("max_age_days", Long.toString(maxAge.toDays()));
    return details;
  }
}
