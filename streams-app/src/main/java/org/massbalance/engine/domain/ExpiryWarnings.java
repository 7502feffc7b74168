package org.massbalance.engine.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.massbalance.avro.Alert;

/**
 * CERTIFICATE_EXPIRING: which certificate is warned about on a day, under which key the warning is
 * remembered (once per NOP ID, expires_on and threshold), and what the alert says. Pure: the
 * certificate-expiry processor reads the certificates and the warnings given.
 */
public final class ExpiryWarnings {

  private ExpiryWarnings() {}

  /**
   * A warning to give.
   *
   * @param key the key it is remembered under ({@link Keys#expiryWarning}), so it is given once
   * @param alert the alert, keyed by NOP ID
   */
  public record Warning(String key, Alert alert) {}

  /**
   * The warning due on {@code today} (UTC) for certificate {@code nopId}: when it has an {@code
   * expires_on}, is certified today, and its expiry is within one of {@code watch}'s thresholds
   * (the tightest reached); empty otherwise.
   */
  public static Optional<Warning> due(
      String nopId, Certification c, LocalDate today, CertificateWatch watch, Instant now) {
    if (c.expiresOn() == null || !c.certifiedOn(today)) {
      return Optional.empty();
    }
    Optional<Integer> threshold = watch.reached(today, c.expiresOn());
    if (threshold.isEmpty()) {
      return Optional.empty();
    }
    int days = threshold.get();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("nop_id", nopId);
    details.put("expires_on", c.expiresOn().toString());
    details.put("threshold_days", String.valueOf(days));
    details.put("days_left", String.valueOf(ChronoUnit.DAYS.between(today, c.expiresOn())));
    details.put("status", c.status());
    Alert alert =
        Alerts.forCertificate(
            AlertType.CERTIFICATE_EXPIRING,
            nopId,
            days + "d@" + c.expiresOn(),
            String.format(
                "The certificate of NOP ID %s expires on %s, within %d days.",
                nopId, c.expiresOn(), days),
            details,
            now);
    return Optional.of(new Warning(Keys.expiryWarning(nopId, c.expiresOn(), days), alert));
  }
}
