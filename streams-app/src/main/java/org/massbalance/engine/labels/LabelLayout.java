package org.massbalance.engine.labels;

import java.util.ArrayList;
import java.util.List;

/**
 * Where everything of a label goes, in millimetres from its top left corner, for the SVG and the
 * PDF alike: a 99 x 67 mm label (the size of the common A4 sheet of 2 x 4 labels) with the product
 * across the top, the QR code on the left, the lot and its facts on the right, the organic claim in
 * a box, and the element string (or the note of a product without a GTIN) and the code's URI along
 * the bottom. Texts too wide for their place are cut with {@code ...}, by a width estimate that is
 * generous for Helvetica and its metric twins (Arial, Liberation Sans).
 */
public final class LabelLayout {

  /** The label's width, mm. */
  public static final double WIDTH = 99;

  /** The label's height, mm. */
  public static final double HEIGHT = 67;

  private static final double MARGIN = 4;
  private static final double CODE_X = 3;
  private static final double CODE_Y = 14;
  private static final double CODE_SIZE = 44;
  private static final double COLUMN_X = 50;
  private static final double COLUMN_WIDTH = WIDTH - COLUMN_X - MARGIN + 1;
  private static final double FACT_SIZE = 2.8;
  private static final double FACT_STEP = 3.7;

  /** Text colour. */
  public static final String INK = "#1d1d1f";

  /** Secondary text colour. */
  public static final String MUTED = "#555555";

  /** One thing drawn on a label. */
  public sealed interface Item permits Text, Box, Code {}

  /**
   * A line of text, its baseline at {@code y}.
   *
   * @param size the font size (em height), mm
   * @param colour {@code #rrggbb}
   */
  public record Text(double x, double y, double size, boolean bold, String colour, String text)
      implements Item {}

  /** A rectangle outline with rounded corners. */
  public record Box(
      double x, double y, double width, double height, double radius, String colour, double line)
      implements Item {}

  /** The QR code: {@code modules[y][x]} (quiet zone included) filling a square of {@code size}. */
  public record Code(double x, double y, double size, boolean[][] modules) implements Item {}

  private LabelLayout() {}

  /** The items of {@code label}'s face, in drawing order. */
  public static List<Item> of(LabelData label) {
    List<Item> items = new ArrayList<>();
    items.add(new Box(0.4, 0.4, WIDTH - 0.8, HEIGHT - 0.8, 2, "#999999", 0.3));
    double titleWidth = WIDTH - 2 * MARGIN;
    double titleSize = Math.max(3.6, Math.min(5.0, titleWidth / width(label.title(), 1, true)));
    items.add(fit(MARGIN, 8.5, titleSize, true, INK, label.title(), titleWidth));
    String sub =
        label.productId()
            + "  \u00b7  "
            + (label.gtin() == null ? "no GTIN" : "GTIN " + label.gtin());
    items.add(fit(MARGIN, 12.5, 2.8, false, MUTED, sub, WIDTH - 2 * MARGIN));
    items.add(new Code(CODE_X, CODE_Y, CODE_SIZE, QrCodes.modules(label.qrUri())));

    double y = 18.5;
    items.add(new Text(COLUMN_X, y, 2.4, false, MUTED, "LOT"));
    y += 1.2;
    double lotSize = lotSize(label.lotId());
    for (String line : lotLines(label.lotId())) {
      y += lotSize * 1.05;
      items.add(new Text(COLUMN_X, y, lotSize, true, INK, line));
    }
    y += 4.8;
    String[][] facts = {
      {"Received", label.receivedOn() == null ? "-" : label.receivedOn().toString()},
      {"Site", label.siteId()},
      {"Supplier lot", dash(label.supplierLot())},
      {"NOP ID", dash(label.supplierNopId())},
    };
    for (String[] f : facts) {
      items.add(fit(COLUMN_X, y, FACT_SIZE, false, INK, f[0] + "  " + f[1], COLUMN_WIDTH));
      y += FACT_STEP;
    }
    List<String> certifier = wrap("Certifier  " + certifier(label), FACT_SIZE, COLUMN_WIDTH, 2);
    for (String line : certifier) {
      items.add(new Text(COLUMN_X, y, FACT_SIZE, false, INK, line));
      y += FACT_STEP;
    }
    String claimColour = claimColour(label.claim());
    double boxY = Math.max(y - 2.2, 48.5);
    items.add(new Box(COLUMN_X - 1, boxY, COLUMN_WIDTH + 1, 8.6, 1.5, claimColour, 0.6));
    items.add(
        fit(
            COLUMN_X + 1,
            boxY + 4.3,
            3.8,
            true,
            claimColour,
            label.claim().text(),
            COLUMN_WIDTH - 2));
    items.add(
        fit(
            COLUMN_X + 1,
            boxY + 7.3,
            2.4,
            false,
            claimColour,
            label.claim().detail(),
            COLUMN_WIDTH - 2));

    String bottom = label.gtin() == null ? LabelData.NO_GTIN_NOTE : label.elementString();
    items.add(
        fit(
            MARGIN,
            61.3,
            label.gtin() == null ? 2.4 : 2.7,
            label.gtin() != null,
            label.gtin() == null ? "#b26a00" : INK,
            bottom,
            WIDTH - 2 * MARGIN));
    items.add(fit(MARGIN, 64.8, 2.1, false, MUTED, label.qrUri(), WIDTH - 2 * MARGIN));
    return items;
  }

