package org.massbalance.engine.labels;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ZXing, an independent QR decoder, reading back the codes the labels draw: from the SVG's path of
 * modules, or from a rendered image (a PDF page, a browser's screenshot).
 */
public final class QrDecoder {

  private static final Map<DecodeHintType, Object> HINTS =
      Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.CHARACTER_SET, "UTF-8");

  private QrDecoder() {}

  /** The text of the one QR code in {@code image}. */
  public static String decode(BufferedImage image) throws Exception {
    return new QRCodeReader().decode(bitmap(image), HINTS).getText();
  }

  /** The texts of every QR code in {@code image} (a page of labels). */
  public static List<String> decodeAll(BufferedImage image) throws Exception {
    List<String> out = new ArrayList<>();
    try {
      for (Result r : new QRCodeMultiReader().decodeMultiple(bitmap(image), HINTS)) {
        out.add(r.getText());
      }
    } catch (NotFoundException e) {
      // none
    }
    return out;
  }

  /**
   * The text of the QR code an SVG label draws: its {@code <g class="qr">} path of runs of dark
   * modules ({@code M x y h n v1 h-n z}), drawn into an image at 6 pixels a module and decoded.
   */
  public static String decodeSvg(String svg) throws Exception {
    Matcher size = Pattern.compile("<g class=\"qr\"[^>]*>\\s*<rect width=\"(\\d+)\"").matcher(svg);
    if (!size.find()) {
      throw new AssertionError("no QR code in the SVG");
    }
    int n = Integer.parseInt(size.group(1));
    Matcher path = Pattern.compile("<path fill=\"#000000\"[^>]* d=\"([^\"]*)\"").matcher(svg);
    if (!path.find()) {
      throw new AssertionError("no QR path in the SVG");
    }
    boolean[][] modules = new boolean[n][n];
    Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(path.group(1));
    while (run.find()) {
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int w = Integer.parseInt(run.group(3));
      for (int i = 0; i < w; i++) {
        modules[y][x + i] = true;
      }
    }
    return decode(image(modules, 6));
  }

  /** The modules as a black-on-white image, {@code scale} pixels a module. */
  public static BufferedImage image(boolean[][] modules, int scale) {
    int n = modules.length;
    BufferedImage img = new BufferedImage(n * scale, n * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < n * scale; y++) {
      for (int x = 0; x < n * scale; x++) {
        img.setRGB(x, y, modules[y / scale][x / scale] ? 0x000000 : 0xFFFFFF);
      }
    }
    return img;
  }

  private static BinaryBitmap bitmap(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
    LuminanceSource source = new RGBLuminanceSource(w, h, pixels);
    return new BinaryBitmap(new HybridBinarizer(source));
  }
}
