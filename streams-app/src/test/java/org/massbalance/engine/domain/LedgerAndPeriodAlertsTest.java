package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.LedgerInput;

/**
 * The ledger's and the periods' alerts: VARIANCE_EXCEEDED beyond the product's tolerance only,
 * LATE_MOVEMENT before the last COUNT or in a closed period, WASTE_UNDOCUMENTED naming what is
 * missing, WASTE_HIGH with the waste and its share against the tolerance.
 */
class LedgerAndPeriodAlertsTest {

  static final Instant AT = Instant.parse("2025-11-20T08:00:00Z");
  static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
  static final SiteInfo OAKLAND = SiteInfo.defaults("OAKLAND");
  static final ProductInfo PECANS =
      new ProductInfo("PECANS", Unit.KG, true, new BigDecimal("5.0"), "PEC");

  static LedgerMovement movement(String type, String kg, String reason, String document) {
    Movement m =
        Movement.newBuilder()
            .setMovementId("m-9")
            .setType(type)
            .setOccurredAt(AT.toString())
            .setSiteId("OAKLAND")
            .setProductId("PECANS")
            .setQuantity(kg)
            .setUnit("kg")
            .setReason(reason)
            .setDocumentRef(document)
            .build();
    return LedgerMovement.of(
        LedgerInput.newBuilder()
            .setMovement(m)
            .setEpochSecond(AT.getEpochSecond())
            .setNano(AT.getNano())
            .setQuantityKg(kg)
            .setSourceTopic("inventory-movements")
            .setSourcePartition(0)
            .setSourceOffset(0)
            .build());
  }

  @Test
  void shouldRaiseVarianceExceededOnlyBeyondTheTolerance() {
    LedgerMovement count = movement("COUNT", "540", null, null);
    Optional<Alert> beyond =
        LedgerAlerts.varianceExceeded(count, OAKLAND, PECANS, new BigDecimal("600"), NOW);
    assertThat(beyond).isPresent();
    assertThat(beyond.get().getQuantity()).isEqualTo("-60");
    assertThat(beyond.get().getMessage())
        .isEqualTo(
            "COUNT m-9 of PECANS at OAKLAND found 540 kg against a book of 600 kg: a variance of"
                + " -60 kg (-10 %), beyond the tolerance of 5%.");
    assertThat(beyond.get().getDetails())
        .containsEntry("counted", "540")
        .containsEntry("book_at_count", "600")
        .containsEntry("variance_pct", "-10");
    // 5 % of 560 is 28: a variance of 20 is within, exactly 28 too.
    assertThat(LedgerAlerts.varianceExceeded(count, OAKLAND, PECANS, new BigDecimal("560"), NOW))
        .isEmpty();
    assertThat(
            LedgerAlerts.varianceExceeded(
                movement("COUNT", "532", null, null), OAKLAND, PECANS, new BigDecimal("560"), NOW))
        .isEmpty();
    // Any variance against a zero book is beyond.
    assertThat(LedgerAlerts.varianceExceeded(count, OAKLAND, PECANS, BigDecimal.ZERO, NOW))
        .isPresent();
  }

  @Test
  void shouldSayALateMovementDoesNotChangeTheBookOrRestatesItsPeriod() {
    LedgerMovement sale = movement("SALE", "50", null, null);
    Alert beforeCount =
        LedgerAlerts.lateBeforeCount(
            sale, OAKLAND, PECANS, Instant.parse("2025-11-30T20:00:00Z"), null, NOW);
    assertThat(beforeCount.getType()).isEqualTo("LATE_MOVEMENT");
    assertThat(beforeCount.getMessage())
        .endsWith("before the last COUNT (2025-11-30T20:00:00Z): it does not change the book.");
    assertThat(beforeCount.getDetails()).containsEntry("reason", "before the last COUNT");

    Alert closed =
        PeriodAlerts.lateInClosedPeriod(sale, OAKLAND, PECANS, YearMonth.of(2025, 11), NOW);
    assertThat(closed.getType()).isEqualTo("LATE_MOVEMENT");
    assertThat(closed.getMessage())
        .endsWith("in the closed period 2025-11: the period is restated.");
    assertThat(closed.getDetails()).containsEntry("reason", "in a closed period");
  }

  @Test
  void shouldNameWhatAnUndocumentedWasteLacks() {
    LedgerMovement bare = movement("WASTE", "3", null, null);
    assertThat(LedgerAlerts.undocumented(bare)).isTrue();
    assertThat(LedgerAlerts.undocumented(movement("WASTE", "3", "mould", "WD-1"))).isFalse();
    assertThat(LedgerAlerts.undocumented(movement("WASTE", "3", "mould", null))).isTrue();
    Alert a = LedgerAlerts.wasteUndocumented(bare, OAKLAND, PECANS, NOW);
    assertThat(a.getMessage())
        .isEqualTo("WASTE m-9 of 3 kg of PECANS at OAKLAND has no reason and no document_ref.");
    assertThat(a.getDetails()).containsEntry("missing", "reason,document_ref");
  }

  @Test
  void shouldGiveTheWasteAndItsShareWhenWasteIsHigh() {
    BigDecimal z = BigDecimal.ZERO;
    PeriodFigures f =
        new PeriodFigures(
            z,
            Map.of(Figure.RECEIPTS, new BigDecimal("100"), Figure.WASTE, new BigDecimal("8")),
            new BigDecimal("92"),
            null,
            null,
            z,
            null,
            new BigDecimal("92"),
            new BigDecimal("8"),
            PeriodFigures.Status.NOT_COUNTED,
            true);
    Alert a = PeriodAlerts.wasteHigh("OAKLAND", "PECANS", YearMonth.of(2025, 11), PECANS, f, NOW);
    assertThat(a.getType()).isEqualTo("WASTE_HIGH");
    assertThat(a.getPeriod()).isEqualTo("2025-11");
    assertThat(a.getQuantity()).isEqualTo("8");
    assertThat(a.getMessage())
        .isEqualTo(
            "Waste of PECANS at OAKLAND in 2025-11 is 8 kg (8 %), above the tolerance of 5%.");
    assertThat(a.getDetails()).containsEntry("waste_pct", "8").containsEntry("tolerance_pct", "5");
  }
}
