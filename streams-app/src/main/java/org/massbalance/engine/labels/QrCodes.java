package org.massbalance.engine.labels;

import io.nayuki.qrcodegen.QrCode;

/**
 * QR codes of the labels, made by Project Nayuki's QR Code generator: byte mode for a URI, error
 * correction level M (15 % of the code may be damaged: a warehouse label gets scuffed), boosted to
 * a higher level when the version allows it, with the quiet zone of four modules the standard asks.
 */
public final class QrCodes {

  /** Modules of light margin on each side (ISO/IEC 18004: at least 4). */
  public static final int QUIET_ZONE = 4;

  private QrCodes() {}

  /**
   * The modules of the code of {@code text}, quiet zone included: {@code [y][x]}, true for dark.
   *
   * @throws IllegalArgumentException when {@code text} is too long for any QR code
   */
  public static boolean[][] modules(String text) {
    QrCode qr;
    try {
      qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    } catch (io.nayuki.qrcodegen.DataTooLongException e) {
      throw new IllegalArgumentException(
          "too long for a QR code: " + text.length() + " characters", e);
    }
    int n = qr.size + 2 * QUIET_ZONE;
    boolean[][] out = new boolean[n][n];
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        out[y + QUIET_ZONE][x + QUIET_ZONE] = qr.getModule(x, y);
      }
    }
    return out;
  }
}
