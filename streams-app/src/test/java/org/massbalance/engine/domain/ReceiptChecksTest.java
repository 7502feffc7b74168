package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.LedgerInput;

/**
 * A RECEIPT of an organic product raises, in this order, SUPPLIER_CERTIFICATE_MISSING or
 * SUPPLIER_NOT_CERTIFIED or SUPPLIER_VERIFICATION_STALE (at most one of them), then an import
 * certificate alert for an import; a product that is not organic raises none.
 */
class ReceiptChecksTest {

  static final Instant AT = Instant.parse("2025-11-09T08:00:00Z");
  static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
  static final LocalDate DAY = LocalDate.parse("2025-11-09");
  static final SiteInfo FRESNO = SiteInfo.defaults("FRESNO");
  static final ProductInfo ALMONDS =
      new ProductInfo("ALMONDS", Unit.LB, true, new BigDecimal("5.0"), "ALM");
  static final ProductInfo SALT =
      new ProductInfo("SALT", Unit.KG, false, new BigDecimal("5.0"), "SLT");
  static final ReceiptChecks CHECKS = new ReceiptChecks(VerificationFreshness.ofDays(45));

  static LedgerMovement receipt(String nopId, String origin, String importCertificate) {
    Movement m =
        Movement.newBuilder()
            .setMovementId("r1")
            .setType("RECEIPT")
            .setSiteId("FRESNO")
            .setProductId("ALMONDS")
            .setQuantity("100")
            .setUnit("lb")
            .setSupplierNopId(nopId)
            .setOriginCountry(origin)
            .setImportCertificate(importCertificate)
            .build();
    return LedgerMovement.of(
        LedgerInput.newBuilder()
            .setMovement(m)
            .setEpochSecond(AT.getEpochSecond())
            .setNano(0)
            .setQuantityKg("45.359237")
            .setSourceTopic("t")
            .setSourcePartition(0)
            .setSourceOffset(0)
            .build());
  }

  static Optional<Certification> cert(String status, String effective, Instant recordedAt) {
    return Optional.of(
        new Certification("8150000016", status, LocalDate.parse(effective), null, recordedAt));
  }

  static List<String> types(List<Alert> alerts) {
    return alerts.stream().map(Alert::getType).toList();
  }

  @Test
  void shouldCallAReceiptCertifiedOnlyWhenItsSupplierWasCertifiedThatDay() {
    assertThat(ReceiptChecks.certifiedAtReceipt(null, Optional.empty(), DAY)).isFalse();
    assertThat(ReceiptChecks.certifiedAtReceipt("8150000016", Optional.empty(), DAY)).isFalse();
    assertThat(
            ReceiptChecks.certifiedAtReceipt(
                "8150000016", cert("CERTIFIED", "2025-01-01", AT), DAY))
        .isTrue();
    assertThat(
            ReceiptChecks.certifiedAtReceipt(
                "8150000016", cert("CERTIFIED", "2025-12-01", AT), DAY))
        .isFalse();
    assertThat(
            ReceiptChecks.certifiedAtReceipt(
                "8150000016", cert("SUSPENDED", "2025-12-01", AT), DAY))
        .isTrue();
  }

  @Test
  void shouldRaiseOneSupplierAlertThenTheImportAlert() {
    List<Alert> missing =
        CHECKS.receipt(
            receipt(null, "MX", null), FRESNO, ALMONDS, "L1", Optional.empty(), DAY, NOW);
    assertThat(types(missing))
        .containsExactly("SUPPLIER_CERTIFICATE_MISSING", "IMPORT_CERTIFICATE_MISSING");

    List<Alert> notCertified =
        CHECKS.receipt(
            receipt("8150000016", null, null), FRESNO, ALMONDS, "L1", Optional.empty(), DAY, NOW);
    assertThat(types(notCertified)).containsExactly("SUPPLIER_NOT_CERTIFIED");

    List<Alert> stale =
        CHECKS.receipt(
            receipt("8150000016", "US", null),
            FRESNO,
            ALMONDS,
            "L1",
            cert("CERTIFIED", "2025-01-01", AT.minusSeconds(46L * 86_400)),
            DAY,
            NOW);
    assertThat(types(stale)).containsExactly("SUPPLIER_VERIFICATION_STALE");

    List<Alert> fresh =
        CHECKS.receipt(
            receipt("8150000016", "MX", "123-1234567890-123456"),
            FRESNO,
            ALMONDS,
            "L1",
            cert("CERTIFIED", "2025-01-01", AT.minusSeconds(86_400)),
            DAY,
            NOW);
    assertThat(fresh).isEmpty();
  }

  @Test
  void shouldRaiseNothingForAProductThatIsNotOrganic() {
    assertThat(
            CHECKS.receipt(
                receipt(null, "MX", null), FRESNO, SALT, "L1", Optional.empty(), DAY, NOW))
        .isEmpty();
  }

  @Test
  void shouldCheckTheImportCertificateOfAnOrganicArrivalFromAbroadOnly() {
    SiteInfo amsterdam = new SiteInfo("AMS", java.time.ZoneId.of("Europe/Amsterdam"), "NL");
    LedgerMovement arrival = receipt(null, null, null);
    assertThat(CHECKS.arrival(arrival, amsterdam, FRESNO, ALMONDS, "L1", NOW))
        .map(Alert::getType)
        .contains("IMPORT_CERTIFICATE_MISSING");
    assertThat(CHECKS.arrival(arrival, FRESNO, FRESNO, ALMONDS, "L1", NOW)).isEmpty();
    assertThat(CHECKS.arrival(arrival, amsterdam, FRESNO, SALT, "L1", NOW)).isEmpty();
  }
}
