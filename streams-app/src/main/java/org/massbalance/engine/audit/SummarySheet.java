package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.TEXT;
import static org.massbalance.engine.audit.Table.row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.audit.Table.Column;

/**
 * The {@code Summary} sheet: the range and sites, when the package was made, the snapshots by
 * status, the alerts, and each product's trace-back exercise in words.
 */
final class SummarySheet {

  private SummarySheet() {}

  /** The sheet of {@code data}, with its snapshots and traces in the package's order. */
  static Table build(AuditData data, List<Snapshot> snapshots, List<TracedMovement> traces) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(row("range", data.from() + " to " + data.to()));
    Set<String> sites = new TreeSet<>();
    snapshots.forEach(s -> sites.add(s.getSiteId()));
    rows.add(
        row(
            "sites",
            (data.sites().isEmpty() ? "all: " : "")
                + String.join(", ", data.sites().isEmpty() ? sites : new TreeSet<>(data.sites()))));
    rows.add(row("generated_at", data.generatedAt().toString()));
    rows.add(row("snapshots", String.valueOf(snapshots.size())));
    Map<String, Integer> byStatus = new TreeMap<>();
    for (String st : List.of("INVESTIGATE", "NOT_COUNTED", "WITHIN_TOLERANCE")) {
      byStatus.put(st, 0);
    }
    snapshots.forEach(s -> byStatus.merge(s.getStatus(), 1, Integer::sum));
    byStatus.forEach((k, v) -> rows.add(row("snapshots " + k, String.valueOf(v))));
    rows.add(row("alerts", String.valueOf(data.alerts().size())));
    rows.add(
        row(
            "CRITICAL alerts",
            String.valueOf(
                data.alerts().stream().filter(a -> "CRITICAL".equals(a.getSeverity())).count())));
    Map<String, TracedMovement> exercises = AuditRows.exercises(traces);
    for (Map.Entry<String, TracedMovement> e : exercises.entrySet()) {
      rows.add(row("trace-back exercise " + e.getKey(), exerciseText(e.getValue())));
    }
    return new Table(
        "Summary",
        "summary.csv",
        List.of(new Column("item", TEXT), new Column("value", LONG_TEXT)),
        rows);
  }

  /** "FRESNO SALE m-003 of 600 lb on ...: lot X 500 lb (supplier ..., NOP ID ..., certified)". */
  static String exerciseText(TracedMovement t) {
    StringBuilder b =
        new StringBuilder()
            .append(t.siteId())
            .append(' ')
            .append(t.type())
            .append(' ')
            .append(t.movementId())
            .append(" of ")
            .append(plain(t.quantity()))
            .append(' ')
            .append(t.unit())
            .append(" on ")
            .append(t.occurredAt());
    String sep = ": ";
    for (TracedLot l : t.lots()) {
      b.append(sep)
          .append("lot ")
          .append(l.lotId())
          .append(' ')
          .append(plain(l.quantity()))
          .append(' ')
          .append(t.unit())
          .append(" (supplier ")
          .append(orDash(l.supplierId()))
          .append(", supplier lot ")
          .append(orDash(l.supplierLot()))
          .append(", NOP ID ")
          .append(orDash(l.supplierNopId()))
          .append(", ")
          .append(
              l.certifiedAtReceipt() == null
                  ? "certification unknown"
                  : l.certifiedAtReceipt() ? "certified at receipt" : "NOT certified at receipt")
          .append(')');
      sep = "; ";
    }
    if (t.uncovered().signum() != 0) {
      b.append(sep).append(plain(t.uncovered())).append(' ').append(t.unit()).append(" untraced");
    }
    return b.toString();
  }

  private static String plain(BigDecimal d) {
    return d == null ? "" : d.toPlainString();
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
