package org.massbalance.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Product;
import org.massbalance.avro.Snapshot;

/**
 * The {@code Waste} sheet judges a period's waste as the engine does: above the tolerance exactly
 * when the engine raised WASTE_HIGH for it (on exact figures), against the tolerance the engine
 * reads from the product's record.
 */
class WasteSheetTest {

  private static final Instant GENERATED = Instant.parse("2026-12-01T09:00:00Z");

  /** FRESNO's almonds November (waste m-006, 30 lb) with its waste_pct and tolerance set. */
  private static AuditData november(String wastePct, String tolerancePct, List<Alert> alerts) {
    AuditData d = AuditFixtures.data(GENERATED);
    Snapshot almonds = Snapshot.newBuilder(AuditFixtures.almonds()).setWastePct(wastePct).build();
    Product product =
        Product.newBuilder()
            .setProductId("ALMONDS")
            .setUnit("lb")
            .setTolerancePct(tolerancePct)
            .build();
    return new AuditData(
        d.from(),
        d.to(),
        d.sites(),
        d.generatedAt(),
        List.of(AuditFixtures.pecans(), almonds),
        d.consolidated(),
        d.traces(),
        d.lots(),
        d.certificates(),
        Map.of("ALMONDS", product),
        alerts,
        d.investigations());
  }

  private static Alert wasteHigh() {
    return Alert.newBuilder()
        .setAlertId("w-1")
        .setType("WASTE_HIGH")
        .setSeverity("WARNING")
        .setSiteId("FRESNO")
        .setProductId("ALMONDS")
        .setPeriod("2025-11")
        .setQuantity("30")
        .setUnit("lb")
        .setDetectedAt("2025-12-01T00:00:00Z")
        .setMessage("Waste of ALMONDS at FRESNO in 2025-11 is 30 lb (5.000000 %), above ...")
        .setDetails(Map.of("waste_pct", "5.000000", "tolerance_pct", "5.000000"))
        .build();
  }

  /** The row of m-006, by column name. */
  private static Map<String, Object> wasteRow(AuditData data) {
    Table t = AuditTables.find(AuditTables.build(data), "Waste").orElseThrow();
    assertThat(t.rows()).hasSize(1);
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < t.columns().size(); i++) {
      row.put(t.columns().get(i).name(), t.rows().get(0).get(i));
    }
    assertThat(row).containsEntry("movement_id", "m-006");
    return row;
  }

  @Test
  void shouldMarkThePeriodAboveToleranceWhenTheEngineRaisedWasteHigh() {
    // 5.000000 % is the rounded figure: the exact waste is above 5 %, as the engine found
    Map<String, Object> row = wasteRow(november("5.000000", "5.0", List.of(wasteHigh())));

    assertThat(row)
        .containsEntry("period_waste_pct", new BigDecimal("5.000000"))
        .containsEntry("tolerance_pct", new BigDecimal("5.0"))
        .containsEntry("above_tolerance", true);
  }

  @Test
  void shouldNotMarkThePeriodAboveToleranceWithoutWasteHigh() {
    Map<String, Object> row = wasteRow(november("1.333333", "5.0", List.of()));

    assertThat(row).containsEntry("above_tolerance", false);
  }

  @Test
  void shouldFollowTheEngineRatherThanTheRestatedFigures() {
    // WASTE_HIGH is raised at the period's first close: a restatement after it keeps the verdict
    assertThat(wasteRow(november("8", "5.0", List.of()))).containsEntry("above_tolerance", false);
    assertThat(wasteRow(november("1", "5.0", List.of(wasteHigh()))))
        .containsEntry("above_tolerance", true);
  }

  @Test
  void shouldReadTheProductsToleranceAsTheEngineDoes() {
    assertThat(wasteRow(november("1.333333", "-1", List.of())))
        .containsEntry("tolerance_pct", new BigDecimal("5.0"));
    assertThat(wasteRow(november("1.333333", " 2.5 ", List.of())))
        .containsEntry("tolerance_pct", new BigDecimal("2.5"));
    assertThat(wasteRow(november("1.333333", "n/a", List.of())))
        .containsEntry("tolerance_pct", new BigDecimal("5.0"));
  }
}
