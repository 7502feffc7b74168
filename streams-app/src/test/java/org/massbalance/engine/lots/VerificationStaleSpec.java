package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.testing.EngineDriver;

/**
 * SUPPLIER_VERIFICATION_STALE (WARNING): a RECEIPT of an organic product whose supplier's
 * certificate record was recorded more than {@code certificate.verification.max.age.days} (default
 * 45) before the receipt's occurred_at.
 */
class VerificationStaleSpec {

  static final String FRESNO = "FRESNO";
  static final String ALMONDS = "ALMONDS";
  static final String NOP = "8150000016";

  private static EngineDriver engine(Map<String, Object> overrides) {
    EngineDriver engine = new EngineDriver(Instant.parse("2026-01-15T00:00:00Z"), overrides);
    engine.site(FRESNO, "America/Los_Angeles", "US").product(ALMONDS, "lb", "5.0", "ALM");
    return engine;
  }

  private static SupplierCertificate certified(String recordedAt) {
    return SupplierCertificate.newBuilder()
        .setNopId(NOP)
        .setOperationName("Sunny Orchards")
        .setStatus("CERTIFIED")
        .setStatusEffective("2020-01-01")
        .setRecordedAt(recordedAt == null ? null : Instant.parse(recordedAt).toEpochMilli())
        .build();
  }

  @Test
  void shouldWarnWhenTheVerificationIsOlderThan45DaysAtTheReceipt() {
    try (EngineDriver engine = engine(Map.of())) {
      engine.certificate(certified("2025-09-01T12:00:00Z"));
      engine.send(
          receipt(FRESNO, ALMONDS, "500", "lb").id("r1").at("2025-11-09").supplier("S", NOP));

      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("SUPPLIER_VERIFICATION_STALE");
                assertThat(a.getSeverity()).isEqualTo("WARNING");
                assertThat(a.getMovementId()).isEqualTo("r1");
                assertThat(a.getLotId()).isEqualTo("ALM-20251109-001");
                assertThat(a.getQuantity()).isEqualTo("500");
                assertThat(a.getMessage()).contains(NOP).contains("2025-09-01T12:00:00Z");
                assertThat(a.getDetails()).containsEntry("max_age_days", "45");
              });
    }
  }

  @Test
  void shouldNotWarnForARecentVerificationOrARecordWithoutRecordedAt() {
    try (EngineDriver engine = engine(Map.of())) {
      engine.certificate(certified("2025-10-20T00:00:00Z"));
      engine.send(
          receipt(FRESNO, ALMONDS, "500", "lb").id("r1").at("2025-11-09").supplier("S", NOP));
      engine.certificate(certified(null));
      // Years after any recorded_at could be, still within the wall clock (2026-01-15).
      engine.send(receipt(FRESNO, ALMONDS, "5", "lb").id("r2").at("2026-01-10").supplier("S", NOP));

      assertThat(engine.rejected()).as("both receipts judged").isEmpty();
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldHonourTheConfiguredMaximumAge() {
    try (EngineDriver engine = engine(Map.of("certificate.verification.max.age.days", "7"))) {
      engine.certificate(certified("2025-10-20T00:00:00Z"));
      engine.send(
          receipt(FRESNO, ALMONDS, "500", "lb").id("r1").at("2025-11-09").supplier("S", NOP));

      assertThat(engine.alerts().stream().map(Alert::getType))
          .containsExactly("SUPPLIER_VERIFICATION_STALE");
    }
  }

  @Test
  void shouldRaiseOnlyNotCertifiedForASuspendedSupplierWithAnOldRecord() {
    try (EngineDriver engine = engine(Map.of())) {
      engine.certificate(
          SupplierCertificate.newBuilder(certified("2024-01-01T00:00:00Z"))
              .setStatus("SUSPENDED")
              .setStatusEffective("2025-01-01")
              .build());
      engine.send(
          receipt(FRESNO, ALMONDS, "500", "lb").id("r1").at("2025-11-09").supplier("S", NOP));

      assertThat(engine.alerts().stream().map(Alert::getType))
          .containsExactly("SUPPLIER_NOT_CERTIFIED");
    }
  }
}
