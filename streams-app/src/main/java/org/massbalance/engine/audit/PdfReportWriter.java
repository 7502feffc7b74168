package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/**
 * {@code report.pdf}: the report of {@link HtmlReportWriter} drawn with Apache PDFBox: a cover page
 * with the summary, then per site and product the figures of each month, bars of the monthly
 * movements, the trace-back exercise, certificates, open exceptions, investigations and a sign-off
 * block. Standard Helvetica (WinAnsi): characters outside printable ASCII print as {@code ?}. A
 * fixed document id and no dates keep the bytes reproducible.
 */
public final class PdfReportWriter {

  private static final float MARGIN = 40;
  private static final float LINE = 13;
  private static final int MAX_CHARS = 110;
  private static final float[][] COLOURS = {
    {0.18f, 0.43f, 0.71f}, {0.88f, 0.54f, 0.12f}, {0.71f, 0.14f, 0.09f}, {0.10f, 0.50f, 0.22f}
  };
  private static final String[] SERIES = {"receipts", "sales", "waste", "closing"};

  private PdfReportWriter() {}

  /** Writes the report of {@code data} to {@code out} (not closed). */
  public static void write(AuditData data, OutputStream out) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      Pen pen = new Pen(doc);
      try {
        pen.title("Organic mass-balance audit package");
        Table summary =
            SummarySheet.build(data, AuditRows.sortedSnapshots(data), AuditRows.sortedTraces(data));
        for (List<Object> r : summary.rows()) {
          pen.line(r.get(0) + ": " + r.get(1));
        }
        for (ReportModel.Page p : ReportModel.pages(data)) {
          pen.newPage();
          page(data, p, pen);
        }
      } finally {
        pen.close();
      }
      byte[] id = id(data);
      COSArray ids = new COSArray();
      ids.add(new COSString(id));
      ids.add(new COSString(id));
      doc.getDocument().getTrailer().setItem(COSName.ID, ids);
      doc.save(out);
    }
  }

  private static void page(AuditData data, ReportModel.Page p, Pen pen) throws IOException {
    pen.title(
        p.siteId()
            + " - "
            + p.productId()
            + " ("
            + p.unit()
            + ", tolerance +/-"
            + p.tolerancePct().toPlainString()
            + " %)");
    pen.heading("Mass balance");
    for (Snapshot s : p.months()) {
      pen.line(
          s.getPeriod()
              + ": opening "
              + s.getOpening()
              + " + receipts "
              + s.getReceipts()
              + " + transfers in "
              + s.getTransfersIn()
              + " - sales "
              + s.getSales()
              + " - waste "
              + s.getWaste()
              + " - transfers out "
              + s.getTransfersOut()
              + " + adjustments "
              + s.getAdjustments()
              + " = expected closing "
              + s.getExpectedClosing());
      pen.line(
          "    counted "
              + dash(s.getCounted())
              + ", variance "
              + s.getCountVariance()
              + " ("
              + dash(s.getVariancePct())
              + " %), closing "
              + s.getClosing()
              + ", waste "
              + dash(s.getWastePct())
              + " %, "
              + s.getStatus());
    }
    pen.heading("Monthly movements (receipts, sales, waste, closing)");
    pen.bars(ReportModel.byMonth(data, p));
    pen.heading("Trace-back exercise");
    if (p.exercise().isEmpty()) {
      pen.line("No SALE in the range.");
    } else {
      TracedMovement t = p.exercise().get();
      pen.line(
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
              + dash(t.documentRef())
              + ")");
      for (TracedLot l : t.lots()) {
        pen.line(
            "    lot "
                + l.lotId()
                + ": "
                + l.quantity().toPlainString()
                + " "
                + t.unit()
                + ", received "
                + dash(l.receivedAt())
                + ", supplier "
                + dash(l.supplierId())
                + " lot "
                + dash(l.supplierLot())
                + ", NOP ID "
                + dash(l.supplierNopId())
                + ", certified at receipt "
                + (l.certifiedAtReceipt() == null ? "-" : l.certifiedAtReceipt() ? "yes" : "NO"));
      }
      if (t.uncovered().signum() != 0) {
        pen.line("    untraced: " + t.uncovered().toPlainString() + " " + t.unit());
      }
    }
    pen.heading("Supplier certificates");
    if (p.certificates().isEmpty()) {
      pen.line("No receipt from a certified supplier in the range.");
    }
    for (ReportModel.Certificate c : p.certificates()) {
      pen.line(
          c.nopId()
              + " "
              + dash(c.operationName())
              + " ("
              + dash(c.certifier())
              + "): "
              + c.status()
              + " since "
              + dash(c.statusEffective())
              + "; receipts "
              + c.receipts()
              + ", not certified at receipt "
              + c.notCertifiedAtReceipt());
    }
    pen.heading("Open exceptions");
    if (p.exceptions().isEmpty()) {
      pen.line("None.");
    }
    for (Alert a : p.exceptions()) {
      pen.line(a.getSeverity() + " " + a.getType() + ": " + a.getMessage());
    }
    pen.heading("Investigations");
    if (p.investigations().isEmpty()) {
      pen.line("No period outside tolerance.");
    }
    for (ReportModel.Draft d : p.investigations()) {
      Snapshot s = d.snapshot();
      AuditData.InvestigationRecord r = d.recorded();
      pen.line(
          s.getPeriod()
              + ": "
              + (d.open() ? "open" : "done")
              + (r == null || r.dueOn() == null ? "" : ", due " + r.dueOn())
              + (r != null && r.overdue() ? " (overdue)" : "")
              + ". Variance "
              + s.getCountVariance()
              + " "
              + s.getUnit()
              + " ("
              + s.getVariancePct()
              + " %). Receipts "
              + s.getReceipts()
              + ", sales "
              + s.getSales()
              + ", waste "
              + s.getWaste()
              + ", transfers in "
              + s.getTransfersIn()
              + ", out "
              + s.getTransfersOut()
              + ", adjustments "
              + s.getAdjustments()
              + ".");
      pen.line(
          "    Undocumented waste: "
              + d.undocumentedWaste().size()
              + "; late movements: "
              + d.lateMovements().size()
              + ".");
      if (r != null && r.cause() != null) {
        pen.line(
            "    Recorded: "
                + r.cause()
                + "; certifier notified on "
                + (r.certifierNotifiedOn() == null ? "(not yet)" : r.certifierNotifiedOn()));
      }
      if (d.open()) {
        pen.line("    Cause: ____________  Corrective action: ____________  Certifier notified:");
      }
    }
    pen.heading("Sign-off");
    pen.line("Prepared by: ______________________    Date: ____________");
    pen.line("Reviewed by: ______________________    Signature: ____________");
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static byte[] id(AuditData data) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] d =
          md.digest(
              ("massbalance audit " + data.from() + " " + data.to() + " " + data.sites())
                  .getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(d, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Printable ASCII only: the standard fonts' WinAnsi encoding has no other safe characters. */
  static String ascii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  /** Writes lines down A4 pages, opening a new page when one is full. */
  private static final class Pen {
    private final PDDocument doc;
    private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream cs;
    private float y;

    Pen(PDDocument doc) throws IOException {
      this.doc = doc;
      newPage();
    }

    void newPage() throws IOException {
      close();
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      cs = new PDPageContentStream(doc, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void close() throws IOException {
      if (cs != null) {
        cs.close();
        cs = null;
      }
    }

    private void room(float needed) throws IOException {
      if (y - needed < MARGIN) {
        newPage();
      }
    }

    void title(String s) throws IOException {
      text(bold, 14, s);
      y -= 6;
    }

    void heading(String s) throws IOException {
      y -= 4;
      text(bold, 11, s);
    }

    void line(String s) throws IOException {
      String t = ascii(s);
      while (t.length() > MAX_CHARS) {
        int cut = t.lastIndexOf(' ', MAX_CHARS);
        if (cut <= 8) {
          cut = MAX_CHARS;
        }
        text(font, 8, t.substring(0, cut));
        t = "      " + t.substring(cut).strip();
      }
      text(font, 8, t);
    }

    private void text(PDType1Font f, float size, String s) throws IOException {
      room(LINE);
      cs.beginText();
      cs.setFont(f, size);
      cs.newLineAtOffset(MARGIN, y - size);
      cs.showText(ascii(s));
      cs.endText();
      y -= Math.max(LINE, size + 4);
    }

    /** Four bars per month, scaled to the largest value (BigDecimal until the coordinate). */
    void bars(Map<YearMonth, Snapshot> months) throws IOException {
      float height = 90;
      room(height + 2 * LINE);
      BigDecimal max = BigDecimal.ONE;
      for (Snapshot s : months.values()) {
        if (s != null) {
          for (String f : SERIES) {
            max = max.max(Table.decimal((String) s.get(f)).abs());
          }
        }
      }
      float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
      float group = width / months.size();
      float bar = Math.min(group / 5, 30);
      float base = y - height;
      int i = 0;
      for (Map.Entry<YearMonth, Snapshot> e : months.entrySet()) {
        float x0 = MARGIN + i * group;
        Snapshot s = e.getValue();
        for (int k = 0; s != null && k < SERIES.length; k++) {
          BigDecimal v = Table.decimal((String) s.get(SERIES[k])).max(BigDecimal.ZERO);
          BigDecimal h =
              v.multiply(BigDecimal.valueOf((long) height)).divide(max, 2, RoundingMode.HALF_EVEN);
          cs.setNonStrokingColor(COLOURS[k][0], COLOURS[k][1], COLOURS[k][2]);
          cs.addRect(x0 + k * bar, base, bar - 1, h.floatValue());
          cs.fill();
        }
        cs.setNonStrokingColor(0f, 0f, 0f);
        cs.beginText();
        cs.setFont(font, 8);
        cs.newLineAtOffset(x0, base - 10);
        cs.showText(e.getKey().toString());
        cs.endText();
        i++;
      }
      y = base - 2 * LINE;
    }
  }
}
