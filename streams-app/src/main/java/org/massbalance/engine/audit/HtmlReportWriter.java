package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/**
 * {@code report.html}: one self-contained, printable document (styles and SVG charts inline,
 * nothing fetched, no script). A cover page with the summary, then one page per site and product
 * (CSS page breaks): a monthly chart (receipts, sales, waste, closing; variance % against the
 * tolerance band), the mass-balance table, the trace-back exercise, the certificates, open
 * exceptions, investigations to draft, and a sign-off block.
 */
public final class HtmlReportWriter implements java.io.Closeable {

  private static final String CSS =
      """
      @page { size: A4; margin: 14mm; }
      body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10pt; color: #222; margin: 0; }
      .page { break-after: page; page-break-after: always; padding: 8mm 0; }
      .page:last-child { break-after: auto; page-break-after: auto; }
      h1 { font-size: 18pt; margin: 0 0 4mm; } h2 { font-size: 14pt; margin: 0 0 3mm; }
      h3 { font-size: 11pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
      table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; }
      th { background: #eee; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
      .legend span { display: inline-block; margin-right: 4mm; } .sw { width: 3mm; height: 3mm; display: inline-block; }
      .signoff td { height: 10mm; width: 25%; } .muted { color: #666; } .out { color: #b42318; font-weight: bold; }
      .WITHIN_TOLERANCE { color: #1a7f37; } .INVESTIGATE { color: #b42318; font-weight: bold; }
      """;

  /** Chart colours: receipts, sales, waste, closing. */
  private static final String[] COLOURS = {"#2f6db5", "#e08a1e", "#b42318", "#1a7f37"};

  private static final String[] SERIES = {"receipts", "sales", "waste", "closing"};

  private final AuditInput.Scope scope;
  private final Path body;
  private final Writer out;
  private final StringBuilder b = new StringBuilder(16 * 1024);

  /**
   * A report of {@code scope}: its pages are written to a file in {@code work} as they come, and
   * put behind the cover (which needs the summary, known at the end) by {@link #finish}.
   */
  HtmlReportWriter(AuditInput.Scope scope, Path work) throws IOException {
    this.scope = scope;
    java.nio.file.Files.createDirectories(work);
    this.body = java.nio.file.Files.createTempFile(work, "report-", ".html");
    this.out =
        new java.io.BufferedWriter(
            new OutputStreamWriter(
                java.nio.file.Files.newOutputStream(body), StandardCharsets.UTF_8),
            1 << 16);
  }

  /** Writes one site and product's page. */
  void page(ReportModel.Page p) throws IOException {
    page(scope, p, b);
    out.write(b.toString());
    b.setLength(0);
  }

  /** Writes a site's processing page: each transformation's inputs and outputs, yields, loss. */
  void processing(String site, List<AuditData.ProcessRecord> transformations) throws IOException {
    processing(site, transformations, b);
    out.write(b.toString());
    b.setLength(0);
  }

