package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.util.ArrayList;
import java.util.List;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.Table.Column;
import org.massbalance.engine.export.SnapshotExport;

/**
 * The {@code Mass balance} sheet: the latest revision of each closed site snapshot of the range,
 * every field of the contract's snapshot in its order.
 */
final class MassBalanceSheet {

  /**
   * Snapshot quantity fields, in contract order: the contract's snapshot fields between {@code
   * unit} and {@code status}.
   */
  static final List<String> SNAPSHOT_QUANTITIES =
      SnapshotExport.FIELDS.subList(
          SnapshotExport.FIELDS.indexOf("unit") + 1, SnapshotExport.FIELDS.indexOf("status"));

  private MassBalanceSheet() {}

  /** The sheet of {@code snapshots}, in their order. */
  static Table build(List<Snapshot> snapshots) {
    List<Column> cols = new ArrayList<>(Table.columns(TEXT, "site_id", "product_id", "period"));
    cols.add(new Column("revision", COUNT));
    cols.add(new Column("unit", TEXT));
    cols.addAll(Table.columns(QUANTITY, SNAPSHOT_QUANTITIES.toArray(String[]::new)));
    cols.add(new Column("status", TEXT));
    List<List<Object>> rows = new ArrayList<>();
    for (Snapshot s : snapshots) {
      List<Object> r = new ArrayList<>();
      r.add(s.getSiteId());
      r.add(s.getProductId());
      r.add(s.getPeriod());
      r.add((long) s.getRevision());
      r.add(s.getUnit());
      for (String f : SNAPSHOT_QUANTITIES) {
        r.add(Table.decimal((String) s.get(f)));
      }
      r.add(s.getStatus());
      rows.add(r);
    }
    return new Table("Mass balance", "mass-balance.csv", cols, rows);
  }
}
