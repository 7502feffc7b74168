package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;
import static org.massbalance.engine.audit.Table.row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.audit.Table.Column;
import org.massbalance.engine.domain.AlertType;
import org.massbalance.engine.domain.Keys;

/**
 * The {@code Waste} sheet: each WASTE of the range with its reason and document, whether it is
 * documented (undocumented exactly when a {@code WASTE_UNDOCUMENTED} alert names it, whose {@code
 * missing} detail says what is missing), and its period's waste against the product's tolerance:
 * above it exactly when the engine raised {@code WASTE_HIGH} for the period, which judges the exact
 * figures at the period's first close (the snapshot's {@code waste_pct} is rounded to 6 places).
 */
final class WasteSheet {

  private WasteSheet() {}

  /** The sheet of the WASTEs among {@code traces}, with their periods' {@code snapshots}. */
  static Table build(AuditData data, List<Snapshot> snapshots, List<TracedMovement> traces) {
    Map<String, Snapshot> byKey = new HashMap<>();
    snapshots.forEach(
        s -> byKey.put(Keys.period(s.getSiteId(), s.getProductId(), s.getPeriod()), s));
    Map<String, Alert> undocumented = new HashMap<>();
    Set<String> wasteHigh = new HashSet<>();
    for (Alert a : data.alerts()) {
      if (AlertType.WASTE_UNDOCUMENTED.name().equals(a.getType()) && a.getMovementId() != null) {
        undocumented.put(
            Keys.movement(Keys.ledger(a.getSiteId(), a.getProductId()), a.getMovementId()), a);
      } else if (AlertType.WASTE_HIGH.name().equals(a.getType()) && a.getPeriod() != null) {
        wasteHigh.add(Keys.period(a.getSiteId(), a.getProductId(), a.getPeriod()));
      }
    }
    List<Column> cols =
        new ArrayList<>(
            Table.columns(TEXT, "site_id", "product_id", "period", "movement_id", "occurred_at"));
    cols.add(new Column("quantity", QUANTITY));
    cols.addAll(Table.columns(TEXT, "unit", "reason", "document_ref"));
    cols.add(new Column("documented", FLAG));
    cols.add(new Column("missing", TEXT));
    cols.addAll(Table.columns(QUANTITY, "period_waste", "period_waste_pct", "tolerance_pct"));
    cols.add(new Column("above_tolerance", FLAG));
    List<List<Object>> rows = new ArrayList<>();
    for (TracedMovement t : traces) {
      if (!"WASTE".equals(t.type())) {
        continue;
      }
      Alert a =
          undocumented.get(Keys.movement(Keys.ledger(t.siteId(), t.productId()), t.movementId()));
      String period = Keys.period(t.siteId(), t.productId(), t.period());
      Snapshot s = byKey.get(period);
      BigDecimal tol = AuditRows.tolerance(data, t.productId());
      BigDecimal pct = s == null ? null : Table.decimal(s.getWastePct());
      BigDecimal periodWaste = s == null ? null : Table.decimal(s.getWaste());
      Boolean above = s == null ? null : wasteHigh.contains(period);
      rows.add(
          row(
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
              periodWaste,
              pct,
              tol,
              above));
    }
    return new Table("Waste", "waste.csv", cols, rows);
  }
}
