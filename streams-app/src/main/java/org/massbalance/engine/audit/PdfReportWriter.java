package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.Alert;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.InvestigationRecord;
import org.massbalance.engine.audit.AuditData.ProcessRecord;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.audit.io.PdfStreamWriter;
import org.massbalance.engine.audit.io.PdfStreamWriter.Font;

/**
 * {@code report.pdf}: the report of {@link HtmlReportWriter} drawn as it is, on A4 landscape pages
 * written as they come ({@link PdfStreamWriter}: memory does not grow with pages). Each page has a
 * header (the package, the site and product) and a footer (when it was made, page N of M); each
 * site and product starts a new page: its mass balance as a table, the monthly movements and the
 * variance against the tolerance band as vector charts, the trace-back exercise, the certificates,
 * the open exceptions and the investigations as tables, and a sign-off block. A site that processes
 * gets a page of its transformations (inputs to outputs, yields against their bands). The cover,
 * with the summary, is drawn last and placed first. Standard Helvetica (Windows-1252: other
 * characters print as {@code ?}); a fixed document id and no dates keep the bytes reproducible.
 */
final class PdfReportWriter {

  private static final float WIDTH = 842;
  private static final float HEIGHT = 595;
  private static final float MARGIN = 36;
  private static final float TOP = HEIGHT - 50;
  private static final float BOTTOM = 42;
  private static final float CONTENT = WIDTH - 2 * MARGIN;
  private static final float[][] COLOURS = {
    {0.18f, 0.43f, 0.71f}, {0.88f, 0.54f, 0.12f}, {0.71f, 0.14f, 0.09f}, {0.10f, 0.50f, 0.22f}
  };
  private static final String[] SERIES = {"receipts", "sales", "waste", "closing"};

  private final AuditInput.Scope scope;
  private final PdfStreamWriter pdf;
  private final String title;
  private PdfStreamWriter.Page page;
  private String context;
  private int number;
  private float y;

  /** A report of {@code scope} written to {@code out} (not closed). */
  PdfReportWriter(AuditInput.Scope scope, OutputStream out, int level) throws IOException {
    this.scope = scope;
    this.pdf = new PdfStreamWriter(out, WIDTH, HEIGHT, id(scope), level);
    this.title = "Organic mass-balance audit package, " + scope.from() + " to " + scope.to();
    this.number = 1; // the cover is page 1
  }

  /** Draws one site and product's pages. */
  void page(ReportModel.Page p) throws IOException {
    String name = p.siteId() + " \u2013 " + p.productId();
    newPage(name);
    heading(
        name + "  (" + p.unit() + ", tolerance \u00b1" + p.tolerancePct().toPlainString() + " %)",
        13);
    section("Mass balance");
    massBalance(p);
    section("Monthly movements and variance against the tolerance band");
    charts(ReportModel.byMonth(scope, p), p.tolerancePct());
    section("Trace-back exercise");
    exercise(p);
    section("Supplier certificates");
    if (p.certificates().isEmpty()) {
      paragraph("No receipt from a certified supplier in the range.");
    } else {
      List<String[]> rows = new ArrayList<>();
      for (ReportModel.Certificate c : p.certificates()) {
        rows.add(
            new String[] {
              c.nopId(),
              dash(c.operationName()),
              dash(c.certifier()),
              dash(c.status()),
              dash(c.statusEffective()),
              Long.toString(c.receipts()),
              Long.toString(c.notCertifiedAtReceipt())
            });
      }
      table(
          List.of(
              "NOP ID",
              "operation",
              "certifier",
              "status now",
              "since",
              "receipts",
              "not certified at receipt"),
          new float[] {80, 200, 190, 90, 70, 60, 80},
          new boolean[] {false, false, false, false, false, true, true},
          rows,
          -1);
    }
    section("Open exceptions");
    if (p.exceptions().isEmpty()) {
      paragraph("None.");
    } else {
      List<String[]> rows = new ArrayList<>();
      for (Alert a : p.exceptions()) {
        rows.add(
            new String[] {a.getSeverity(), a.getType(), dash(a.getPeriod()), dash(a.getMessage())});
      }
      table(
          List.of("severity", "type", "period", "message"),
          new float[] {60, 150, 50, 510},
          new boolean[] {false, false, false, false},
          rows,
          3);
    }
    section("Investigations");
    investigations(p);
    section("Sign-off");
    if (p.signOffs().isEmpty()) {
      table(
          List.of("prepared by", "date", "reviewed by", "signature"),
          new float[] {230, 120, 230, 190},
          new boolean[4],
          List.<String[]>of(new String[] {" ", " ", " ", " "}, new String[] {" ", " ", " ", " "}),
          -1,
          22);
    } else {
      List<String[]> rows = new ArrayList<>();
      for (PeriodSignOff s : p.signOffs()) {
        rows.add(
            new String[] {
              s.getPeriod(),
              String.valueOf(s.getRevision()),
              s.getSignedBy(),
              s.getSignedAt(),
              s.getSnapshotSha256(),
              dash(s.getNote())
            });
      }
      table(
          List.of("period", "revision", "signed by", "signed at", "SHA-256", "note"),
          new float[] {45, 40, 110, 110, 330, 135},
          new boolean[] {false, true, false, false, false, false},
          rows,
          3);
    }
    for (String line : p.correctionLines()) {
      paragraph(line);
    }
    finishPage();
  }

