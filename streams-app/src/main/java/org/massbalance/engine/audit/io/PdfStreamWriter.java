package org.massbalance.engine.audit.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A PDF written page by page to a stream, with bounded memory whatever the number of pages: each
 * page's content is compressed and written as soon as the page is done; only the objects' offsets
 * and the page list are kept until the end, where the page tree, the cross-reference table and the
 * trailer are written. Pages are drawn with the standard Helvetica and Helvetica-Bold fonts
 * (WinAnsi: characters outside Windows-1252 print as {@code ?}; widths from Apache PDFBox's font
 * metrics), lines, rectangles and curves. A page may show the total number of pages, drawn from a
 * form object written at the end. A fixed document id and no dates keep the bytes reproducible.
 */
public final class PdfStreamWriter implements AutoCloseable {

  /** The two fonts. */
  public enum Font {
    REGULAR("F1"),
    BOLD("F2");

    private final String resource;

    Font(String resource) {
      this.resource = resource;
    }
  }

  private static final int CATALOG = 1;
  private static final int PAGES = 2;
  private static final int FONT_REGULAR = 3;
  private static final int FONT_BOLD = 4;
  private static final int TOTAL = 5;
  private static final int RESOURCES = 6;
  private static final int FIRST_FREE = 7;

  private static final float[][] WIDTHS = {
    widths(Standard14Fonts.FontName.HELVETICA), widths(Standard14Fonts.FontName.HELVETICA_BOLD)
  };

  private final OutputStream out;
  private final float width;
  private final float height;
  private final byte[] id;
  private final int level;
  private long position;
  private long[] offsets = new long[1024];
  private int nextObject = FIRST_FREE;
  private int[] kids = new int[1024];
  private int pageCount;
  private int firstPage = -1;
  private Page open;
  private boolean finished;

