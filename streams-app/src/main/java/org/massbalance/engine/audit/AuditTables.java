package org.massbalance.engine.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of the audit package, one class per sheet, in workbook order. Their rows come from one
 * pass over an {@link AuditInput} ({@link AuditPass}): a pure function of it, rows in a fixed
 * order, so the same input always gives the same tables.
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
          "Import certificates",
          "Sign-offs",
          "Processing",
          Fsma204.Kind.RECEIVING.sheet(),
          Fsma204.Kind.SHIPPING.sheet(),
          Fsma204.Kind.TRANSFORMATION.sheet());

  private AuditTables() {}

  /** The tables' shapes, in {@link #SHEETS} order, the FSMA 204 ones with {@code fsma}'s names. */
  static List<TableSpec> specs(Fsma204.Columns fsma) {
    Map<String, TableSpec> byName = new HashMap<>();
    for (TableSpec t :
        List.of(
            SummarySheet.SPEC,
            MassBalanceSheet.SPEC,
            ConsolidatedSheet.SPEC,
            TraceBackSheet.SPEC,
            TraceForwardSheet.SPEC,
            LotsSheet.SPEC,
            SuppliersSheet.SPEC,
            WasteSheet.SPEC,
            AlertsSheet.SPEC,
            InvestigationsSheet.SPEC,
            ImportCertificatesSheet.SPEC,
            SignOffsSheet.SPEC,
            ProcessingSheet.SPEC,
            fsma.spec(Fsma204.Kind.RECEIVING),
            fsma.spec(Fsma204.Kind.SHIPPING),
            fsma.spec(Fsma204.Kind.TRANSFORMATION))) {
      byName.put(t.sheet(), t);
    }
    List<TableSpec> out = new ArrayList<>();
    for (String s : SHEETS) {
      TableSpec t = byName.get(s);
      if (t == null) {
        throw new IllegalStateException("no table for sheet " + s);
      }
      out.add(t);
    }
    return out;
  }

  /**
   * Every table of {@code input}, rows in memory (tests, exports of small data): the package's
   * tables without the files.
   */
  public static List<Table> build(AuditInput input) {
    return build(input, Fsma204.Columns.defaults());
  }

  /** Every table of {@code input} with {@code fsma}'s column names, rows in memory. */
  public static List<Table> build(AuditInput input, Fsma204.Columns fsma) {
    List<TableSpec> specs = specs(fsma);
    Map<TableSpec, List<Object[]>> rows = new HashMap<>();
    for (TableSpec t : specs) {
      rows.put(t, new ArrayList<>());
    }
    AuditPass.run(input, fsma, (t, r) -> rows.get(t).add(r), null, line -> {});
    List<Table> out = new ArrayList<>();
    for (TableSpec t : specs) {
      out.add(t.with(rows.get(t)));
    }
    return out;
  }

  /** The table named {@code sheet} of {@code tables}. */
  public static Optional<Table> find(List<Table> tables, String sheet) {
    return tables.stream().filter(t -> t.sheet().equals(sheet)).findFirst();
  }
}
