package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.domain.AlertType;

/**
 * The {@code Waste} sheet: each WASTE of the range with its reason and document, whether it is
 * documented (undocumented exactly when a {@code WASTE_UNDOCUMENTED} alert names it, whose {@code
 * missing} detail says what is missing), and its period's waste against the product's tolerance:
 * above it exactly when the engine raised {@code WASTE_HIGH} for the period, which judges the exact
 * figures at the period's first close (the snapshot's {@code waste_pct} is rounded to 6 places).
 */
final class WasteSheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Waste",
          "waste.csv",
          new TableSpec.Columns()
              .add(TEXT, "site_id", "product_id", "period", "movement_id", "occurred_at")
              .add(QUANTITY, "quantity")
              .add(TEXT, "unit", "reason", "document_ref")
              .add(FLAG, "documented")
              .add(TEXT, "missing")
              .add(QUANTITY, "period_waste", "period_waste_pct", "tolerance_pct")
              .add(FLAG, "above_tolerance")
              .list());

  private WasteSheet() {}

  /** The rows of the WASTEs among {@code group}'s traces, with the product's tolerance. */
  static void rows(KeyGroup group, BigDecimal tolerance, TableSpec.RowSink sink) {
    Map<String, Snapshot> byPeriod = new HashMap<>();
    group.snapshots().forEach(s -> byPeriod.put(s.getPeriod(), s));
    Map<String, Alert> undocumented = new HashMap<>();
    Set<String> wasteHigh = new HashSet<>();
    for (Alert a : group.alerts()) {
      if (AlertType.WASTE_UNDOCUMENTED.name().equals(a.getType()) && a.getMovementId() != null) {
        undocumented.put(a.getMovementId(), a);
      } else if (AlertType.WASTE_HIGH.name().equals(a.getType()) && a.getPeriod() != null) {
        wasteHigh.add(a.getPeriod());
      }
    }
    for (TracedMovement t : group.traces()) {
      if (!"WASTE".equals(t.type())) {
        continue;
      }
      Alert a = undocumented.get(t.movementId());
      Snapshot s = byPeriod.get(t.period());
      sink.row(
          SPEC,
          new Object[] {
            t.siteId(),
            t.productId(),
            t.period(),
            t.movementId(),
            t.occurredAt(),
            t.quantity(),
            t.unit(),
            t.reason(),
            t.documentRef(),
            a == null,
            a == null ? null : a.getDetails().getOrDefault("missing", ""),
            s == null ? null : Table.decimal(s.getWaste()),
            s == null ? null : Table.decimal(s.getWastePct()),
            tolerance,
            s == null ? null : wasteHigh.contains(t.period())
          });
    }
  }
}
