package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.LedgerInput;

/**
 * The lot and receipt alerts say what happened in the product's unit, name the lot and the
 * supplier, and carry the figures an operator acts on in their details.
 */
class LotAlertsTest {

  static final Instant AT = Instant.parse("2025-11-09T08:00:00Z");
  static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
  static final SiteInfo FRESNO = SiteInfo.defaults("FRESNO");
  static final ProductInfo ALMONDS =
      new ProductInfo("ALMONDS", Unit.LB, true, new BigDecimal("5.0"), "ALM");

  /** 100 lb in kg, exactly. */
  static final String HUNDRED_LB_KG = "45.359237";

  static LedgerMovement movement(String id, String type, String kg, String importCertificate) {
    Movement m =
        Movement.newBuilder()
            .setMovementId(id)
            .setType(type)
            .setOccurredAt(AT.toString())
            .setSiteId("FRESNO")
            .setProductId("ALMONDS")
            .setQuantity("100")
            .setUnit("lb")
            .setImportCertificate(importCertificate)
            .build();
    return LedgerMovement.of(
        LedgerInput.newBuilder()
            .setMovement(m)
            .setEpochSecond(AT.getEpochSecond())
            .setNano(AT.getNano())
            .setQuantityKg(kg)
            .setSourceTopic("inventory-movements")
            .setSourcePartition(0)
            .setSourceOffset(7)
            .build());
  }

  @Test
  void shouldSayAReceiptNamesNoSupplierNopId() {
    Alert a =
        LotAlerts.certificateMissing(
            movement("r1", "RECEIPT", HUNDRED_LB_KG, null),
            FRESNO,
            ALMONDS,
            "ALM-20251109-001",
            NOW);
    assertThat(a.getType()).isEqualTo("SUPPLIER_CERTIFICATE_MISSING");
    assertThat(a.getSeverity()).isEqualTo(AlertType.SUPPLIER_CERTIFICATE_MISSING.severity().name());
    assertThat(a.getMessage())
        .isEqualTo(
            "RECEIPT r1 of 100 lb of organic ALMONDS at FRESNO (lot ALM-20251109-001) names no"
                + " supplier NOP ID.");
    assertThat(a.getQuantity()).isEqualTo("100");
  }

  @Test
  void shouldSayWhySupplierWasNotCertifiedThatDay() {
    LocalDate day = LocalDate.parse("2025-11-09");
    Certification suspended =
        new Certification("8150000101", "SUSPENDED", LocalDate.parse("2025-10-01"), null);
    Alert a =
        LotAlerts.notCertified(
            movement("r2", "RECEIPT", HUNDRED_LB_KG, null),
            FRESNO,
            ALMONDS,
            "L1",
            "8150000101",
            Optional.of(suspended),
            day,
            NOW);
    assertThat(a.getMessage())
        .isEqualTo(
            "RECEIPT r2 of 100 lb of organic ALMONDS at FRESNO (lot L1): supplier NOP ID"
                + " 8150000101 was not certified on 2025-11-09 (status SUSPENDED).");
    assertThat(a.getDetails())
        .containsEntry("supplier_nop_id", "8150000101")
        .containsEntry("receipt_date", "2025-11-09")
        .containsEntry("status", "SUSPENDED")
        .containsEntry("status_effective", "2025-10-01")
        .doesNotContainKey("expires_on");

    Alert unknown =
        LotAlerts.notCertified(
            movement("r3", "RECEIPT", HUNDRED_LB_KG, null),
            FRESNO,
            ALMONDS,
            "L2",
            "8150000999",
            Optional.empty(),
            day,
            NOW);
    assertThat(unknown.getMessage()).endsWith("supplier NOP ID 8150000999 is unknown.");
    assertThat(unknown.getDetails()).doesNotContainKey("status");
  }

  @Test
  void shouldSayHowMuchANamedLotWasOverdrawn() {
    Alert a =
        LotAlerts.overdrawn(
            movement("s1", "SALE", HUNDRED_LB_KG, null),
            FRESNO,
            ALMONDS,
            "L1",
            new BigDecimal("22.6796185"),
            new BigDecimal("22.6796185"),
            NOW);
    assertThat(a.getType()).isEqualTo("LOT_OVERDRAWN");
    assertThat(a.getLotId()).isEqualTo("L1");
    assertThat(a.getQuantity()).as("50 lb overdrawn").isEqualTo("50");
    assertThat(a.getMessage()).contains("from lot L1, which holds 50 lb: 50 lb overdrawn.");
    assertThat(a.getDetails())
        .containsEntry("requested", "100")
        .containsEntry("lot_remaining", "50");
  }

