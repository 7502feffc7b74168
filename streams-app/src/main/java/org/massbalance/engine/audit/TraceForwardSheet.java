package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;
import static org.massbalance.engine.audit.Table.row;

import java.util.ArrayList;
import java.util.List;
import org.massbalance.engine.audit.AuditData.Allocation;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.Table.Column;

/**
 * The {@code Trace forward} sheet: for each lot received in the range, one row per movement that
 * drew it.
 */
final class TraceForwardSheet {

  private TraceForwardSheet() {}

  /** The sheet of {@code data}'s lots received in the range. */
  static Table build(AuditData data) {
    List<Column> cols =
        new ArrayList<>(
            Table.columns(
                TEXT, "site_id", "product_id", "lot_id", "received_at", "movement_id", "type"));
    cols.add(new Column("quantity", QUANTITY));
    cols.addAll(
        Table.columns(
            TEXT, "unit", "occurred_at", "counterparty_id", "document_ref", "to_site_id"));
    List<List<Object>> rows = new ArrayList<>();
    for (LotRecord l : AuditRows.sortedLots(data)) {
      if (!data.inRange(l.receivedPeriod())) {
        continue;
      }
      for (Allocation a : l.allocations()) {
        rows.add(
            row(
                l.siteId(),
                l.productId(),
                l.lotId(),
                l.receivedAt(),
                a.movementId(),
                a.type(),
                a.quantity(),
                l.unit(),
                a.occurredAt(),
                a.counterpartyId(),
                a.documentRef(),
                a.toSiteId()));
      }
    }
    return new Table("Trace forward", "trace-forward.csv", cols, rows);
  }
}
