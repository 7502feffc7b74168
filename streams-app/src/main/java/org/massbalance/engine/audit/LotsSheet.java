package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;
import static org.massbalance.engine.audit.Table.row;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.audit.Table.Column;
import org.massbalance.engine.domain.Keys;

/**
 * The {@code Lots} sheet: each lot received in the range or drawn by a movement of the range, with
 * its receipt facts and how many movements drew it.
 */
final class LotsSheet {

  private LotsSheet() {}

  /** The sheet of {@code data}'s lots, with the range's {@code traces} (the lots they drew). */
  static Table build(AuditData data, List<TracedMovement> traces) {
    Set<String> drawn = new HashSet<>();
    for (TracedMovement t : traces) {
      for (TracedLot l : t.lots()) {
        drawn.add(Keys.lot(Keys.ledger(t.siteId(), t.productId()), l.lotId()));
      }
    }
    List<Column> cols =
        new ArrayList<>(Table.columns(TEXT, "site_id", "product_id", "lot_id", "unit"));
    cols.addAll(Table.columns(QUANTITY, "received", "remaining"));
    cols.addAll(
        Table.columns(TEXT, "received_at", "supplier_id", "supplier_lot", "supplier_nop_id"));
    cols.add(new Column("certified_at_receipt", FLAG));
    cols.addAll(Table.columns(TEXT, "import_certificate", "origin_country", "origin_site_id"));
    cols.add(new Column("allocations", COUNT));
    List<List<Object>> rows = new ArrayList<>();
    for (LotRecord l : AuditRows.sortedLots(data)) {
      if (!data.inRange(l.receivedPeriod())
          && !drawn.contains(Keys.lot(Keys.ledger(l.siteId(), l.productId()), l.lotId()))) {
        continue;
      }
      rows.add(
          row(
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
              (long) l.allocations().size()));
    }
    return new Table("Lots", "lots.csv", cols, rows);
  }
}
