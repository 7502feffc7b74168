package org.massbalance.engine.audit;

import java.util.List;
import java.util.Optional;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/**
 * The ten tables of the audit package, from {@link AuditData}, one class per sheet: a pure
 * function, rows in a fixed order ({@link AuditRows}), so the same data always gives the same
 * tables.
 */
public final class AuditTables {

  /** Sheet names, in workbook order. */
  public static final List<String> SHEETS =
      List.of(
          "Summary",
          "Mass balance",
          "Consolidated",
          "Trace back",
          "Trace forward",
          "Lots",
          "Suppliers",
          "Waste",
          "Alerts",
          "Investigations",
          "Import certificates");

  private AuditTables() {}

  /** The tables of {@code data}, in {@link #SHEETS} order. */
  public static List<Table> build(AuditData data) {
    List<Snapshot> snapshots = AuditRows.sortedSnapshots(data);
    List<TracedMovement> traces = AuditRows.sortedTraces(data);
    return List.of(
        SummarySheet.build(data, snapshots, traces),
        MassBalanceSheet.build(snapshots),
        ConsolidatedSheet.build(data),
        TraceBackSheet.build(traces),
        TraceForwardSheet.build(data),
        LotsSheet.build(data, traces),
        SuppliersSheet.build(data),
        WasteSheet.build(data, snapshots, traces),
        AlertsSheet.build(data.alerts()),
        InvestigationsSheet.build(snapshots, data.investigations()),
        ImportCertificatesSheet.build(data));
  }

  /** The table named {@code sheet} of {@code tables}. */
  public static Optional<Table> find(List<Table> tables, String sheet) {
    return tables.stream().filter(t -> t.sheet().equals(sheet)).findFirst();
  }
}
