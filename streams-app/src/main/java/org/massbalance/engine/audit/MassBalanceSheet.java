package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.util.List;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.export.SnapshotExport;

/**
 * The {@code Mass balance} sheet: the latest revision of each closed site snapshot of the range,
 * every field of the contract's snapshot in its order, then {@code processed} and {@code produced}
 * (Processing's additions to the snapshot, kept after the contract's columns so that those keep
 * their places).
 */
final class MassBalanceSheet {

  /**
   * Snapshot quantity fields, in contract order: the contract's snapshot fields between {@code
   * unit} and {@code status}.
   */
  static final List<String> SNAPSHOT_QUANTITIES =
      SnapshotExport.FIELDS.subList(
          SnapshotExport.FIELDS.indexOf("unit") + 1, SnapshotExport.FIELDS.indexOf("status"));

  /** The snapshot fields of processing and sign-off, after the contract's (0 when unused). */
  static final List<String> PROCESSING_QUANTITIES = List.of("processed", "produced", "corrections");

  static final TableSpec SPEC =
      new TableSpec(
          "Mass balance",
          "mass-balance.csv",
          new TableSpec.Columns()
              .add(TEXT, "site_id", "product_id", "period")
              .add(COUNT, "revision")
              .add(TEXT, "unit")
              .add(QUANTITY, SNAPSHOT_QUANTITIES.toArray(String[]::new))
              .add(TEXT, "status")
              .add(QUANTITY, PROCESSING_QUANTITIES.toArray(String[]::new))
              .list());

  private MassBalanceSheet() {}

  /** The rows of {@code group}'s snapshots. */
  static void rows(KeyGroup group, TableSpec.RowSink sink) {
    for (Snapshot s : group.snapshots()) {
      Object[] r = new Object[SPEC.columns().size()];
      int i = 0;
      r[i++] = s.getSiteId();
      r[i++] = s.getProductId();
      r[i++] = s.getPeriod();
      r[i++] = (long) s.getRevision();
      r[i++] = s.getUnit();
      for (String f : SNAPSHOT_QUANTITIES) {
        r[i++] = Table.decimal((String) s.get(f));
      }
      r[i++] = s.getStatus();
      for (String f : PROCESSING_QUANTITIES) {
        r[i++] = Table.decimal((String) s.get(f));
      }
      sink.row(SPEC, r);
    }
  }
}
