package org.massbalance.engine.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What watches certificates by the wall clock: CERTIFICATE_EXPIRING thresholds (days before {@code
 * expires_on}, default 90, 60, 30: industry practice, changed globally), how often they are
 * checked, and how often certificate records are compared with the last ones seen
 * (SUPPLIER_STATUS_CHANGED); and the largest age of a supplier's verification at a purchase
 * (SUPPLIER_VERIFICATION_STALE, see {@link VerificationFreshness}); and how many key states a
 * supplier-status pass reads in one punctuation (ADR 34).
 */
public record CertificateWatch(
    List<Integer> days,
    Duration checkInterval,
    Duration statusCheckInterval,
    VerificationFreshness freshness,
    int statusPassKeys) {

  /**
   * Key states a supplier-status pass reads in one punctuation by default (ADR 34): a pass over
   * more keys goes on in slices of this many, one every {@link #STATUS_PASS_SLICE_INTERVAL}.
   */
  public static final int DEFAULT_STATUS_PASS_KEYS = 5_000;

  /** Wall-clock interval between two slices of a supplier-status pass (ADR 34). */
  public static final Duration STATUS_PASS_SLICE_INTERVAL = Duration.ofMillis(100);

  /** Checks the bound of a pass's slice. */
  public CertificateWatch {
    if (statusPassKeys < 1) {
      throw new IllegalArgumentException("a pass reads at least one key, not " + statusPassKeys);
    }
  }

  /** A watch with the default slice of a supplier-status pass. */
  public CertificateWatch(
      List<Integer> days,
      Duration checkInterval,
      Duration statusCheckInterval,
      VerificationFreshness freshness) {
    this(days, checkInterval, statusCheckInterval, freshness, DEFAULT_STATUS_PASS_KEYS);
  }

  /** A watch with the default verification freshness (45 days). */
  public CertificateWatch(
      List<Integer> days, Duration checkInterval, Duration statusCheckInterval) {
    this(days, checkInterval, statusCheckInterval, VerificationFreshness.defaults());
  }

  /** This watch with supplier-status passes read in slices of {@code keys} key states. */
  public CertificateWatch withStatusPassKeys(int keys) {
    return new CertificateWatch(days, checkInterval, statusCheckInterval, freshness, keys);
  }

  /**
   * The defaults: 90, 60 and 30 days, checked hourly; status changes every 30 s; verifications
   * stale after 45 days.
   */
  public static CertificateWatch defaults() {
    return new CertificateWatch(List.of(90, 60, 30), Duration.ofHours(1), Duration.ofSeconds(30));
  }

  /** True for the statuses that withdraw a certification: SUSPENDED, REVOKED, SURRENDERED. */
  public static boolean withdrawn(String status) {
    return "SUSPENDED".equals(status) || "REVOKED".equals(status) || "SURRENDERED".equals(status);
  }

  /**
   * The tightest threshold that {@code expiresOn} is within on {@code today} (0 to threshold days
   * ahead, the last valid day included), if any; nothing once the certificate has expired.
   */
  public Optional<Integer> reached(LocalDate today, LocalDate expiresOn) {
    long left = ChronoUnit.DAYS.between(today, expiresOn);
    if (left < 0) {
      return Optional.empty();
    }
    return days.stream().filter(d -> left <= d).min(Comparator.naturalOrder());
  }
}
