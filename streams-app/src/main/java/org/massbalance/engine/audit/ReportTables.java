package org.massbalance.engine.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.ProcessInput;
import org.massbalance.engine.audit.AuditData.ProcessOutput;
import org.massbalance.engine.audit.AuditData.ProcessRecord;

/** The cells of the report's tables, the same in {@code report.html} and {@code report.pdf}. */
final class ReportTables {

  private ReportTables() {}

  /** The mass-balance table's headers ({@code processed} and {@code produced} when used). */
  static List<String> massBalanceHeaders(boolean processing) {
    List<String> h = new ArrayList<>(List.of("period", "opening", "receipts", "transfers in"));
    if (processing) {
      h.add("produced");
    }
    h.addAll(List.of("sales", "waste", "transfers out"));
    if (processing) {
      h.add("processed");
    }
    h.addAll(
        List.of(
            "adjustments",
            "expected closing",
            "counted",
            "variance",
            "variance %",
            "closing",
            "status"));
    return h;
  }

  /** A snapshot's figures in the order of {@link #massBalanceHeaders}, period and status aside. */
  static List<String> massBalanceFigures(Snapshot s, boolean processing) {
    List<String> v = new ArrayList<>(List.of(s.getOpening(), s.getReceipts(), s.getTransfersIn()));
    if (processing) {
      v.add(s.getProduced());
    }
    v.addAll(List.of(s.getSales(), s.getWaste(), s.getTransfersOut()));
    if (processing) {
      v.add(s.getProcessed());
    }
    v.add(s.getAdjustments());
    v.add(s.getExpectedClosing());
    v.add(s.getCounted());
    v.add(s.getCountVariance());
    v.add(s.getVariancePct());
    v.add(s.getClosing());
    List<String> out = new ArrayList<>(v.size());
    for (String x : v) {
      out.add(x == null ? "\u2013" : x);
    }
    return out;
  }

  /** The processing table's headers. */
  static final List<String> PROCESSING_HEADERS =
      List.of(
          "transformation",
          "completed",
          "inputs (lots drawn)",
          "inputs kg",
          "output",
          "lot made",
          "quantity",
          "yield %",
          "band",
          "loss kg (%)",
          "certified");

  /** Which processing columns hold numbers. */
  static final boolean[] PROCESSING_NUMERIC = {
    false, false, false, true, false, false, true, true, false, true, false
  };

  /** The index of the band column. */
  static final int PROCESSING_BAND = 8;

  /** A transformation's rows: one per output. */
  static List<String[]> processingRows(ProcessRecord t) {
    List<String[]> rows = new ArrayList<>();
    StringBuilder inputs = new StringBuilder();
    for (ProcessInput in : t.inputs()) {
      if (inputs.length() > 0) {
        inputs.append("; ");
      }
      inputs
          .append(in.productId())
          .append(' ')
          .append(plain(in.quantity()))
          .append(' ')
          .append(in.unit());
      List<String> lots = new ArrayList<>();
      for (AuditData.LineageInput l : in.drawn()) {
        lots.add(l.lotId() == null ? "uncovered " + plain(l.quantity()) : l.lotId());
      }
      if (!lots.isEmpty()) {
        inputs.append(" (").append(String.join(", ", lots)).append(')');
      }
    }
    for (ProcessOutput o : t.outputs()) {
      Boolean in = ProcessingSheet.inBand(o);
      String band =
          o.yieldMinPct() == null
              ? "no band"
              : (Boolean.FALSE.equals(in) ? "outside " : "within ")
                  + plain(o.yieldMinPct())
                  + "\u2013"
                  + plain(o.yieldMaxPct())
                  + " %";
      rows.add(
          new String[] {
            t.transformationId(),
            t.occurredAt(),
            inputs.toString(),
            plain(t.inputsKg()),
            o.productId() + ("BYPRODUCT".equals(o.role()) ? " (byproduct)" : ""),
            o.lotId() == null ? "\u2013" : o.lotId(),
            plain(o.quantity()) + " " + o.unit(),
            o.yieldPct() == null ? "\u2013" : plain(o.yieldPct()),
            band,
            plain(t.lossKg()) + " (" + plain(t.lossPct()) + " %)",
            t.certified() == null ? "\u2013" : t.certified() ? "yes" : "NO"
          });
    }
    return rows;
  }

  static String plain(BigDecimal d) {
    return d == null ? "\u2013" : d.stripTrailingZeros().toPlainString();
  }
}
