package org.massbalance.engine.stores;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A movement in the ledger's history store, the one append per movement: a COUNT with its counted
 * kg, or another movement with its signed effect on the book in kg, and what it drew from the lots
 * (its back trace, encoded by the lots processor; null when it drew nothing and had nothing to
 * trace). Encoded as one marker byte, the length of the plain decimal (4 bytes), the decimal, then
 * the trace's bytes (ADR 16).
 */
public record HistoryEntry(boolean count, BigDecimal kg, byte[] trace) {

  private static final byte COUNT = 'C';
  private static final byte MOVEMENT = 'M';

  /** An entry without a trace. */
  public HistoryEntry(boolean count, BigDecimal kg) {
    this(count, kg, null);
  }

  /** This entry with {@code trace}. */
  public HistoryEntry withTrace(byte[] trace) {
    return new HistoryEntry(count, kg, trace);
  }

  /** The stored form. */
  public byte[] encode() {
    byte[] d = kg.toPlainString().getBytes(StandardCharsets.US_ASCII);
    int t = trace == null ? 0 : trace.length;
    return ByteBuffer.allocate(5 + d.length + t)
        .put(count ? COUNT : MOVEMENT)
        .putInt(d.length)
        .put(d)
        .put(trace == null ? new byte[0] : trace)
        .array();
  }

  /** Reads the stored form, without the trace (the book's scans need only the quantity). */
  public static HistoryEntry decode(byte[] b) {
    int n = ByteBuffer.wrap(b, 1, 4).getInt();
    return new HistoryEntry(
        b[0] == COUNT, new BigDecimal(new String(b, 5, n, StandardCharsets.US_ASCII)), null);
  }

  /** The trace's bytes of a stored entry, or null when it has none. */
  public static byte[] traceOf(byte[] b) {
    int start = 5 + ByteBuffer.wrap(b, 1, 4).getInt();
    return start >= b.length ? null : Arrays.copyOfRange(b, start, b.length);
  }
}