  /** Draws a site's processing page: its transformations, inputs to outputs against the band. */
  void processing(String site, List<ProcessRecord> transformations) throws IOException {
    newPage(site + " \u2013 processing");
    heading(site + " \u2013 processing  (" + transformations.size() + " transformations)", 13);
    paragraph(
        "Each transformation's inputs (the lots drawn) and outputs; a MAIN output's yield is its"
            + " mass against the inputs' mass, judged against the band of the yields reference"
            + " data; the loss is the inputs' mass less the outputs' mass.");
    List<String[]> rows = new ArrayList<>();
    for (ProcessRecord t : transformations) {
      rows.addAll(ReportTables.processingRows(t));
    }
    boolean[] numeric = ReportTables.PROCESSING_NUMERIC;
    table(
        ReportTables.PROCESSING_HEADERS,
        new float[] {64, 86, 180, 44, 68, 72, 56, 38, 72, 50, 40},
        numeric,
        rows,
        2);
    finishPage();
  }

  /**
   * Draws the cover (placed first) with the {@code summary} rows, and finishes the document: every
   * page's "of N" is the number of pages.
   */
  void finish(List<Object[]> summary) throws IOException {
    page = pdf.page(true);
    context = "summary";
    decorate(1);
    y = TOP;
    heading("Organic mass-balance audit package", 18);
    heading(scope.from() + " to " + scope.to(), 12);
    y -= 6;
    List<String[]> rows = new ArrayList<>();
    for (Object[] r : summary) {
      rows.add(new String[] {String.valueOf(r[0]), String.valueOf(r[1])});
    }
    table(List.of("item", "value"), new float[] {200, 570}, new boolean[2], rows, 4);
    y -= 6;
    paragraph(
        "Files: audit.xlsx (one sheet per table), the same tables as CSV, report.html and this"
            + " report; MANIFEST.sha256 lists their SHA-256 sums.");
    page.finish();
    page = null;
    pdf.finish("of " + pdf.pages(), 7);
  }

  // ---------------------------------------------------------------- page sections

  private void massBalance(ReportModel.Page p) throws IOException {
    List<String> headers = ReportTables.massBalanceHeaders(p.processing());
    int n = headers.size();
    float[] widths = new float[n];
    widths[0] = 44;
    widths[n - 1] = 80;
    float each = (CONTENT - widths[0] - widths[n - 1]) / (n - 2);
    boolean[] numeric = new boolean[n];
    for (int c = 1; c < n - 1; c++) {
      widths[c] = each;
      numeric[c] = true;
    }
    List<String[]> rows = new ArrayList<>();
    for (Snapshot s : p.months()) {
      List<String> cells = new ArrayList<>();
      cells.add(s.getPeriod());
      cells.addAll(ReportTables.massBalanceFigures(s, p.processing()));
      cells.add(s.getStatus());
      rows.add(cells.toArray(String[]::new));
    }
    table(headers, widths, numeric, rows, -1);
  }

