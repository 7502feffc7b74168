package org.massbalance.it;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ZXing, an independent decoder, reading the QR codes of a rendered label or sheet. */
final class QrCodes {

  private QrCodes() {}

  /** The texts of every QR code in {@code image}. */
  static List<String> decodeAll(BufferedImage image) throws Exception {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
    BinaryBitmap bitmap =
        new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
    List<String> out = new ArrayList<>();
    try {
      for (Result r :
          new QRCodeMultiReader()
              .decodeMultiple(
                  bitmap,
                  Map.of(
                      DecodeHintType.TRY_HARDER,
                      Boolean.TRUE,
                      DecodeHintType.CHARACTER_SET,
                      "UTF-8"))) {
        out.add(r.getText());
      }
    } catch (NotFoundException e) {
      // none
    }
    return out;
  }
}
