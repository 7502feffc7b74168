package org.massbalance.engine.stores;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.massbalance.engine.domain.MovementDigest;

/**
 * A movement in the ledger's history store, the one append per movement: a COUNT with its counted
 * kg, or another movement with its signed effect on the book in kg; for a movement the ledger
 * de-duplicates, when it was first seen (wall-clock milliseconds) and its content digest ({@link
 * MovementDigest}), from which {@link HistoryStore} derives the de-duplication index; and what it
 * drew from the lots (its back trace, encoded by the lots processor; null when it drew nothing and
 * had nothing to trace). Encoded as one marker byte (upper case without the de-duplication block,
 * lower case with it), the length of the plain decimal (4 bytes), the decimal, the block (8 bytes
 * of first-seen time, 32 of digest), then the trace's bytes (ADR 16, ADR 19).
 *
 * @param count true for a COUNT
 * @param kg the counted kg of a COUNT, or the signed effect on the book of another movement
 * @param seenAtMs when the movement was first seen, or -1 when it is not de-duplicated (an arrival)
 * @param digest the content digest, or null when it is not de-duplicated
 * @param trace the back trace's bytes, or null
 */
public record HistoryEntry(
    boolean count, BigDecimal kg, long seenAtMs, byte[] digest, byte[] trace) {

  private static final byte COUNT = 'C';
  private static final byte MOVEMENT = 'M';
  private static final byte COUNT_SEEN = 'c';
  private static final byte MOVEMENT_SEEN = 'm';
  private static final int SEEN_BYTES = 8 + 32;

  /** An entry without de-duplication block or trace. */
  public HistoryEntry(boolean count, BigDecimal kg) {
    this(count, kg, -1, null, null);
  }

  /** This entry, first seen at {@code seenAtMs} with content {@code digest}. */
  public HistoryEntry seen(long seenAtMs, byte[] digest) {
    return new HistoryEntry(count, kg, seenAtMs, digest, trace);
  }

  /** This entry with {@code trace}. */
  public HistoryEntry withTrace(byte[] trace) {
    return new HistoryEntry(count, kg, seenAtMs, digest, trace);
  }

  /** The stored form. */
  public byte[] encode() {
    byte[] d = kg.toPlainString().getBytes(StandardCharsets.US_ASCII);
    int t = trace == null ? 0 : trace.length;
    boolean seen = digest != null;
    ByteBuffer b = ByteBuffer.allocate(5 + d.length + (seen ? SEEN_BYTES : 0) + t);
    b.put(seen ? (count ? COUNT_SEEN : MOVEMENT_SEEN) : (count ? COUNT : MOVEMENT));
    b.putInt(d.length).put(d);
    if (seen) {
      if (digest.length != 32) {
        throw new IllegalArgumentException("a content digest has 32 bytes");
      }
      b.putLong(seenAtMs).put(digest);
    }
    if (trace != null) {
      b.put(trace);
    }
    return b.array();
  }

  /**
   * Reads the stored form, without the de-duplication block and the trace (the book's scans need
   * only the quantity).
   */
  public static HistoryEntry decode(byte[] b) {
    int n = ByteBuffer.wrap(b, 1, 4).getInt();
    return new HistoryEntry(
        b[0] == COUNT || b[0] == COUNT_SEEN,
        new BigDecimal(new String(b, 5, n, StandardCharsets.US_ASCII)));
  }

  /** The trace's bytes of a stored entry, or null when it has none. */
  public static byte[] traceOf(byte[] b) {
    int start = 5 + ByteBuffer.wrap(b, 1, 4).getInt() + (hasSeen(b) ? SEEN_BYTES : 0);
    return start >= b.length ? null : Arrays.copyOfRange(b, start, b.length);
  }

  /**
   * The de-duplication index value of a stored entry (first-seen time and digest, 40 bytes), or
   * null when the movement is not de-duplicated.
   */
  public static byte[] dedupIndexValue(byte[] b) {
    if (b.length < 5 || !hasSeen(b)) {
      return null;
    }
    int start = 5 + ByteBuffer.wrap(b, 1, 4).getInt();
    return Arrays.copyOfRange(b, start, start + SEEN_BYTES);
  }

  /** The first-seen time of an index value. */
  public static long seenAtOfIndexValue(byte[] indexValue) {
    return ByteBuffer.wrap(indexValue, 0, 8).getLong();
  }

  /** The content digest of an index value. */
  public static byte[] digestOfIndexValue(byte[] indexValue) {
    return Arrays.copyOfRange(indexValue, 8, SEEN_BYTES);
  }

  private static boolean hasSeen(byte[] b) {
    return b[0] == COUNT_SEEN || b[0] == MOVEMENT_SEEN;
  }
}
