package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;
import static org.massbalance.engine.audit.Table.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.massbalance.avro.Alert;
import org.massbalance.engine.audit.Table.Column;

/**
 * The {@code Alerts} sheet (also {@code export alerts}): every alert of the range, its details as
 * {@code key=value} pairs in key order.
 */
public final class AlertsSheet {

  private AlertsSheet() {}

  /**
   * The {@code Alerts} table of {@code alerts} (sorted by site, product, occurred_at, type, id).
   */
  public static Table build(List<Alert> alerts) {
    List<Column> cols =
        new ArrayList<>(
            Table.columns(
                TEXT,
                "alert_id",
                "type",
                "severity",
                "site_id",
                "product_id",
                "lot_id",
                "movement_id",
                "period"));
    cols.add(new Column("quantity", QUANTITY));
    cols.addAll(Table.columns(TEXT, "unit", "occurred_at", "detected_at"));
    cols.add(new Column("message", LONG_TEXT));
    cols.add(new Column("details", LONG_TEXT));
    List<List<Object>> rows = new ArrayList<>();
    for (Alert a : AuditRows.sortedAlerts(alerts)) {
      StringBuilder details = new StringBuilder();
      for (Map.Entry<String, String> d : new TreeMap<>(a.getDetails()).entrySet()) {
        details.append(details.length() == 0 ? "" : "; ").append(d.getKey()).append('=');
        details.append(d.getValue());
      }
      rows.add(
          row(
              a.getAlertId(),
              a.getType(),
              a.getSeverity(),
              a.getSiteId(),
              a.getProductId(),
              a.getLotId(),
              a.getMovementId(),
              a.getPeriod(),
              Table.decimal(a.getQuantity()),
              a.getUnit(),
              a.getOccurredAt(),
              a.getDetectedAt(),
              a.getMessage(),
              details.toString()));
    }
    return new Table("Alerts", "alerts.csv", cols, rows);
  }
}