  private void exercise(ReportModel.Page p) throws IOException {
    if (p.exercise().isEmpty()) {
      paragraph("No SALE in the range.");
      return;
    }
    TracedMovement t = p.exercise().get();
    paragraph(
        "Largest SALE of "
            + t.period()
            + ": "
            + t.movementId()
            + ", "
            + t.quantity().toPlainString()
            + " "
            + t.unit()
            + " on "
            + t.occurredAt()
            + " to "
            + dash(t.counterpartyId())
            + " ("
            + (t.documentRef() == null ? "no document" : t.documentRef())
            + ").");
    List<String[]> rows = new ArrayList<>();
    for (TracedLot l : t.lots()) {
      rows.add(
          new String[] {
            l.lotId(),
            l.quantity().toPlainString(),
            dash(l.receivedAt()),
            dash(l.supplierId()),
            dash(l.supplierLot()),
            dash(l.supplierNopId()),
            l.certifiedAtReceipt() == null ? "\u2013" : l.certifiedAtReceipt() ? "yes" : "NO",
            dash(l.importCertificate()),
            l.transformationId() == null
                ? ""
                : l.transformationId() + ": " + TraceBackSheet.tracedTo(l)
          });
    }
    if (t.uncovered().signum() != 0) {
      rows.add(
          new String[] {
            "untraced",
            t.uncovered().toPlainString(),
            "no lot covered this part",
            "",
            "",
            "",
            "",
            "",
            ""
          });
    }
    table(
        List.of(
            "lot",
            "quantity",
            "received",
            "supplier",
            "supplier lot",
            "NOP ID",
            "certified",
            "import certificate",
            "made by / traced to"),
        new float[] {95, 55, 95, 70, 70, 60, 45, 95, 185},
        new boolean[] {false, true, false, false, false, false, false, false, false},
        rows,
        3);
  }

  private void investigations(ReportModel.Page p) throws IOException {
    if (p.investigations().isEmpty()) {
      paragraph("No period outside tolerance.");
      return;
    }
    for (ReportModel.Draft d : p.investigations()) {
      Snapshot s = d.snapshot();
      InvestigationRecord r = d.recorded();
      paragraph(
          s.getPeriod()
              + ": "
              + (d.open() ? "open" : "done")
              + (r == null || r.dueOn() == null ? "" : ", due " + r.dueOn())
              + (r != null && r.overdue() ? " (overdue)" : "")
              + (r != null && r.late() ? " (certifier notified late)" : "")
              + ". Counted "
              + s.getCounted()
              + " "
              + s.getUnit()
              + " against "
              + s.getExpectedAtCount()
              + " "
              + s.getUnit()
              + " expected, variance "
              + s.getCountVariance()
              + " "
              + s.getUnit()
              + " ("
              + s.getVariancePct()
              + " %). Undocumented waste: "
              + alerts(d.undocumentedWaste())
              + "; late movements: "
              + alerts(d.lateMovements())
              + ".");
      if (r != null && r.cause() != null) {
        paragraph(
            "Recorded: cause "
                + r.cause()
                + "; "
                + dash(r.explanation())
                + ". Corrective action: "
                + dash(r.correctiveAction())
                + ". Investigated by "
                + dash(r.investigatedBy())
                + ", certifier notified on "
                + (r.certifierNotifiedOn() == null ? "(not yet)" : r.certifierNotifiedOn())
                + ".");
      }
      if (d.open()) {
        paragraph(
            "Cause: ______________________   Corrective action: ______________________"
                + "   Certifier notified on: __________");
      }
    }
  }

