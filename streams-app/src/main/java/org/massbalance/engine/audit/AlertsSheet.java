package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.massbalance.avro.Alert;

/**
 * The {@code Alerts} sheet (also {@code export alerts}): every alert of the range, its details as
 * {@code key=value} pairs in key order.
 */
public final class AlertsSheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Alerts",
          "alerts.csv",
          new TableSpec.Columns()
              .add(
                  TEXT,
                  "alert_id",
                  "type",
                  "severity",
                  "site_id",
                  "product_id",
                  "lot_id",
                  "movement_id",
                  "period")
              .add(QUANTITY, "quantity")
              .add(TEXT, "unit", "occurred_at", "detected_at")
              .add(LONG_TEXT, "message", "details")
              .list());

  private AlertsSheet() {}

  /** The rows of {@code alerts}, in their order. */
  static void rows(List<Alert> alerts, TableSpec.RowSink sink) {
    for (Alert a : alerts) {
      sink.row(SPEC, row(a));
    }
  }

  static Object[] row(Alert a) {
    StringBuilder details = new StringBuilder();
    for (Map.Entry<String, String> d : new TreeMap<>(a.getDetails()).entrySet()) {
      details.append(details.length() == 0 ? "" : "; ").append(d.getKey()).append('=');
      details.append(d.getValue());
    }
    return new Object[] {
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
      details.toString()
    };
  }
}