  /**
   * Writes the whole report to {@code target} (flushed, not closed): the head, the cover with the
   * {@code summary} rows (item, value), then the pages.
   */
  void finish(List<Object[]> summary, java.io.OutputStream target) throws IOException {
    out.close();
    Writer w = new OutputStreamWriter(target, StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder(8 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc("Audit package " + scope.from() + " to " + scope.to()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    cover(summary, h);
    w.write(h.toString());
    w.flush();
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(body)) {
      in.transferTo(target);
    }
    w.write("</body>\n</html>\n");
    w.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
    java.nio.file.Files.deleteIfExists(body);
  }

  private static void cover(List<Object[]> summary, StringBuilder b) {
    b.append("<section class=\"page\">\n<h1>Organic mass-balance audit package</h1>\n");
    b.append("<table>\n");
    for (Object[] r : summary) {
      b.append("<tr><th>")
          .append(esc(String.valueOf(r[0])))
          .append("</th><td>")
          .append(esc(String.valueOf(r[1])))
          .append("</td></tr>\n");
    }
    b.append("</table>\n<p class=\"muted\">Files: audit.xlsx (one sheet per table), the same")
        .append(" tables as CSV, this report and report.pdf; MANIFEST.sha256 lists their")
        .append(" SHA-256 sums.</p>\n</section>\n");
  }

  private static void page(AuditInput.Scope scope, ReportModel.Page p, StringBuilder b) {
    b.append("<section class=\"page\">\n<h2>")
        .append(esc(p.siteId() + " \u2013 " + p.productId()))
        .append(" <span class=\"muted\">(")
        .append(esc(p.unit()))
        .append(", tolerance \u00b1")
        .append(esc(p.tolerancePct().toPlainString()))
        .append(" %)</span></h2>\n");
    Map<YearMonth, Snapshot> months = ReportModel.byMonth(scope, p);
    chart(months, p.tolerancePct(), b);
    b.append("<h3>Mass balance</h3>\n<table>\n<tr>");
    for (String h : ReportTables.massBalanceHeaders(p.processing())) {
      b.append("<th>").append(esc(h)).append("</th>");
    }
    b.append("</tr>\n");
    for (Snapshot s : p.months()) {
      b.append("<tr><td>").append(esc(s.getPeriod())).append("</td>");
      for (String v : ReportTables.massBalanceFigures(s, p.processing())) {
        b.append("<td class=\"n\">").append(esc(v == null ? "\u2013" : v)).append("</td>");
      }
      b.append("<td class=\"")
          .append(esc(s.getStatus()))
          .append("\">")
          .append(esc(s.getStatus()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n<h3>Trace-back exercise</h3>\n");
    if (p.exercise().isEmpty()) {
      b.append("<p class=\"muted\">No SALE in the range.</p>\n");
    } else {
      TracedMovement t = p.exercise().get();
      b.append("<p>Largest SALE of ")
          .append(esc(t.period()))
          .append(": <b>")
          .append(esc(t.movementId()))
          .append("</b>, ")
          .append(esc(t.quantity().toPlainString() + " " + t.unit()))
          .append(" on ")
          .append(esc(t.occurredAt()))
          .append(" to ")
          .append(esc(t.counterpartyId() == null ? "\u2013" : t.counterpartyId()))
          .append(" (")
          .append(esc(t.documentRef() == null ? "no document" : t.documentRef()))
          .append(").</p>\n<table>\n<tr><th>lot</th><th>quantity</th><th>received</th>")
          .append("<th>supplier</th><th>supplier lot</th><th>NOP ID</th>")
          .append("<th>certified at receipt</th><th>import certificate</th>")
          .append("<th>made by / traced to</th></tr>\n");
      for (TracedLot l : t.lots()) {
        b.append("<tr><td>")
            .append(esc(l.lotId()))
            .append("</td><td class=\"n\">")
            .append(esc(l.quantity().toPlainString()))
            .append("</td><td>")
            .append(esc(l.receivedAt()))
            .append("</td><td>")
            .append(esc(l.supplierId()))
            .append("</td><td>")
            .append(esc(l.supplierLot()))
            .append("</td><td>")
            .append(esc(l.supplierNopId()))
            .append("</td><td>")
            .append(
                l.certifiedAtReceipt() == null
                    ? "\u2013"
                    : l.certifiedAtReceipt() ? "yes" : "<b>no</b>")
            .append("</td><td>")
            .append(esc(l.importCertificate()))
            .append("</td><td>")
            .append(
                l.transformationId() == null
                    ? ""
                    : esc(l.transformationId() + ": " + TraceBackSheet.tracedTo(l)))
            .append("</td></tr>\n");
      }
      if (t.uncovered().signum() != 0) {
        b.append("<tr><td><b>untraced</b></td><td class=\"n\">")
            .append(esc(t.uncovered().toPlainString()))
            .append("</td><td colspan=\"7\">no lot covered this part</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<h3>Supplier certificates</h3>\n");
    if (p.certificates().isEmpty()) {
      b.append("<p class=\"muted\">No receipt from a certified supplier in the range.</p>\n");
    } else {
      b.append("<table>\n<tr><th>NOP ID</th><th>operation</th><th>certifier</th>")
          .append("<th>status now</th><th>since</th><th>receipts</th>")
          .append("<th>not certified at receipt</th></tr>\n");
      for (ReportModel.Certificate c : p.certificates()) {
        b.append("<tr><td>")
            .append(esc(c.nopId()))
            .append("</td><td>")
            .append(esc(c.operationName()))
            .append("</td><td>")
            .append(esc(c.certifier()))
            .append("</td><td>")
            .append(esc(c.status()))
            .append("</td><td>")
            .append(esc(c.statusEffective()))
            .append("</td><td class=\"n\">")
            .append(c.receipts())
            .append("</td><td class=\"n\">")
            .append(c.notCertifiedAtReceipt())
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<h3>Open exceptions</h3>\n");
    if (p.exceptions().isEmpty()) {
      b.append("<p class=\"muted\">None.</p>\n");
    } else {
      b.append("<table>\n<tr><th>severity</th><th>type</th><th>period</th><th>message</th></tr>\n");
      for (Alert a : p.exceptions()) {
        b.append("<tr><td>")
            .append(esc(a.getSeverity()))
            .append("</td><td>")
            .append(esc(a.getType()))
            .append("</td><td>")
            .append(esc(a.getPeriod()))
            .append("</td><td>")
            .append(esc(a.getMessage()))
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<h3>Investigations</h3>\n");
    if (p.investigations().isEmpty()) {
      b.append("<p class=\"muted\">No period outside tolerance.</p>\n");
    }
    for (ReportModel.Draft d : p.investigations()) {
      Snapshot s = d.snapshot();
      AuditData.InvestigationRecord r = d.recorded();
      b.append("<div class=\"investigation\"><p><b>")
          .append(esc(s.getPeriod()))
          .append("</b>: ")
          .append(esc(d.open() ? "open" : "done"))
          .append(r == null || r.dueOn() == null ? "" : esc(", due " + r.dueOn()))
          .append(r != null && r.overdue() ? " <b>(overdue)</b>" : "")
          .append(r != null && r.late() ? " (certifier notified late)" : "")
          .append(". Counted ")
          .append(esc(s.getCounted() + " " + s.getUnit()))
          .append(" against ")
          .append(esc(s.getExpectedAtCount() + " " + s.getUnit()))
          .append(" expected, variance ")
          .append(esc(s.getCountVariance() + " " + s.getUnit()))
          .append(" (")
          .append(esc(s.getVariancePct()))
          .append(" %).</p>\n");
      b.append("<table>\n<tr><th>opening</th><th>receipts</th><th>sales</th><th>waste</th>")
          .append("<th>transfers in</th><th>transfers out</th><th>adjustments</th>")
          .append("<th>expected at count</th><th>counted</th></tr>\n<tr>");
      for (String v :
          new String[] {
            s.getOpening(),
            s.getReceipts(),
            s.getSales(),
            s.getWaste(),
            s.getTransfersIn(),
            s.getTransfersOut(),
            s.getAdjustments(),
            s.getExpectedAtCount(),
            s.getCounted()
          }) {
        b.append("<td class=\"num\">").append(esc(v)).append("</td>");
      }
      b.append("</tr>\n</table>\n");
      b.append("<p>Undocumented waste: ");
      appendAlerts(d.undocumentedWaste(), b);
      b.append("<br>Late movements: ");
      appendAlerts(d.lateMovements(), b);
      b.append("</p>\n");
      if (r != null && r.cause() != null) {
        b.append("<p>Recorded: cause ")
            .append(esc(r.cause()))
            .append("; ")
            .append(esc(r.explanation()))
            .append(". Corrective action: ")
            .append(esc(r.correctiveAction()))
            .append(". Investigated by ")
            .append(esc(r.investigatedBy()))
            .append(", certifier notified on ")
            .append(esc(r.certifierNotifiedOn() == null ? "(not yet)" : r.certifierNotifiedOn()))
            .append(".</p>\n");
      }
      if (d.open()) {
        b.append("<p>Cause: ______________________")
            .append(" Corrective action: ______________________")
            .append(" Certifier notified on: __________</p>\n");
      }
      b.append("</div>\n");
    }
    b.append("<h3>Sign-off</h3>\n");
    if (p.signOffs().isEmpty()) {
      b.append("<table class=\"signoff\">\n<tr><th>prepared by</th><td></td>")
          .append("<th>date</th><td></td></tr>\n<tr><th>reviewed by</th><td></td>")
          .append("<th>signature</th><td></td></tr>\n</table>\n");
    } else {
      b.append("<table class=\"signed\">\n<tr><th>period</th><th>revision</th><th>signed by</th>")
          .append("<th>signed at</th><th>SHA-256</th><th>note</th></tr>\n");
      for (org.massbalance.avro.PeriodSignOff s : p.signOffs()) {
        b.append("<tr><td>")
            .append(esc(s.getPeriod()))
            .append("</td><td class=\"n\">")
            .append(s.getRevision())
            .append("</td><td>")
            .append(esc(s.getSignedBy()))
            .append("</td><td>")
            .append(esc(s.getSignedAt()))
            .append("</td><td><code>")
            .append(esc(s.getSnapshotSha256()))
            .append("</code></td><td>")
            .append(esc(s.getNote() == null ? "" : s.getNote()))
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    for (String line : p.correctionLines()) {
      b.append("<p>").append(esc(line)).append("</p>\n");
    }
    b.append("</section>\n");
  }

  /** A site's transformations: inputs (with the lots drawn) to outputs, yields against bands. */
  private static void processing(
      String site, List<AuditData.ProcessRecord> transformations, StringBuilder b) {
    b.append("<section class=\"page\">\n<h2>")
        .append(esc(site + " \u2013 processing"))
        .append(" <span class=\"muted\">(")
        .append(transformations.size())
        .append(" transformations)</span></h2>\n<table>\n<tr>");
    for (String h : ReportTables.PROCESSING_HEADERS) {
      b.append("<th>").append(esc(h)).append("</th>");
    }
    b.append("</tr>\n");
    for (AuditData.ProcessRecord t : transformations) {
      for (String[] r : ReportTables.processingRows(t)) {
        b.append("<tr>");
        for (int c = 0; c < r.length; c++) {
          boolean number = ReportTables.PROCESSING_NUMERIC[c];
          boolean out = c == ReportTables.PROCESSING_BAND && r[c].startsWith("outside");
          b.append(number ? "<td class=\"n\">" : out ? "<td class=\"out\">" : "<td>")
              .append(esc(r[c]))
              .append("</td>");
        }
        b.append("</tr>\n");
      }
    }
    b.append("</table>\n</section>\n");
  }

  private static void appendAlerts(List<Alert> alerts, StringBuilder b) {
    if (alerts.isEmpty()) {
      b.append("none");
      return;
    }
    for (int i = 0; i < alerts.size(); i++) {
      Alert a = alerts.get(i);
      b.append(i == 0 ? "" : "; ")
          .append(esc(a.getMovementId() + " " + a.getQuantity() + " " + a.getUnit()));
    }
  }

  /** Bars per month (receipts, sales, waste, closing) and the variance % against the band. */
  static void chart(Map<YearMonth, Snapshot> months, BigDecimal tolerance, StringBuilder b) {
    int width = 640;
    int height = 180;
    int left = 50;
    BigDecimal max = BigDecimal.ONE;
    for (Snapshot s : months.values()) {
      if (s != null) {
        for (String f : SERIES) {
          max = max.max(Table.decimal((String) s.get(f)).abs());
        }
      }
    }
    int n = months.size();
    BigDecimal group =
        BigDecimal.valueOf(width - left - 10)
            .divide(BigDecimal.valueOf(n), 1, RoundingMode.HALF_EVEN);
    BigDecimal bar = group.divide(BigDecimal.valueOf(5), 1, RoundingMode.HALF_EVEN);
    b.append("<h3>Monthly movements</h3>\n<svg width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height + 30)
        .append("\" role=\"img\" aria-label=\"monthly receipts, sales, waste and closing\">\n")
        .append("<line x1=\"")
        .append(left)
        .append("\" y1=\"")
        .append(height)
        .append("\" x2=\"")
        .append(width)
        .append("\" y2=\"")
        .append(height)
        .append("\" stroke=\"#666\"/>\n")
        .append("<text x=\"0\" y=\"12\" font-size=\"10\">")
        .append(esc(max.toPlainString()))
        .append("</text>\n");
    int i = 0;
    for (Map.Entry<YearMonth, Snapshot> e : months.entrySet()) {
      BigDecimal x0 = BigDecimal.valueOf(left).add(group.multiply(BigDecimal.valueOf(i)));
      Snapshot s = e.getValue();
      for (int k = 0; s != null && k < SERIES.length; k++) {
        BigDecimal v = Table.decimal((String) s.get(SERIES[k])).max(BigDecimal.ZERO);
        BigDecimal h =
            v.multiply(BigDecimal.valueOf(height - 20)).divide(max, 1, RoundingMode.HALF_EVEN);
        b.append("<rect x=\"")
            .append(x0.add(bar.multiply(BigDecimal.valueOf(k))).toPlainString())
            .append("\" y=\"")
            .append(BigDecimal.valueOf(height).subtract(h).toPlainString())
            .append("\" width=\"")
            .append(bar.toPlainString())
            .append("\" height=\"")
            .append(h.toPlainString())
            .append("\" fill=\"")
            .append(COLOURS[k])
            .append("\"><title>")
            .append(esc(SERIES[k] + " " + s.get(SERIES[k])))
            .append("</title></rect>\n");
      }
      b.append("<text x=\"")
          .append(x0.toPlainString())
          .append("\" y=\"")
          .append(height + 14)
          .append("\" font-size=\"10\">")
          .append(e.getKey())
          .append("</text>\n");
      i++;
    }
    b.append("</svg>\n<div class=\"legend\">");
    for (int k = 0; k < SERIES.length; k++) {
      b.append("<span><i class=\"sw\" style=\"background:")
          .append(COLOURS[k])
          .append("\"></i> ")
          .append(SERIES[k])
          .append("</span>");
    }
    b.append("</div>\n");
    varianceChart(months, tolerance, b);
  }

  /** Variance % of each counted month as a point, against the band -tolerance..+tolerance. */
  private static void varianceChart(
      Map<YearMonth, Snapshot> months, BigDecimal tolerance, StringBuilder b) {
    int width = 640;
    int height = 90;
    int left = 50;
    BigDecimal range = tolerance.multiply(BigDecimal.valueOf(2)).max(BigDecimal.ONE);
    for (Snapshot s : months.values()) {
      if (s != null && s.getVariancePct() != null) {
        range = range.max(new BigDecimal(s.getVariancePct()).abs());
      }
    }
    BigDecimal half = BigDecimal.valueOf(height / 2 - 5);
    BigDecimal mid = BigDecimal.valueOf(height / 2);
    BigDecimal bandTop =
        mid.subtract(tolerance.multiply(half).divide(range, 1, RoundingMode.HALF_EVEN));
    BigDecimal bandHeight =
        tolerance
            .multiply(half)
            .multiply(BigDecimal.valueOf(2))
            .divide(range, 1, RoundingMode.HALF_EVEN);
    b.append("<svg width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"variance percent against the tolerance band\">\n")
        .append("<rect x=\"")
        .append(left)
        .append("\" y=\"")
        .append(bandTop.toPlainString())
        .append("\" width=\"")
        .append(width - left)
        .append("\" height=\"")
        .append(bandHeight.toPlainString())
        .append("\" fill=\"#dff0d8\"/>\n<line x1=\"")
        .append(left)
        .append("\" y1=\"")
        .append(mid)
        .append("\" x2=\"")
        .append(width)
        .append("\" y2=\"")
        .append(mid)
        .append("\" stroke=\"#999\"/>\n<text x=\"0\" y=\"")
        .append(mid)
        .append("\" font-size=\"10\">variance %</text>\n");
    BigDecimal group =
        BigDecimal.valueOf(width - left - 10)
            .divide(BigDecimal.valueOf(months.size()), 1, RoundingMode.HALF_EVEN);
    int i = 0;
    for (Snapshot s : months.values()) {
      if (s != null && s.getVariancePct() != null) {
        BigDecimal pct = new BigDecimal(s.getVariancePct());
        BigDecimal y = mid.subtract(pct.multiply(half).divide(range, 1, RoundingMode.HALF_EVEN));
        BigDecimal x =
            BigDecimal.valueOf(left)
                .add(group.multiply(BigDecimal.valueOf(i)))
                .add(group.divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_EVEN));
        b.append("<circle cx=\"")
            .append(x.toPlainString())
            .append("\" cy=\"")
            .append(y.toPlainString())
            .append("\" r=\"4\" fill=\"")
            .append(pct.abs().compareTo(tolerance) > 0 ? "#b42318" : "#1a7f37")
            .append("\"><title>")
            .append(esc(s.getPeriod() + " " + s.getVariancePct() + " %"))
            .append("</title></circle>\n");
      }
      i++;
    }
    b.append("</svg>\n");
  }

  /** HTML text escaping; null as the empty string. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