  private static String alerts(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    for (Alert a : alerts) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(a.getMovementId())
          .append(' ')
          .append(a.getQuantity())
          .append(' ')
          .append(a.getUnit());
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- charts

  /** Bars of the monthly movements, and the variance % of each counted month against the band. */
  private void charts(Map<YearMonth, Snapshot> months, BigDecimal tolerance) throws IOException {
    float height = 120;
    room(height + 30);
    float top = y - 4;
    bars(months, MARGIN, top, 500, height);
    variance(months, tolerance, MARGIN + 530, top, CONTENT - 530, height);
    y = top - height - 30;
  }

  private void bars(Map<YearMonth, Snapshot> months, float x, float top, float w, float h) {
    BigDecimal max = BigDecimal.ONE;
    for (Snapshot s : months.values()) {
      if (s != null) {
        for (String f : SERIES) {
          max = max.max(Table.decimal((String) s.get(f)).abs());
        }
      }
    }
    float left = x + 46;
    float base = top - h;
    float plot = w - 46;
    page.stroke(0.8f, 0.8f, 0.8f, 0.4f);
    page.fill(0.3f, 0.3f, 0.3f);
    for (int g = 0; g <= 4; g++) {
      float gy = base + h * g / 4f;
      page.line(left, gy, left + plot, gy);
      BigDecimal label =
          max.multiply(BigDecimal.valueOf(g))
              .divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_EVEN);
      page.textRight(Font.REGULAR, 6, left - 3, gy - 2, label.stripTrailingZeros().toPlainString());
    }
    float group = plot / months.size();
    float bar = Math.min(group / 5, 28);
    int i = 0;
    for (Map.Entry<YearMonth, Snapshot> e : months.entrySet()) {
      float x0 = left + i * group + (group - 4 * bar) / 2;
      Snapshot s = e.getValue();
      for (int k = 0; s != null && k < SERIES.length; k++) {
        BigDecimal v = Table.decimal((String) s.get(SERIES[k])).max(BigDecimal.ZERO);
        float bh =
            v.multiply(BigDecimal.valueOf(h)).divide(max, 2, RoundingMode.HALF_EVEN).floatValue();
        page.fill(COLOURS[k][0], COLOURS[k][1], COLOURS[k][2]);
        page.fillRect(x0 + k * bar, base, bar - 1, bh);
      }
      page.fill(0, 0, 0);
      page.text(
          Font.REGULAR, 7, left + i * group + group / 2 - 12, base - 10, e.getKey().toString());
      i++;
    }
    page.stroke(0.3f, 0.3f, 0.3f, 0.8f);
    page.line(left, base, left + plot, base);
    page.line(left, base, left, top);
    float lx = left;
    for (int k = 0; k < SERIES.length; k++) {
      page.fill(COLOURS[k][0], COLOURS[k][1], COLOURS[k][2]);
      page.fillRect(lx, base - 24, 7, 7);
      page.fill(0, 0, 0);
      page.text(Font.REGULAR, 7, lx + 10, base - 23, SERIES[k]);
      lx += 70;
    }
  }

  private void variance(
      Map<YearMonth, Snapshot> months, BigDecimal tolerance, float x, float top, float w, float h) {
    BigDecimal range = tolerance.multiply(BigDecimal.valueOf(2)).max(BigDecimal.ONE);
    for (Snapshot s : months.values()) {
      if (s != null && s.getVariancePct() != null) {
        range = range.max(new BigDecimal(s.getVariancePct()).abs());
      }
    }
    float left = x + 30;
    float plot = w - 30;
    float mid = top - h / 2;
    float half = h / 2 - 4;
    float band =
        tolerance
            .multiply(BigDecimal.valueOf(half))
            .divide(range, 2, RoundingMode.HALF_EVEN)
            .floatValue();
    page.fill(0.87f, 0.94f, 0.85f);
    page.fillRect(left, mid - band, plot, 2 * band);
    page.stroke(0.6f, 0.6f, 0.6f, 0.5f);
    page.line(left, mid, left + plot, mid);
    page.strokeRect(left, top - h, plot, h);
    page.fill(0.3f, 0.3f, 0.3f);
    String tol = tolerance.stripTrailingZeros().toPlainString();
    page.textRight(Font.REGULAR, 6, left - 2, mid + band - 2, "+" + tol + "%");
    page.textRight(Font.REGULAR, 6, left - 2, mid - band - 2, "-" + tol + "%");
    page.textRight(Font.REGULAR, 6, left - 2, mid - 2, "0");
    float group = plot / months.size();
    int i = 0;
    for (Map.Entry<YearMonth, Snapshot> e : months.entrySet()) {
      Snapshot s = e.getValue();
      float cx = left + i * group + group / 2;
      if (s != null && s.getVariancePct() != null) {
        BigDecimal pct = new BigDecimal(s.getVariancePct());
        float cy =
            mid
                + pct.multiply(BigDecimal.valueOf(half))
                    .divide(range, 2, RoundingMode.HALF_EVEN)
                    .floatValue();
        boolean outside = pct.abs().compareTo(tolerance) > 0;
        if (outside) {
          page.fill(0.71f, 0.14f, 0.09f);
        } else {
          page.fill(0.10f, 0.50f, 0.22f);
        }
        page.fillCircle(cx, cy, 3.5f);
        page.text(Font.REGULAR, 6, cx + 6, cy - 2, pct.stripTrailingZeros().toPlainString() + " %");
      }
      page.fill(0, 0, 0);
      page.text(Font.REGULAR, 6, cx - 10, top - h - 9, e.getKey().toString());
      i++;
    }
    page.text(Font.REGULAR, 7, left, top - h - 22, "variance % (band: \u00b1" + tol + " %)");
  }

