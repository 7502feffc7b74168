package org.massbalance.engine.labels;

import java.util.Locale;

/**
 * A label as a standalone SVG document, {@link LabelLayout#WIDTH} x {@link LabelLayout#HEIGHT} mm
 * (printed at its size), the QR code as vector paths. Every text from data is escaped for XML (and
 * control characters dropped), and the document holds no script, style element, link or reference
 * to anything outside it.
 */
public final class LabelSvg {

  /** The SVG media type. */
  public static final String CONTENT_TYPE = "image/svg+xml; charset=utf-8";

  private static final String FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif";

  private LabelSvg() {}

  /** The SVG document of {@code label}. */
  public static String render(LabelData label) {
    StringBuilder s = new StringBuilder(16 * 1024);
    s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
        .append(" width=\"")
        .append(num(LabelLayout.WIDTH))
        .append("mm\" height=\"")
        .append(num(LabelLayout.HEIGHT))
        .append("mm\" viewBox=\"0 0 ")
        .append(num(LabelLayout.WIDTH))
        .append(' ')
        .append(num(LabelLayout.HEIGHT))
        .append("\" role=\"img\" aria-labelledby=\"label-title\">\n");
    s.append("<title id=\"label-title\">")
        .append(escape("Lot " + label.lotId() + " of " + label.title()))
        .append("</title>\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    s.append("<g font-family=\"").append(FONT).append("\">\n");
    for (LabelLayout.Item item : LabelLayout.of(label)) {
      if (item instanceof LabelLayout.Text t) {
        s.append("<text x=\"")
            .append(num(t.x()))
            .append("\" y=\"")
            .append(num(t.y()))
            .append("\" font-size=\"")
            .append(num(t.size()))
            .append('"');
        if (t.bold()) {
          s.append(" font-weight=\"bold\"");
        }
        s.append(" fill=\"").append(t.colour()).append("\">");
        s.append(escape(t.text())).append("</text>\n");
      } else if (item instanceof LabelLayout.Box b) {
        s.append("<rect x=\"")
            .append(num(b.x()))
            .append("\" y=\"")
            .append(num(b.y()))
            .append("\" width=\"")
            .append(num(b.width()))
            .append("\" height=\"")
            .append(num(b.height()))
            .append("\" rx=\"")
            .append(num(b.radius()))
            .append("\" fill=\"none\" stroke=\"")
            .append(b.colour())
            .append("\" stroke-width=\"")
            .append(num(b.line()))
            .append("\"/>\n");
      } else if (item instanceof LabelLayout.Code c) {
        code(s, c);
      }
    }
    s.append("</g>\n</svg>\n");
    return s.toString();
  }

  /**
   * The code as one path in module units, scaled into its square: each run of dark modules of a row
   * is one rectangle.
   */
  private static void code(StringBuilder s, LabelLayout.Code c) {
    int n = c.modules().length;
    s.append("<g class=\"qr\" transform=\"translate(")
        .append(num(c.x()))
        .append(' ')
        .append(num(c.y()))
        .append(") scale(")
        .append(num(c.size() / n))
        .append(")\">\n");
    s.append("<rect width=\"").append(n).append("\" height=\"").append(n);
    s.append("\" fill=\"#ffffff\"/>\n<path fill=\"#000000\" shape-rendering=\"crispEdges\" d=\"");
    for (int y = 0; y < n; y++) {
      int x = 0;
      while (x < n) {
        if (!c.modules()[y][x]) {
          x++;
          continue;
        }
        int start = x;
        while (x < n && c.modules()[y][x]) {
          x++;
        }
        s.append('M').append(start).append(' ').append(y);
        s.append('h').append(x - start).append("v1h-").append(x - start).append('z');
      }
    }
    s.append("\"/>\n</g>\n");
  }

  /**
   * {@code text} as XML character data or attribute value: {@code & < > " '} as entities, control
   * characters and lone surrogates (not allowed in XML 1.0) as spaces.
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c < 0x20
              || c >= 0x7F && c <= 0x9F
              || Character.isSurrogate(c)
              || c == 0xFFFE
              || c == 0xFFFF) {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String num(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
  }
}
