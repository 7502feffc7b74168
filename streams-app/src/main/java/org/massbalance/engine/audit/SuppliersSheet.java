package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;
import static org.massbalance.engine.audit.Table.row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.Table.Column;

/**
 * The {@code Suppliers} sheet: one row per NOP ID and product received in the range, with the
 * certificate as it is now, the receipts, their quantity, and those received while not certified.
 */
final class SuppliersSheet {

  private SuppliersSheet() {}

  /** The sheet of {@code data}'s receipts of the range. */
  static Table build(AuditData data) {
    List<Column> cols =
        new ArrayList<>(
            Table.columns(
                TEXT,
                "supplier_nop_id",
                "operation_name",
                "certifier",
                "status",
                "status_effective",
                "expires_on",
                "scopes",
                "product_id",
                "unit"));
    cols.add(new Column("receipts", COUNT));
    cols.add(new Column("quantity_received", QUANTITY));
    cols.add(new Column("receipts_not_certified", COUNT));
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> quantities = new HashMap<>();
    Map<String, String> units = new HashMap<>();
    for (LotRecord l : AuditRows.receipts(data)) {
      if (l.supplierNopId() == null) {
        continue;
      }
      String k = l.supplierNopId() + "|" + l.productId();
      long[] c = counts.computeIfAbsent(k, x -> new long[2]);
      c[0]++;
      if (Boolean.FALSE.equals(l.certifiedAtReceipt())) {
        c[1]++;
      }
      quantities.merge(k, l.received(), BigDecimal::add);
      units.put(k, l.unit());
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      String[] k = e.getKey().split("\\|", 2);
      SupplierCertificate c = data.certificates().get(k[0]);
      rows.add(
          row(
              k[0],
              c == null ? "(no certificate record)" : c.getOperationName(),
              c == null ? null : c.getCertifier(),
              c == null ? null : c.getStatus(),
              c == null ? null : c.getStatusEffective(),
              c == null ? null : c.getExpiresOn(),
              c == null ? null : String.join(";", c.getScopes()),
              k[1],
              units.get(e.getKey()),
              e.getValue()[0],
              quantities.get(e.getKey()),
              e.getValue()[1]));
    }
    return new Table("Suppliers", "suppliers.csv", cols, rows);
  }
}
