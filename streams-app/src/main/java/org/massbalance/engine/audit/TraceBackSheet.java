package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;
import static org.massbalance.engine.audit.Table.row;

import java.util.ArrayList;
import java.util.List;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.audit.Table.Column;

/**
 * The {@code Trace back} sheet: one row per outbound movement of the range and lot it drew (with
 * the lot's supplier and certification at receipt), and one row with an empty {@code lot_id} for
 * what no lot covered, so a movement's rows add up to its quantity.
 */
final class TraceBackSheet {

  private TraceBackSheet() {}

  /** The sheet of {@code traces}, in their order. */
  static Table build(List<TracedMovement> traces) {
    List<Column> cols =
        new ArrayList<>(
            Table.columns(
                TEXT, "movement_id", "type", "occurred_at", "site_id", "product_id", "lot_id"));
    cols.add(new Column("quantity", QUANTITY));
    cols.addAll(Table.columns(TEXT, "unit", "supplier_id", "supplier_lot", "supplier_nop_id"));
    cols.add(new Column("certified_at_receipt", FLAG));
    cols.addAll(Table.columns(TEXT, "import_certificate", "counterparty_id", "document_ref"));
    List<List<Object>> rows = new ArrayList<>();
    for (TracedMovement t : traces) {
      for (TracedLot l : t.lots()) {
        rows.add(
            row(
                t.movementId(),
                t.type(),
                t.occurredAt(),
                t.siteId(),
                t.productId(),
                l.lotId(),
                l.quantity(),
                t.unit(),
                l.supplierId(),
                l.supplierLot(),
                l.supplierNopId(),
                l.certifiedAtReceipt(),
                l.importCertificate(),
                t.counterpartyId(),
                t.documentRef()));
      }
      if (t.uncovered().signum() != 0 || t.lots().isEmpty()) {
        rows.add(
            row(
                t.movementId(),
                t.type(),
                t.occurredAt(),
                t.siteId(),
                t.productId(),
                null,
                t.uncovered(),
                t.unit(),
                null,
                null,
                null,
                null,
                null,
                t.counterpartyId(),
                t.documentRef()));
      }
    }
    return new Table("Trace back", "trace-back.csv", cols, rows);
  }
}