  @Test
  void shouldTellAnUnknownLotFromAnUncoveredRest() {
    LedgerMovement sale = movement("s2", "SALE", HUNDRED_LB_KG, null);
    Alert unknown =
        LotAlerts.untraceable(
            sale, FRESNO, ALMONDS, "NOPE", true, new BigDecimal("22.6796185"), NOW);
    assertThat(unknown.getType()).isEqualTo("UNTRACEABLE_OUTBOUND");
    assertThat(unknown.getLotId()).isEqualTo("NOPE");
    assertThat(unknown.getQuantity()).as("the whole movement").isEqualTo("100");
    assertThat(unknown.getMessage())
        .contains("names lot NOPE, which the site does not hold; 50 lb is covered by no lot.");
    assertThat(unknown.getDetails()).containsEntry("reason", "unknown lot");

    Alert rest =
        LotAlerts.untraceable(
            sale, FRESNO, ALMONDS, null, false, new BigDecimal("22.6796185"), NOW);
    assertThat(rest.getLotId()).isNull();
    assertThat(rest.getQuantity()).as("the uncovered rest").isEqualTo("50");
    assertThat(rest.getMessage()).endsWith(": 50 lb is covered by no lot on hand.");
    assertThat(rest.getDetails()).containsEntry("reason", "not covered by lots");
  }

  @Test
  void shouldTellAMissingImportCertificateFromAMalformedOne() {
    Alert missing =
        LotAlerts.importCertificate(
            movement("r4", "RECEIPT", HUNDRED_LB_KG, null), FRESNO, ALMONDS, "L4", "from NL", NOW);
    assertThat(missing.getType()).isEqualTo("IMPORT_CERTIFICATE_MISSING");
    assertThat(missing.getMessage())
        .endsWith("into FRESNO from NL without an NOP Import Certificate number.");
    assertThat(missing.getDetails()).doesNotContainKey("import_certificate");

    Alert invalid =
        LotAlerts.importCertificate(
            movement("r5", "RECEIPT", HUNDRED_LB_KG, "12-34"),
            FRESNO,
            ALMONDS,
            "L5",
            "from NL",
            NOW);
    assertThat(invalid.getType()).isEqualTo("IMPORT_CERTIFICATE_INVALID");
    assertThat(invalid.getMessage()).contains("with '12-34', not an NOP Import Certificate number");
    assertThat(invalid.getDetails())
        .containsEntry("import_certificate", "12-34")
        .containsEntry("required_format", "NNN-NNNNNNNNNN-NNNNNN");
  }

  @Test
  void shouldListTheLotsHeldFromAWithdrawnSupplierInTheProductsUnit() {
    Certification revoked =
        new Certification("1234567890", "REVOKED", LocalDate.parse("2026-01-10"), null);

    Alert alert =
        LotAlerts.supplierStatusChanged(
            "1234567890",
            revoked,
            "FRESNO",
            "ALMONDS",
            ALMONDS,
            java.util.List.of(
                new LotAlerts.HeldLot("L1", new BigDecimal(HUNDRED_LB_KG)),
                new LotAlerts.HeldLot("L2", new BigDecimal("22.6796185"))),
            NOW);

    assertThat(alert.getType()).isEqualTo("SUPPLIER_STATUS_CHANGED");
    assertThat(alert.getSiteId()).isEqualTo("FRESNO");
    assertThat(alert.getProductId()).isEqualTo("ALMONDS");
    assertThat(alert.getQuantity()).as("150 lb on hand").isEqualTo("150");
    assertThat(alert.getUnit()).isEqualTo("lb");
    assertThat(alert.getMessage())
        .isEqualTo(
            "Supplier NOP ID 1234567890 is REVOKED since 2026-01-10; ALMONDS at FRESNO holds its"
                + " lots L1 (100 lb), L2 (50 lb).");
    assertThat(alert.getDetails())
        .containsEntry("nop_id", "1234567890")
        .containsEntry("status", "REVOKED")
        .containsEntry("status_effective", "2026-01-10")
        .containsEntry("lots", "L1 (100 lb), L2 (50 lb)");
    assertThat(alert.getDetectedAt()).isEqualTo(NOW.toString());
  }
}