  // ---------------------------------------------------------------- layout

  private void newPage(String context) throws IOException {
    page = pdf.page(false);
    this.context = context;
    number++;
    decorate(number);
    y = TOP;
  }

  private void finishPage() throws IOException {
    if (page != null) {
      page.finish();
      page = null;
    }
  }

  /** The header and the footer of the current page. */
  private void decorate(int n) {
    page.fill(0.2f, 0.2f, 0.2f);
    page.text(Font.BOLD, 8, MARGIN, HEIGHT - 28, title);
    page.textRight(Font.REGULAR, 8, WIDTH - MARGIN, HEIGHT - 28, context);
    page.stroke(0.6f, 0.6f, 0.6f, 0.6f);
    page.line(MARGIN, HEIGHT - 34, WIDTH - MARGIN, HEIGHT - 34);
    page.line(MARGIN, 30, WIDTH - MARGIN, 30);
    page.text(Font.REGULAR, 7, MARGIN, 20, "generated " + scope.generatedAt());
    String label = "page " + n + " ";
    float x = WIDTH - MARGIN - 70;
    page.text(Font.REGULAR, 7, x, 20, label);
    page.totalPages(x + PdfStreamWriter.textWidth(Font.REGULAR, 7, label), 20);
    page.fill(0, 0, 0);
  }

  /** Starts a new page (the same context, continued) unless {@code h} points fit. */
  private void room(float h) throws IOException {
    if (y - h < BOTTOM) {
      String c = context.endsWith("(continued)") ? context : context + " (continued)";
      finishPage();
      newPage(c);
    }
  }

  private void heading(String text, float size) throws IOException {
    room(size + 8);
    page.fill(0, 0, 0);
    page.text(Font.BOLD, size, MARGIN, y - size, text);
    y -= size + 8;
  }

  private void section(String text) throws IOException {
    room(64);
    y -= 4;
    page.fill(0.1f, 0.1f, 0.1f);
    page.text(Font.BOLD, 10, MARGIN, y - 10, text);
    page.stroke(0.6f, 0.6f, 0.6f, 0.5f);
    page.line(MARGIN, y - 13, WIDTH - MARGIN, y - 13);
    y -= 18;
  }

  private void paragraph(String text) throws IOException {
    for (String line : wrap(text, Font.REGULAR, 8, CONTENT, Integer.MAX_VALUE)) {
      room(11);
      page.fill(0, 0, 0);
      page.text(Font.REGULAR, 8, MARGIN, y - 8, line);
      y -= 11;
    }
    y -= 3;
  }

  /**
   * A table with a grid: a shaded header row (repeated on a new page), numbers right-aligned and
   * shrunk to fit their cell (never cut), text cut to its cell, or wrapped to {@code wrapLines}
   * lines when that is above 1.
   */
  private void table(
      List<String> headers, float[] widths, boolean[] numeric, List<String[]> rows, int wrapLines)
      throws IOException {
    table(headers, widths, numeric, rows, wrapLines, 0);
  }

