package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.util.HashSet;
import java.util.Set;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/**
 * The {@code Lots} sheet: each lot received in the range or drawn by a movement of the range, with
 * its receipt facts (or the transformation that made it), its certification at receipt and how many
 * movements drew it.
 */
final class LotsSheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Lots",
          "lots.csv",
          new TableSpec.Columns()
              .add(TEXT, "site_id", "product_id", "lot_id", "unit")
              .add(QUANTITY, "received", "remaining")
              .add(TEXT, "received_at", "supplier_id", "supplier_lot", "supplier_nop_id")
              .add(FLAG, "certified_at_receipt")
              .add(TEXT, "import_certificate", "origin_country", "origin_site_id")
              .add(COUNT, "allocations")
              .add(TEXT, "transformation_id")
              .list());

  private LotsSheet() {}

  /** The rows of {@code group}'s lots received or drawn in the range. */
  static void rows(AuditInput.Scope scope, KeyGroup group, TableSpec.RowSink sink) {
    Set<String> drawn = new HashSet<>();
    for (TracedMovement t : group.traces()) {
      for (TracedLot l : t.lots()) {
        drawn.add(l.lotId());
      }
    }
    for (LotRecord l : group.lots()) {
      if (!scope.inRange(l.receivedPeriod()) && !drawn.contains(l.lotId())) {
        continue;
      }
      sink.row(
          SPEC,
          new Object[] {
            l.siteId(),
            l.productId(),
            l.lotId(),
            l.unit(),
            l.received(),
            l.remaining(),
            l.receivedAt(),
            l.supplierId(),
            l.supplierLot(),
            l.supplierNopId(),
            l.certifiedAtReceipt(),
            l.importCertificate(),
            l.originCountry(),
            l.originSiteId(),
            (long) l.allocations().size(),
            l.transformationId()
          });
    }
  }
}
