package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;
import static org.massbalance.engine.audit.Table.row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.Table.Column;
import org.massbalance.engine.domain.Keys;

/**
 * The {@code Investigations} sheet: each INVESTIGATE snapshot of the range with the engine's case:
 * status (open, done; open when the engine lists none), due date, whether overdue or late, and the
 * investigation recorded.
 */
final class InvestigationsSheet {

  private InvestigationsSheet() {}

  /** The sheet of the INVESTIGATE {@code snapshots}, with the engine's {@code investigations}. */
  static Table build(List<Snapshot> snapshots, List<AuditData.InvestigationRecord> investigations) {
    Map<String, AuditData.InvestigationRecord> byKey = new HashMap<>();
    for (AuditData.InvestigationRecord r : investigations) {
      byKey.put(r.key(), r);
    }
    List<Column> cols =
        new ArrayList<>(Table.columns(TEXT, "site_id", "product_id", "period", "unit"));
    cols.addAll(Table.columns(QUANTITY, "expected_at_count", "counted", "count_variance"));
    cols.add(new Column("variance_pct", QUANTITY));
    cols.addAll(Table.columns(TEXT, "status", "investigation", "due_on"));
    cols.add(new Column("overdue", FLAG));
    cols.add(new Column("late", FLAG));
    cols.add(new Column("cause", TEXT));
    cols.add(new Column("explanation", LONG_TEXT));
    cols.add(new Column("corrective_action", LONG_TEXT));
    cols.addAll(Table.columns(TEXT, "certifier_notified_on", "investigated_by", "recorded_at"));
    List<List<Object>> rows = new ArrayList<>();
    for (Snapshot s : snapshots) {
      if (!"INVESTIGATE".equals(s.getStatus())) {
        continue;
      }
      AuditData.InvestigationRecord r =
          byKey.get(Keys.period(s.getSiteId(), s.getProductId(), s.getPeriod()));
      boolean recorded = r != null && r.cause() != null;
      rows.add(
          row(
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
              r == null ? null : r.recordedAt()));
    }
    return new Table("Investigations", "investigations.csv", cols, rows);
  }
}
