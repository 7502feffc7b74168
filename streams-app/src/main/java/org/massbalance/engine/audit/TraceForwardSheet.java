package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import org.massbalance.engine.audit.AuditData.Allocation;
import org.massbalance.engine.audit.AuditData.LotRecord;

/**
 * The {@code Trace forward} sheet: for each lot received in the range, one row per movement that
 * drew it, with the lot's certification at receipt.
 */
final class TraceForwardSheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Trace forward",
          "trace-forward.csv",
          new TableSpec.Columns()
              .add(TEXT, "site_id", "product_id", "lot_id", "received_at")
              .add(FLAG, "certified_at_receipt")
              .add(TEXT, "movement_id", "type")
              .add(QUANTITY, "quantity")
              .add(TEXT, "unit", "occurred_at", "counterparty_id", "document_ref", "to_site_id")
              .list());

  private TraceForwardSheet() {}

  /** The rows of {@code group}'s lots received in the range. */
  static void rows(AuditInput.Scope scope, KeyGroup group, TableSpec.RowSink sink) {
    for (LotRecord l : group.lots()) {
      if (!scope.inRange(l.receivedPeriod())) {
        continue;
      }
      for (Allocation a : l.allocations()) {
        sink.row(
            SPEC,
            new Object[] {
              l.siteId(),
              l.productId(),
              l.lotId(),
              l.receivedAt(),
              l.certifiedAtReceipt(),
              a.movementId(),
              a.type(),
              a.quantity(),
              l.unit(),
              a.occurredAt(),
              a.counterpartyId(),
              a.documentRef(),
              a.toSiteId()
            });
      }
    }
  }
}
