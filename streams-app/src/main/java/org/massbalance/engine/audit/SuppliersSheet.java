package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.AuditData.LotRecord;

/**
 * The {@code Suppliers} sheet: one row per NOP ID and product received in the range, with the
 * certificate as it is now, the receipts, their quantity, and those received while not certified.
 * Gathered as the groups pass (one small tally per NOP ID and product), written at the end.
 */
final class SuppliersSheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Suppliers",
          "suppliers.csv",
          new TableSpec.Columns()
              .add(
                  TEXT,
                  "supplier_nop_id",
                  "operation_name",
                  "certifier",
                  "status",
                  "status_effective",
                  "expires_on",
                  "scopes",
                  "product_id",
                  "unit")
              .add(COUNT, "receipts")
              .add(QUANTITY, "quantity_received")
              .add(COUNT, "receipts_not_certified")
              .list());

  private final Map<String, Tally> tallies = new TreeMap<>();

  private static final class Tally {
    long receipts;
    long notCertified;
    BigDecimal quantity = BigDecimal.ZERO;
    String unit;
  }

  /** Counts {@code group}'s receipts of the range. */
  void add(AuditInput.Scope scope, KeyGroup group) {
    for (LotRecord l : group.lots()) {
      if (l.supplierNopId() == null
          || !l.receivedHere()
          || l.transformationId() != null
          || !scope.inRange(l.receivedPeriod())) {
        continue;
      }
      Tally t = tallies.computeIfAbsent(l.supplierNopId() + "|" + l.productId(), x -> new Tally());
      t.receipts++;
      if (Boolean.FALSE.equals(l.certifiedAtReceipt())) {
        t.notCertified++;
      }
      t.quantity = t.quantity.add(l.received());
      t.unit = l.unit();
    }
  }

  /** The rows, by NOP ID and product. */
  void rows(Map<String, SupplierCertificate> certificates, TableSpec.RowSink sink) {
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      String[] k = e.getKey().split("\\|", 2);
      SupplierCertificate c = certificates.get(k[0]);
      Tally t = e.getValue();
      sink.row(
          SPEC,
          new Object[] {
            k[0],
            c == null ? "(no certificate record)" : c.getOperationName(),
            c == null ? null : c.getCertifier(),
            c == null ? null : c.getStatus(),
            c == null ? null : c.getStatusEffective(),
            c == null ? null : c.getExpiresOn(),
            c == null ? null : String.join(";", c.getScopes()),
            k[1],
            t.unit,
            t.receipts,
            t.quantity,
            t.notCertified
          });
    }
  }
}
