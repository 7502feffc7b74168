package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.config.KeyPartitions;
import org.massbalance.engine.testing.EngineDriver;

/**
 * CERTIFICATE_EXPIRING: by the wall clock, a certificate's expires_on comes within a warning
 * threshold (90, 60, 30 days by default): once per NOP ID, expires_on and threshold.
 */
class CertificateExpirySpec {

  // the driver's wall clock starts at 2026-01-15T00:00Z
  static final String NOP = "8150000016";

  private static List<String> thresholds(EngineDriver engine) {
    return engine.alerts().stream()
        .peek(a -> assertThat(a.getType()).isEqualTo("CERTIFICATE_EXPIRING"))
        .map(a -> a.getDetails().get("threshold_days") + "@" + a.getDetails().get("expires_on"))
        .toList();
  }

  @Test
  void shouldWarnOnceWhenExpiresOnComesWithin90Days() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", "2026-04-10"); // 85 days ahead

      engine.advanceWallClock(Duration.ofHours(1));
      List<Alert> alerts = engine.alerts();
      assertThat(alerts)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("CERTIFICATE_EXPIRING");
                assertThat(a.getSeverity()).isEqualTo("WARNING");
                assertThat(a.getSiteId()).isNull();
                assertThat(a.getDetails())
                    .containsEntry("nop_id", NOP)
                    .containsEntry("expires_on", "2026-04-10")
                    .containsEntry("threshold_days", "90")
                    .containsEntry("days_left", "85");
              });

      engine.advanceWallClock(Duration.ofHours(1));
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldWarnAgainAtEachTighterThreshold() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", "2026-03-20"); // 64 days ahead

      engine.advanceWallClock(Duration.ofHours(1));
      assertThat(thresholds(engine)).containsExactly("90@2026-03-20");
      engine.advanceWallClock(Duration.ofDays(4)); // 60 days left: the last day of the 60
      assertThat(thresholds(engine)).containsExactly("60@2026-03-20");
      engine.advanceWallClock(Duration.ofDays(30)); // 30 days left
      assertThat(thresholds(engine)).containsExactly("30@2026-03-20");
      engine.advanceWallClock(Duration.ofDays(30)); // the last valid day
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldWarnOnlyTheTightestThresholdReached() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", "2026-02-04"); // 20 days ahead

      engine.advanceWallClock(Duration.ofHours(1));

      assertThat(thresholds(engine)).containsExactly("30@2026-02-04");
    }
  }

  @Test
  void shouldWarnAgainForARenewedExpiresOn() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", "2026-02-04");
      engine.advanceWallClock(Duration.ofHours(1));
      assertThat(thresholds(engine)).containsExactly("30@2026-02-04");

      engine.certificate(NOP, "CERTIFIED", "2019-04-01", "2026-04-10");
      engine.advanceWallClock(Duration.ofHours(1));

      assertThat(thresholds(engine)).containsExactly("90@2026-04-10");
    }
  }

  @Test
  void shouldNotWarnFarAheadAfterExpiryWithoutExpiresOnOrForAWithdrawnOperation() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.certificate("1000000001", "CERTIFIED", "2019-04-01", "2026-04-15"); // 90 days: warns
      engine.certificate("1000000002", "CERTIFIED", "2019-04-01", "2026-04-16"); // 91 days
      engine.certificate("1000000003", "CERTIFIED", "2019-04-01", "2026-01-14"); // expired
      engine.certificate("1000000004", "CERTIFIED", "2019-04-01", null);
      engine.certificate("1000000005", "REVOKED", "2025-06-01", "2026-02-01");

      engine.advanceWallClock(Duration.ofHours(1));

      assertThat(engine.alerts())
          .extracting(a -> a.getDetails().get("nop_id"))
          .containsExactly("1000000001");
    }
  }

  @Test
  void shouldUseConfiguredThresholds() {
    try (EngineDriver engine =
        new EngineDriver(
            EngineDriver.DEFAULT_WALL_CLOCK,
            Map.of(EngineConfig.CERTIFICATE_WARNING_DAYS_CONFIG, "14"))) {
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", "2026-02-04"); // 20 days ahead
      engine.advanceWallClock(Duration.ofHours(1));
      assertThat(engine.alerts()).isEmpty();

      engine.advanceWallClock(Duration.ofDays(6));

      assertThat(thresholds(engine)).containsExactly("14@2026-02-04");
    }
  }

  @Test
  void shouldGiveTheSameIdForTheSameCertificateThresholdAndDate() {
    String first;
    try (EngineDriver engine = new EngineDriver()) {
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", "2026-04-10");
      engine.advanceWallClock(Duration.ofHours(1));
      first = engine.alerts().get(0).getAlertId();
    }
    try (EngineDriver engine = new EngineDriver(Instant.parse("2026-01-20T00:00:00Z"), Map.of())) {
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", "2026-04-10");
      engine.advanceWallClock(Duration.ofHours(1));
      assertThat(engine.alerts()).extracting(Alert::getAlertId).containsExactly(first);
    }
  }

  @Test
  void shouldGiveEachCertificateToExactlyOnePartition() {
    for (String nop : List.of("8150000016", "1000000001", "0000000000", "9999999999")) {
      int owner = KeyPartitions.owner(nop, 12);
      assertThat(owner).isBetween(0, 11);
      assertThat(KeyPartitions.owner(nop, 12)).isEqualTo(owner);
    }
    assertThat(KeyPartitions.owner("8150000016", 0)).isZero();
  }
}
