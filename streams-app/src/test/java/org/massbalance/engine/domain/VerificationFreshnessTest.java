package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerificationFreshnessTest {

  private final VerificationFreshness rule = VerificationFreshness.defaults();
  private final Instant recorded = Instant.parse("2025-10-01T00:00:00Z");

  @Test
  void shouldDefaultTo45Days() {
    assertThat(rule.maxAge()).isEqualTo(Duration.ofDays(45));
  }

  @Test
  void shouldBeFreshAtExactly45DaysAfterTheVerification() {
    assertThat(rule.staleAge(recorded, recorded.plus(Duration.ofDays(45)))).isEmpty();
  }

  @Test
  void shouldBeStaleOnceTheVerificationIsOlderThan45DaysAtTheReceipt() {
    Instant receipt = recorded.plus(Duration.ofDays(45)).plusMillis(1);
    assertThat(rule.staleAge(recorded, receipt)).contains(Duration.ofDays(45).plusMillis(1));
  }

  @Test
  void shouldNeverBeStaleWithoutRecordedAt() {
    assertThat(rule.staleAge(null, recorded.plus(Duration.ofDays(4000)))).isEmpty();
  }

  @Test
  void shouldNotBeStaleWhenRecordedAfterTheReceipt() {
    assertThat(rule.staleAge(recorded, recorded.minus(Duration.ofDays(100)))).isEmpty();
  }

  @Test
  void shouldHonourAConfiguredMaximumAge() {
    VerificationFreshness week = VerificationFreshness.ofDays(7);
    assertThat(week.staleAge(recorded, recorded.plus(Duration.ofDays(8)))).isPresent();
    assertThat(week.staleAge(recorded, recorded.plus(Duration.ofDays(6)))).isEmpty();
  }

  @Test
  void shouldNameTheSupplierTheVerificationDateAndTheAgeInTheMessage() {
    Duration age = Duration.ofDays(60);
    String message =
        rule.message("R-1", "100 kg", "ALM", "WH1", "ALM-001", "8150000016", recorded, age);
    assertThat(message)
        .isEqualTo(
            "RECEIPT R-1 of 100 kg of organic ALM at WH1 (lot ALM-001): supplier NOP ID"
                + " 8150000016 was last verified against INTEGRITY on 2025-10-01T00:00:00Z,"
                + " 60 days before the purchase (more than 45).");
    assertThat(rule.details("8150000016", recorded, age))
        .containsEntry("recorded_at", "2025-10-01T00:00:00Z")
        .containsEntry("age_days", "60")
        .containsEntry("max_age_days", "45");
  }
}
