package org.massbalance.engine.labels.sheet;

import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.massbalance.engine.labels.LabelData;
import org.massbalance.engine.labels.LabelLayout;

/**
 * A sheet of labels as PDF (Apache PDFBox): two columns of four {@link LabelLayout} labels a page
 * (99 x 67 mm, the common A4 sheet of eight; on US Letter the same grid), each drawn as the engine
 * draws its SVG: real text in Helvetica and the QR code as vector rectangles, so it prints sharp at
 * any resolution and its text can be searched and copied.
 */
public final class LabelSheetPdf {

  /** Paper sizes. */
  public enum Paper {
    /** ISO A4, 210 x 297 mm. */
    a4(210, 297),
    /** US Letter, 8.5 x 11 in. */
    letter(215.9, 279.4);

    private final double widthMm;
    private final double heightMm;

    Paper(double widthMm, double heightMm) {
      this.widthMm = widthMm;
      this.heightMm = heightMm;
    }
  }

  /** Labels across a page. */
  public static final int COLUMNS = 2;

  /** Labels down a page. */
  public static final int ROWS = 4;

  /** Labels on a page. */
  public static final int PER_PAGE = COLUMNS * ROWS;

  private static final double GAP_MM = 2.5;
  private static final float PT_PER_MM = 72f / 25.4f;

  private LabelSheetPdf() {}

  /** Writes {@code labels} in order, {@link #PER_PAGE} a page, on {@code paper} to {@code out}. */
  public static void write(List<LabelData> labels, Paper paper, OutputStream out)
      throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("Lot labels");
      info.setCreator("massbalance labels");
      Fonts fonts =
          new Fonts(
              new PDType1Font(Standard14Fonts.FontName.HELVETICA),
              new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
      double gridWidth = COLUMNS * LabelLayout.WIDTH + (COLUMNS - 1) * GAP_MM;
      double gridHeight = ROWS * LabelLayout.HEIGHT;
      double left = (paper.widthMm - gridWidth) / 2;
      double top = (paper.heightMm - gridHeight) / 2;
      for (int first = 0; first < labels.size(); first += PER_PAGE) {
        PDPage page =
            new PDPage(
                new PDRectangle(
                    (float) (paper.widthMm * PT_PER_MM), (float) (paper.heightMm * PT_PER_MM)));
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          Pen pen = new Pen(cs, fonts, paper.heightMm);
          for (int i = first; i < Math.min(labels.size(), first + PER_PAGE); i++) {
            int slot = i - first;
            double x = left + (slot % COLUMNS) * (LabelLayout.WIDTH + GAP_MM);
            double y = top + (slot / COLUMNS) * LabelLayout.HEIGHT;
            for (LabelLayout.Item item : LabelLayout.of(labels.get(i))) {
              pen.draw(item, x, y);
            }
          }
        }
      }
      doc.save(out);
    }
  }

  private record Fonts(PDType1Font regular, PDType1Font bold) {}

  /** Draws layout items at a label's origin (mm from the page's top left). */
  private static final class Pen {
    private final PDPageContentStream cs;
    private final Fonts fonts;
    private final double pageHeightMm;

    Pen(PDPageContentStream cs, Fonts fonts, double pageHeightMm) {
      this.cs = cs;
      this.fonts = fonts;
      this.pageHeightMm = pageHeightMm;
    }

    private float px(double mm) {
      return (float) (mm * PT_PER_MM);
    }

    /** A y in mm from the top as PDF points from the bottom. */
    private float py(double mmFromTop) {
      return (float) ((pageHeightMm - mmFromTop) * PT_PER_MM);
    }

    void draw(LabelLayout.Item item, double ox, double oy) throws IOException {
      if (item instanceof LabelLayout.Text t) {
        PDType1Font font = t.bold() ? fonts.bold() : fonts.regular();
        colour(t.colour(), true);
        cs.beginText();
        cs.setFont(font, px(t.size()));
        cs.newLineAtOffset(px(ox + t.x()), py(oy + t.y()));
        cs.showText(encodable(font, t.text()));
        cs.endText();
      } else if (item instanceof LabelLayout.Box b) {
        colour(b.colour(), false);
        cs.setLineWidth(px(b.line()));
        roundedRect(ox + b.x(), oy + b.y(), b.width(), b.height(), b.radius());
        cs.stroke();
      } else if (item instanceof LabelLayout.Code c) {
        boolean[][] m = c.modules();
        int n = m.length;
        double unit = c.size() / n;
        cs.setNonStrokingColor(1f, 1f, 1f);
        cs.addRect(px(ox + c.x()), py(oy + c.y() + c.size()), px(c.size()), px(c.size()));
        cs.fill();
        cs.setNonStrokingColor(0f, 0f, 0f);
        for (int y = 0; y < n; y++) {
          int x = 0;
          while (x < n) {
            if (!m[y][x]) {
              x++;
              continue;
            }
            int start = x;
            while (x < n && m[y][x]) {
              x++;
            }
            double mx = ox + c.x() + start * unit;
            double my = oy + c.y() + y * unit;
            cs.addRect(px(mx), py(my + unit), px((x - start) * unit), px(unit));
          }
        }
        cs.fill();
      }
    }

    private void roundedRect(double x, double y, double w, double h, double r) throws IOException {
      double k = 0.5523 * r; // a circle's quarter as a Bezier curve
      cs.moveTo(px(x + r), py(y));
      cs.lineTo(px(x + w - r), py(y));
      cs.curveTo(px(x + w - r + k), py(y), px(x + w), py(y + r - k), px(x + w), py(y + r));
      cs.lineTo(px(x + w), py(y + h - r));
      cs.curveTo(
          px(x + w), py(y + h - r + k), px(x + w - r + k), py(y + h), px(x + w - r), py(y + h));
      cs.lineTo(px(x + r), py(y + h));
      cs.curveTo(px(x + r - k), py(y + h), px(x), py(y + h - r + k), px(x), py(y + h - r));
      cs.lineTo(px(x), py(y + r));
      cs.curveTo(px(x), py(y + r - k), px(x + r - k), py(y), px(x + r), py(y));
      cs.closePath();
    }

    private void colour(String hex, boolean fill) throws IOException {
      int rgb = Integer.parseInt(hex.substring(1), 16);
      float r = ((rgb >> 16) & 0xFF) / 255f;
      float g = ((rgb >> 8) & 0xFF) / 255f;
      float b = (rgb & 0xFF) / 255f;
      if (fill) {
        cs.setNonStrokingColor(r, g, b);
      } else {
        cs.setStrokingColor(r, g, b);
      }
    }
  }

  /**
   * {@code text} in characters the standard font can show (its WinAnsi encoding): a character it
   * lacks becomes its base letter when it has one ({@code é} as {@code e}), else {@code ?}.
   */
  static String encodable(PDType1Font font, String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              String c = new String(Character.toChars(cp));
              if (canEncode(font, c)) {
                out.append(c);
                return;
              }
              String base = Normalizer.normalize(c, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
              out.append(!base.isEmpty() && canEncode(font, base) ? base : "?");
            });
    return out.toString();
  }

  private static boolean canEncode(PDType1Font font, String s) {
    if (s.chars().anyMatch(ch -> ch < 0x20)) {
      return false;
    }
    try {
      font.encode(s);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
