package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * CERTIFICATE_EXPIRING: a certified operation whose expires_on comes within a threshold is warned
 * about once per NOP ID, expires_on and threshold (the tightest reached); an uncertified or expired
 * one, or one far from its expiry, is not.
 */
class ExpiryWarningsTest {

  static final LocalDate TODAY = LocalDate.parse("2026-01-15");
  static final Instant NOW = Instant.parse("2026-01-15T09:00:00Z");
  static final CertificateWatch WATCH = CertificateWatch.defaults();

  static Certification cert(String status, String expiresOn) {
    return new Certification(
        "8150000016", status, LocalDate.parse("2020-01-01"), LocalDate.parse(expiresOn));
  }

  @Test
  void shouldWarnAtTheTightestThresholdReachedUnderAKeyOfNopIdExpiryAndThreshold() {
    Optional<ExpiryWarnings.Warning> w =
        ExpiryWarnings.due("8150000016", cert("CERTIFIED", "2026-02-10"), TODAY, WATCH, NOW);
    assertThat(w).isPresent();
    assertThat(w.get().key())
        .isEqualTo(Keys.expiryWarning("8150000016", LocalDate.parse("2026-02-10"), 30));
    assertThat(w.get().alert().getType()).isEqualTo("CERTIFICATE_EXPIRING");
    assertThat(w.get().alert().getMessage())
        .isEqualTo("The certificate of NOP ID 8150000016 expires on 2026-02-10, within 30 days.");
    assertThat(w.get().alert().getDetails()).containsEntry("days_left", "26");
  }

  @Test
  void shouldNotWarnFarFromExpiryAfterItOrForAnOperationNotCertified() {
    assertThat(ExpiryWarnings.due("8150000016", cert("CERTIFIED", "2026-06-01"), TODAY, WATCH, NOW))
        .isEmpty();
    assertThat(ExpiryWarnings.due("8150000016", cert("CERTIFIED", "2026-01-14"), TODAY, WATCH, NOW))
        .isEmpty();
    assertThat(ExpiryWarnings.due("8150000016", cert("REVOKED", "2026-02-10"), TODAY, WATCH, NOW))
        .isEmpty();
  }
}
