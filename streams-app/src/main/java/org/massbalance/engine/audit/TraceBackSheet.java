package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.math.BigDecimal;
import org.massbalance.engine.audit.AuditData.LineageInput;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/**
 * The {@code Trace back} sheet: one row per outbound movement of the range and lot it drew (with
 * the lot's supplier and certification at receipt), and one row with an empty {@code lot_id} for
 * what no lot covered, so a movement's rows add up to its quantity. A lot a transformation made
 * names the transformation ({@code transformation_id}) and the lots it drew, with their suppliers,
 * NOP IDs and certification ({@code traced_to}).
 */
final class TraceBackSheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Trace back",
          "trace-back.csv",
          new TableSpec.Columns()
              .add(TEXT, "movement_id", "type", "occurred_at", "site_id", "product_id", "lot_id")
              .add(QUANTITY, "quantity")
              .add(TEXT, "unit", "supplier_id", "supplier_lot", "supplier_nop_id")
              .add(FLAG, "certified_at_receipt")
              .add(TEXT, "import_certificate", "counterparty_id", "document_ref")
              .add(TEXT, "transformation_id")
              .add(LONG_TEXT, "traced_to")
              .list());

  private TraceBackSheet() {}

  /** The rows of {@code group}'s back traces, in their order. */
  static void rows(KeyGroup group, TableSpec.RowSink sink) {
    for (TracedMovement t : group.traces()) {
      for (TracedLot l : t.lots()) {
        sink.row(
            SPEC,
            new Object[] {
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
              t.documentRef(),
              l.transformationId(),
              l.transformationId() == null ? null : tracedTo(l)
            });
      }
      if (t.uncovered().signum() != 0 || t.lots().isEmpty()) {
        sink.row(
            SPEC,
            new Object[] {
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
              t.documentRef(),
              null,
              null
            });
      }
    }
  }

  /**
   * The lots a made lot traces to, one step down: "lot A (ALMONDS 10 lb, supplier VNG lot V-1, NOP
   * ID 8150000016, certified); lot K (KERNELS 2 kg, made by t-2)".
   */
  static String tracedTo(TracedLot l) {
    StringBuilder b = new StringBuilder();
    for (LineageInput in : l.inputs()) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(lineage(in));
    }
    return b.toString();
  }

  /** One input lot of a lineage in words. */
  static String lineage(LineageInput in) {
    StringBuilder b = new StringBuilder();
    if (in.lotId() == null) {
      b.append("uncovered ");
    } else {
      b.append("lot ").append(in.lotId()).append(' ');
    }
    b.append('(').append(in.productId()).append(' ').append(plain(in.quantity()));
    if (in.unit() != null) {
      b.append(' ').append(in.unit());
    }
    if (in.lotId() != null) {
      if (in.transformationId() != null) {
        b.append(", made by ").append(in.transformationId());
      } else {
        if (in.supplierId() != null) {
          b.append(", supplier ").append(in.supplierId());
          if (in.supplierLot() != null) {
            b.append(" lot ").append(in.supplierLot());
          }
        }
        if (in.supplierNopId() != null) {
          b.append(", NOP ID ").append(in.supplierNopId());
        }
      }
      if (!in.organic()) {
        b.append(", not organic");
      }
      b.append(
          in.certifiedAtReceipt() == null
              ? ""
              : in.certifiedAtReceipt() ? ", certified" : ", NOT certified");
    }
    return b.append(')').toString();
  }

  private static String plain(BigDecimal d) {
    return d == null ? "" : d.stripTrailingZeros().toPlainString();
  }
}