  /** The colour of a claim: green organic, red not certified, amber unknown, grey non-organic. */
  static String claimColour(LabelData.Claim claim) {
    return switch (claim) {
      case ORGANIC -> "#1b7f3b";
      case NOT_CERTIFIED -> "#b3261e";
      case UNVERIFIED -> "#b26a00";
      case NON_ORGANIC -> MUTED;
    };
  }

  private static String certifier(LabelData label) {
    if (label.certifier() != null && !label.certifier().isBlank()) {
      return label.certifier();
    }
    return label.supplierNopId() == null ? "-" : "no certificate record";
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  /** The lot id's font size: 5 mm, smaller for a long id, never under 3 mm. */
  private static double lotSize(String lotId) {
    return Math.max(3.0, Math.min(5.0, COLUMN_WIDTH / (width(lotId, 1, true))));
  }

  /** The lot id cut into lines that fit the column at its size (three at most). */
  private static List<String> lotLines(String lotId) {
    double size = lotSize(lotId);
    int perLine = Math.max(1, (int) Math.floor(COLUMN_WIDTH / width("M", size, true)));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < lotId.length() && lines.size() < 3; i += perLine) {
      lines.add(lotId.substring(i, Math.min(lotId.length(), i + perLine)));
    }
    if (perLine * 3 < lotId.length()) {
      String last = lines.get(2);
      lines.set(2, last.substring(0, Math.max(0, last.length() - 3)) + "...");
    }
    return lines;
  }

  /**
   * {@code text} in at most {@code maxLines} lines that fit {@code maxWidth}, broken at spaces
   * where it can be (else anywhere), the last line cut with {@code ...} when it still does not fit.
   */
  static List<String> wrap(String text, double size, double maxWidth, int maxLines) {
    List<String> lines = new ArrayList<>();
    String rest = text.strip();
    while (!rest.isEmpty() && lines.size() < maxLines - 1 && width(rest, size, false) > maxWidth) {
      int fits = rest.length();
      while (fits > 1 && width(rest.substring(0, fits), size, false) > maxWidth) {
        fits--;
      }
      int space = rest.lastIndexOf(' ', fits);
      int cut = space > 0 ? space : fits;
      lines.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    lines.add(fit(0, 0, size, false, INK, rest, maxWidth).text());
    return lines;
  }

  /** A text item, cut with {@code ...} to fit {@code maxWidth}. */
  static Text fit(
      double x, double y, double size, boolean bold, String colour, String text, double maxWidth) {
    String t = text == null ? "" : text;
    if (width(t, size, bold) > maxWidth) {
      int keep = t.length();
      while (keep > 0 && width(t.substring(0, keep) + "...", size, bold) > maxWidth) {
        keep--;
      }
      t = t.substring(0, keep) + "...";
    }
    return new Text(x, y, size, bold, colour, t);
  }

  /**
   * An estimate of the width of {@code text} at {@code size} that errs wide: 0.56 em a character
   * (Helvetica's average over mixed text is about 0.5 em), 0.62 em in bold.
   */
  static double width(String text, double size, boolean bold) {
    return text.length() * size * (bold ? 0.62 : 0.56);
  }
}
