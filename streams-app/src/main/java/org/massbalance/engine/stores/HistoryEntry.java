package org.massbalance.engine.stores;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A movement in the ledger's history store: a COUNT with its counted kg, or another movement with
 * its signed effect on the book in kg. Encoded as one marker byte and the plain decimal.
 */
public record HistoryEntry(boolean count, BigDecimal kg) {

  private static final byte COUNT = 'C';
  private static final byte MOVEMENT = 'M';

  /** The stored form. */
  public byte[] encode() {
    byte[] d = kg.toPlainString().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[d.length + 1];
    out[0] = count ? COUNT : MOVEMENT;
    System.arraycopy(d, 0, out, 1, d.length);
    return out;
  }

  /** Reads the stored form. */
  public static HistoryEntry decode(byte[] b) {
    return new HistoryEntry(
        b[0] == COUNT, new BigDecimal(new String(b, 1, b.length - 1, StandardCharsets.US_ASCII)));
  }
}
