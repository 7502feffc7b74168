package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.util.HashMap;
import java.util.Map;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.InvestigationRecord;

/**
 * The {@code Investigations} sheet: each INVESTIGATE snapshot of the range with the engine's case:
 * status (open, done; open when the engine lists none), due date, whether overdue or late, and the
 * investigation recorded.
 */
final class InvestigationsSheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Investigations",
          "investigations.csv",
          new TableSpec.Columns()
              .add(TEXT, "site_id", "product_id", "period", "unit")
              .add(QUANTITY, "expected_at_count", "counted", "count_variance", "variance_pct")
              .add(TEXT, "status", "investigation", "due_on")
              .add(FLAG, "overdue", "late")
              .add(TEXT, "cause")
              .add(LONG_TEXT, "explanation", "corrective_action")
              .add(TEXT, "certifier_notified_on", "investigated_by", "recorded_at")
              .list());

  private InvestigationsSheet() {}

  /** The rows of {@code group}'s INVESTIGATE snapshots, with the engine's cases. */
  static void rows(KeyGroup group, TableSpec.RowSink sink) {
    Map<String, InvestigationRecord> byPeriod = new HashMap<>();
    for (InvestigationRecord r : group.investigations()) {
      byPeriod.put(r.period(), r);
    }
    for (Snapshot s : group.snapshots()) {
      if (!"INVESTIGATE".equals(s.getStatus())) {
        continue;
      }
      InvestigationRecord r = byPeriod.get(s.getPeriod());
      boolean recorded = r != null && r.cause() != null;
      sink.row(
          SPEC,
          new Object[] {
            s.getSiteId(),
            s.getProductId(),
            s.getPeriod(),
            s.getUnit(),
            Table.decimal(s.getExpectedAtCount()),
            Table.decimal(s.getCounted()),
            Table.decimal(s.getCountVariance()),
            Table.decimal(s.getVariancePct()),
            r == null ? "open" : r.status(),
            recorded ? "recorded" : "none recorded",
            r == null ? null : r.dueOn(),
            r != null && r.overdue(),
            r != null && r.late(),
            r == null ? null : r.cause(),
            r == null ? null : r.explanation(),
            r == null ? null : r.correctiveAction(),
            r == null ? null : r.certifierNotifiedOn(),
            r == null ? null : r.investigatedBy(),
            r == null ? null : r.recordedAt()
          });
    }
  }
}