  /**
   * A document of pages {@code width} x {@code height} points written to {@code out}.
   *
   * @param id the document id (16 bytes; a function of what the document is about)
   * @param level the deflate level of the page contents
   */
  public PdfStreamWriter(OutputStream out, float width, float height, byte[] id, int level)
      throws IOException {
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.width = width;
    this.height = height;
    this.id = id.clone();
    this.level = level;
    raw("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
    object(CATALOG, "<< /Type /Catalog /Pages 2 0 R >>");
    object(
        FONT_REGULAR,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    object(
        FONT_BOLD,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
    object(
        RESOURCES,
        "<< /Font << /F1 3 0 R /F2 4 0 R >> /XObject << /Tot 5 0 R >> /ProcSet [/PDF /Text] >>");
  }

  /** The page width in points. */
  public float width() {
    return width;
  }

  /** The page height in points. */
  public float height() {
    return height;
  }

  /**
   * A new page after the ones made so far (the previous one must be finished).
   *
   * @param first true to place it before every other page (a cover made last)
   */
  public Page page(boolean first) {
    if (open != null) {
      throw new IllegalStateException("the previous page is not finished");
    }
    open = new Page(first);
    return open;
  }

  /** How many pages were made. */
  public int pages() {
    return pageCount;
  }

  /** The width of one character in {@code font} at {@code size} points. */
  public static float charWidth(Font font, float size, char c) {
    return WIDTHS[font.ordinal()][winAnsi(c) & 0xff] * size / 1000f;
  }

  /** The width of {@code text} in {@code font} at {@code size} points. */
  public static float textWidth(Font font, float size, String text) {
    float[] w = WIDTHS[font.ordinal()];
    float sum = 0;
    for (int i = 0; i < text.length(); i++) {
      sum += w[winAnsi(text.charAt(i)) & 0xff];
    }
    return sum * size / 1000f;
  }

  /**
   * Writes the page tree, the total of pages ({@code totalText} drawn wherever a page asked for it,
   * at {@code totalSize} points) and the trailer, and flushes; the stream stays open.
   */
  public void finish(String totalText, float totalSize) throws IOException {
    if (open != null) {
      throw new IllegalStateException("the last page is not finished");
    }
    finished = true;
    StringBuilder k =
        new StringBuilder("<< /Type /Pages /Count ").append(pageCount).append(" /Kids [");
    if (firstPage >= 0) {
      k.append(firstPage).append(" 0 R ");
    }
    for (int i = 0; i < pageCount; i++) {
      if (kids[i] != firstPage) {
        k.append(kids[i]).append(" 0 R ");
      }
    }
    k.append("] >>");
    object(PAGES, k.toString());
    Content total = new Content();
    total.ascii("BT /F1 ").number(totalSize).ascii(" Tf 0 2 Td ").text(totalText).ascii(" Tj ET");
    stream(
        TOTAL,
        "/Type /XObject /Subtype /Form /BBox [0 0 "
            + fmt(textWidth(Font.REGULAR, totalSize, totalText) + 2)
            + " "
            + fmt(totalSize + 4)
            + "] /Resources << /Font << /F1 3 0 R >> >>",
        total);
    long xref = position;
    StringBuilder x = new StringBuilder("xref\n0 ").append(nextObject).append('\n');
    x.append("0000000000 65535 f\r\n");
    for (int i = 1; i < nextObject; i++) {
      String o = Long.toString(offsets[i]);
      x.append("0".repeat(10 - o.length())).append(o).append(" 00000 n\r\n");
    }
    String hex = HexFormat.of().formatHex(id);
    x.append("trailer\n<< /Size ")
        .append(nextObject)
        .append(" /Root 1 0 R /ID [<")
        .append(hex)
        .append("> <")
        .append(hex)
        .append(">] >>\nstartxref\n")
        .append(xref)
        .append("\n%%EOF\n");
    raw(x.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }

  private int allocate() {
    int n = nextObject++;
    if (n >= offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    return n;
  }

  private void object(int n, String body) throws IOException {
    offsets[n] = position;
    raw((n + " 0 obj\n" + body + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  private void stream(int n, String dictionary, Content content) throws IOException {
    Deflater d = new Deflater(level);
    byte[] compressed;
    try {
      d.setInput(content.bytes, 0, content.length);
      d.finish();
      byte[] buf = new byte[Math.max(64, content.length / 2 + 64)];
      int len = 0;
      while (!d.finished()) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        len += d.deflate(buf, len, buf.length - len);
      }
      compressed = Arrays.copyOf(buf, len);
    } finally {
      d.end();
    }
    offsets[n] = position;
    raw(
        (n
                + " 0 obj\n<< "
                + dictionary
                + " /Filter /FlateDecode /Length "
                + compressed.length
                + " >>\nstream\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    raw(compressed);
    raw("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  private void raw(byte[] b) throws IOException {
    out.write(b);
    position += b.length;
  }

  private static float[] widths(Standard14Fonts.FontName name) {
    PDType1Font f = new PDType1Font(name);
    float[] w = new float[256];
    for (int c = 0; c < 256; c++) {
      try {
        w[c] = f.getWidth(c);
      } catch (IOException | RuntimeException e) {
        w[c] = 500;
      }
      if (w[c] <= 0) {
        w[c] = c < 32 ? 0 : 500;
      }
    }
    return w;
  }

  /** The Windows-1252 byte of {@code c}; {@code ?} for a character it has not. */
  static byte winAnsi(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return (byte) c;
    }
    if (c >= 0xa0 && c <= 0xff) {
      return (byte) c;
    }
    return switch (c) {
      case '\u20ac' -> (byte) 0x80;
      case '\u201a' -> (byte) 0x82;
      case '\u0192' -> (byte) 0x83;
      case '\u201e' -> (byte) 0x84;
      case '\u2026' -> (byte) 0x85;
      case '\u2020' -> (byte) 0x86;
      case '\u2021' -> (byte) 0x87;
      case '\u02c6' -> (byte) 0x88;
      case '\u2030' -> (byte) 0x89;
      case '\u0160' -> (byte) 0x8a;
      case '\u2039' -> (byte) 0x8b;
      case '\u0152' -> (byte) 0x8c;
      case '\u017d' -> (byte) 0x8e;
      case '\u2018' -> (byte) 0x91;
      case '\u2019' -> (byte) 0x92;
      case '\u201c' -> (byte) 0x93;
      case '\u201d' -> (byte) 0x94;
      case '\u2022' -> (byte) 0x95;
      case '\u2013' -> (byte) 0x96;
      case '\u2014' -> (byte) 0x97;
      case '\u02dc' -> (byte) 0x98;
      case '\u2122' -> (byte) 0x99;
      case '\u0161' -> (byte) 0x9a;
      case '\u203a' -> (byte) 0x9b;
      case '\u0153' -> (byte) 0x9c;
      case '\u017e' -> (byte) 0x9e;
      case '\u0178' -> (byte) 0x9f;
      default -> (byte) '?';
    };
  }

  /** A number as PDF writes it: at most 2 decimals, no exponent. */
  static String fmt(float v) {
    long hundredths = Math.round(v * 100.0);
    boolean negative = hundredths < 0;
    long a = Math.abs(hundredths);
    long whole = a / 100;
    long frac = a % 100;
    StringBuilder b = new StringBuilder(12);
    if (negative && (whole != 0 || frac != 0)) {
      b.append('-');
    }
    b.append(whole);
    if (frac != 0) {
      b.append('.');
      if (frac < 10) {
        b.append('0').append(frac);
      } else if (frac % 10 == 0) {
        b.append(frac / 10);
      } else {
        b.append(frac);
      }
    }
    return b.toString();
  }

  /** A page's content stream being built. */
  private static final class Content {
    byte[] bytes = new byte[4096];
    int length;

    private void ensure(int n) {
      if (length + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
      }
    }

    Content ascii(String s) {
      ensure(s.length());
      for (int i = 0; i < s.length(); i++) {
        bytes[length++] = (byte) s.charAt(i);
      }
      return this;
    }

    Content number(float v) {
      return ascii(fmt(v));
    }

    Content text(String s) {
      ensure(s.length() * 2 + 2);
      bytes[length++] = '(';
      for (int i = 0; i < s.length(); i++) {
        byte b = winAnsi(s.charAt(i));
        if (b == '(' || b == ')' || b == '\\') {
          ensure(2);
          bytes[length++] = '\\';
        }
        ensure(1);
        bytes[length++] = b;
      }
      ensure(1);
      bytes[length++] = ')';
      return this;
    }
  }

  /** One page being drawn; coordinates in points from the bottom left corner. */
  public final class Page {
    private final boolean first;
    private final Content c = new Content();
    private boolean done;

    private Page(boolean first) {
      this.first = first;
    }

    /** Draws {@code text} with its baseline starting at ({@code x}, {@code y}). */
    public Page text(Font font, float size, float x, float y, String text) {
      c.ascii("BT /")
          .ascii(font.resource)
          .ascii(" ")
          .number(size)
          .ascii(" Tf 1 0 0 1 ")
          .number(x)
          .ascii(" ")
          .number(y)
          .ascii(" Tm ")
          .text(text)
          .ascii(" Tj ET\n");
      return this;
    }

    /** Draws {@code text} ending at {@code right}. */
    public Page textRight(Font font, float size, float right, float y, String text) {
      return text(font, size, right - textWidth(font, size, text), y, text);
    }

    /** Sets the fill colour (0 to 1 each). */
    public Page fill(float r, float g, float b) {
      c.number(r).ascii(" ").number(g).ascii(" ").number(b).ascii(" rg\n");
      return this;
    }

    /** Sets the stroke colour (0 to 1 each) and the line width. */
    public Page stroke(float r, float g, float b, float lineWidth) {
      c.number(r)
          .ascii(" ")
          .number(g)
          .ascii(" ")
          .number(b)
          .ascii(" RG ")
          .number(lineWidth)
          .ascii(" w\n");
      return this;
    }

    /** Fills a rectangle with the fill colour. */
    public Page fillRect(float x, float y, float w, float h) {
      c.number(x).ascii(" ").number(y).ascii(" ").number(w).ascii(" ").number(h).ascii(" re f\n");
      return this;
    }

    /** Strokes a rectangle's outline. */
    public Page strokeRect(float x, float y, float w, float h) {
      c.number(x).ascii(" ").number(y).ascii(" ").number(w).ascii(" ").number(h).ascii(" re S\n");
      return this;
    }

    /** Strokes a straight line. */
    public Page line(float x1, float y1, float x2, float y2) {
      c.number(x1)
          .ascii(" ")
          .number(y1)
          .ascii(" m ")
          .number(x2)
          .ascii(" ")
          .number(y2)
          .ascii(" l S\n");
      return this;
    }

    /** Fills a circle with the fill colour. */
    public Page fillCircle(float x, float y, float r) {
      float k = 0.5523f * r;
      c.number(x + r).ascii(" ").number(y).ascii(" m ");
      curve(x + r, y + k, x + k, y + r, x, y + r);
      curve(x - k, y + r, x - r, y + k, x - r, y);
      curve(x - r, y - k, x - k, y - r, x, y - r);
      curve(x + k, y - r, x + r, y - k, x + r, y);
      c.ascii("f\n");
      return this;
    }

    private void curve(float x1, float y1, float x2, float y2, float x3, float y3) {
      c.number(x1)
          .ascii(" ")
          .number(y1)
          .ascii(" ")
          .number(x2)
          .ascii(" ")
          .number(y2)
          .ascii(" ")
          .number(x3)
          .ascii(" ")
          .number(y3)
          .ascii(" c ");
    }

    /** Draws the total of pages (the text given at {@link #finish}) at ({@code x}, {@code y}). */
    public Page totalPages(float x, float y) {
      c.ascii("q 1 0 0 1 ").number(x).ascii(" ").number(y - 2).ascii(" cm /Tot Do Q\n");
      return this;
    }

    /** Writes the page (its content compressed) to the document. */
    public void finish() throws IOException {
      if (done) {
        return;
      }
      done = true;
      open = null;
      int content = allocate();
      stream(content, "", c);
      int page = allocate();
      object(
          page,
          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "
              + fmt(width)
              + " "
              + fmt(height)
              + "] /Resources 6 0 R /Contents "
              + content
              + " 0 R >>");
      if (pageCount == kids.length) {
        kids = Arrays.copyOf(kids, kids.length * 2);
      }
      kids[pageCount++] = page;
      if (first) {
        firstPage = page;
      }
    }
  }
}
