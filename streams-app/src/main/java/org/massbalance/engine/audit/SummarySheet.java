package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/**
 * The {@code Summary} sheet: the range and sites, when the package was made, the snapshots by
 * status, the alerts, the transformations, FSMA 204 rows missing an element, and each product's
 * trace-back exercise in words. Gathered as the groups pass, written at the end.
 */
final class SummarySheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Summary",
          "summary.csv",
          new TableSpec.Columns().add(TEXT, "item").add(LONG_TEXT, "value").list());

  private final Set<String> sites = new TreeSet<>();
  private final Map<String, Integer> byStatus = new TreeMap<>();
  private final Map<String, TracedMovement> exercises = new TreeMap<>();
  private long snapshots;
  private long alerts;
  private long critical;
  private long transformations;

  SummarySheet() {
    for (String st : List.of("INVESTIGATE", "NOT_COUNTED", "WITHIN_TOLERANCE")) {
      byStatus.put(st, 0);
    }
  }

  /** Counts {@code group}. */
  void add(KeyGroup group) {
    for (Snapshot s : group.snapshots()) {
      sites.add(s.getSiteId());
      snapshots++;
      byStatus.merge(s.getStatus(), 1, Integer::sum);
    }
    for (Alert a : group.alerts()) {
      alerts++;
      if ("CRITICAL".equals(a.getSeverity())) {
        critical++;
      }
    }
    for (TracedMovement t : group.traces()) {
      TracedMovement best = exercises.get(t.productId());
      if (AuditRows.betterExercise(t, best)) {
        exercises.put(t.productId(), t);
      }
    }
  }

  /** Counts a transformation. */
  void addTransformation() {
    transformations++;
  }

  /** The rows. */
  List<Object[]> rows(AuditInput.Scope scope, long fsmaMissing) {
    List<Object[]> rows = new ArrayList<>();
    rows.add(row("range", scope.from() + " to " + scope.to()));
    rows.add(
        row(
            "sites",
            (scope.sites().isEmpty() ? "all: " : "")
                + String.join(
                    ", ", scope.sites().isEmpty() ? sites : new TreeSet<>(scope.sites()))));
    rows.add(row("generated_at", scope.generatedAt().toString()));
    rows.add(row("snapshots", String.valueOf(snapshots)));
    byStatus.forEach((k, v) -> rows.add(row("snapshots " + k, String.valueOf(v))));
    rows.add(row("alerts", String.valueOf(alerts)));
    rows.add(row("CRITICAL alerts", String.valueOf(critical)));
    rows.add(row("transformations", String.valueOf(transformations)));
    rows.add(row("FSMA 204 rows missing an element", String.valueOf(fsmaMissing)));
    for (Map.Entry<String, TracedMovement> e : exercises.entrySet()) {
      rows.add(row("trace-back exercise " + e.getKey(), exerciseText(e.getValue())));
    }
    return rows;
  }

  private static Object[] row(String item, String value) {
    return new Object[] {item, value};
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
          .append(t.unit());
      if (l.transformationId() != null) {
        b.append(" (made by ")
            .append(l.transformationId())
            .append(" from ")
            .append(TraceBackSheet.tracedTo(l))
            .append(')');
      } else {
        b.append(" (supplier ")
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
      }
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