  private void table(
      List<String> headers,
      float[] widths,
      boolean[] numeric,
      List<String[]> rows,
      int wrapLines,
      float minRowHeight)
      throws IOException {
    float size = 7;
    float line = 9;
    float pad = 2.5f;
    List<String[]> headerLines = new ArrayList<>();
    int headerHeight = 1;
    for (int c = 0; c < headers.size(); c++) {
      List<String> w = wrap(headers.get(c), Font.BOLD, size, widths[c] - 2 * pad, 2);
      headerLines.add(w.toArray(String[]::new));
      headerHeight = Math.max(headerHeight, w.size());
    }
    float hh = headerHeight * line + 4;
    room(hh + line + 4);
    header(headers, widths, headerLines, hh, size, line, pad);
    for (String[] r : rows) {
      List<List<String>> cells = new ArrayList<>();
      int lines = 1;
      for (int c = 0; c < r.length; c++) {
        String v = r[c] == null ? "" : r[c];
        List<String> w;
        if (numeric[c]) {
          w = List.of(v);
        } else {
          w = wrap(v, Font.REGULAR, size, widths[c] - 2 * pad, Math.max(1, wrapLines));
        }
        cells.add(w);
        lines = Math.max(lines, w.size());
      }
      float rh = Math.max(minRowHeight, lines * line + 3);
      if (y - rh < BOTTOM) {
        room(Float.MAX_VALUE);
        header(headers, widths, headerLines, hh, size, line, pad);
      }
      float x = MARGIN;
      page.stroke(0.75f, 0.75f, 0.75f, 0.4f);
      page.strokeRect(MARGIN, y - rh, sum(widths), rh);
      page.fill(0, 0, 0);
      for (int c = 0; c < cells.size(); c++) {
        List<String> w = cells.get(c);
        for (int l = 0; l < w.size(); l++) {
          float ty = y - (l + 1) * line + 1;
          String text = w.get(l);
          if (numeric[c]) {
            float fit = size;
            float max = widths[c] - 2 * pad;
            while (fit > 4 && PdfStreamWriter.textWidth(Font.REGULAR, fit, text) > max) {
              fit -= 0.5f;
            }
            page.textRight(Font.REGULAR, fit, x + widths[c] - pad, ty, text);
          } else {
            page.text(Font.REGULAR, size, x + pad, ty, text);
          }
        }
        if (c > 0) {
          page.line(x, y, x, y - rh);
        }
        x += widths[c];
      }
      y -= rh;
    }
    y -= 6;
  }

  private void header(
      List<String> headers,
      float[] widths,
      List<String[]> lines,
      float hh,
      float size,
      float line,
      float pad) {
    page.fill(0.92f, 0.92f, 0.92f);
    page.fillRect(MARGIN, y - hh, sum(widths), hh);
    page.stroke(0.75f, 0.75f, 0.75f, 0.4f);
    page.strokeRect(MARGIN, y - hh, sum(widths), hh);
    page.fill(0, 0, 0);
    float x = MARGIN;
    for (int c = 0; c < headers.size(); c++) {
      String[] w = lines.get(c);
      for (int l = 0; l < w.length; l++) {
        page.text(Font.BOLD, size, x + pad, y - (l + 1) * line + 1, w[l]);
      }
      x += widths[c];
    }
    y -= hh;
  }

  private static float sum(float[] w) {
    float s = 0;
    for (float x : w) {
      s += x;
    }
    return s;
  }

  /**
   * {@code text} broken at spaces into lines of at most {@code width} points, at most {@code max}
   * lines (the last one cut with an ellipsis when more would follow).
   */
  static List<String> wrap(String text, Font font, float size, float width, int max) {
    List<String> out = new ArrayList<>();
    String rest = text.replace('\n', ' ').replace('\r', ' ');
    while (!rest.isEmpty()) {
      if (PdfStreamWriter.textWidth(font, size, rest) <= width) {
        out.add(rest);
        break;
      }
      if (out.size() == max - 1) {
        out.add(cut(rest, font, size, width));
        break;
      }
      int fit = fitting(rest, font, size, width);
      int space = rest.lastIndexOf(' ', fit);
      int end = space > 0 ? space : Math.max(1, fit);
      out.add(rest.substring(0, end));
      rest = rest.substring(end).strip();
    }
    if (out.isEmpty()) {
      out.add("");
    }
    return out;
  }

  private static int fitting(String s, Font font, float size, float width) {
    float w = 0;
    int n = 0;
    while (n < s.length()) {
      w += PdfStreamWriter.charWidth(font, size, s.charAt(n));
      if (w > width) {
        break;
      }
      n++;
    }
    return n;
  }

  private static String cut(String s, Font font, float size, float width) {
    String ellipsis = "\u2026";
    int n = fitting(s, font, size, width - PdfStreamWriter.textWidth(font, size, ellipsis));
    return s.substring(0, Math.max(0, n)) + ellipsis;
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "\u2013" : s;
  }

  private static byte[] id(AuditInput.Scope scope) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] d =
          md.digest(
              ("massbalance audit " + scope.from() + " " + scope.to() + " " + scope.sites())
                  .getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(d, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
