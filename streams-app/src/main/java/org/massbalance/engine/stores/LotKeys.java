package org.massbalance.engine.stores;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.massbalance.engine.domain.OrderKey;

/**
 * Keys of the lots stores. Ids never contain {@code |} or 0x00, so one site|product's (or one
 * lot's) range never holds another's.
 *
 * <ul>
 *   <li>lots: {@code site|product|lot_id};
 *   <li>FIFO index: {@code site|product} 0x00, received_at (epoch seconds with the sign bit
 *       flipped, nanoseconds), creation sequence: unsigned byte order is first-in first-out order;
 *   <li>forward trace: {@code site|product|lot_id} 0x00 then the drawing movement's {@link
 *       OrderKey};
 *   <li>back trace: {@code site|product|movement_id};
 *   <li>lots on hand by supplier: NOP ID 0x00 {@code site|product|lot_id}.
 * </ul>
 */
public final class LotKeys {

  private LotKeys() {}

  /** The lots-store key of a lot. */
  public static String lot(String ledgerKey, String lotId) {
    return ledgerKey + "|" + lotId;
  }

  /** The back-trace key of a movement. */
  public static String trace(String ledgerKey, String movementId) {
    return ledgerKey + "|" + movementId;
  }

  /** The key of a day ({@code yyyyMMdd}) of a site|product, for engine-assigned lot numbers. */
  public static String day(String ledgerKey, String yyyyMMdd) {
    return ledgerKey + "|" + yyyyMMdd;
  }

  /** The FIFO-index key of a lot. */
  public static Bytes fifo(String ledgerKey, long epochSecond, int nano, long sequence) {
    byte[] k = ledgerKey.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(k.length + 1 + 8 + 4 + 8)
            .put(k)
            .put((byte) 0)
            .putLong(epochSecond ^ Long.MIN_VALUE)
            .putInt(nano)
            .putLong(sequence ^ Long.MIN_VALUE)
            .array());
  }

  /** The first possible FIFO-index key of a site|product. */
  public static Bytes fifoStart(String ledgerKey) {
    return prefix(ledgerKey, (byte) 0);
  }

  /** A key after every FIFO-index key of a site|product. */
  public static Bytes fifoEnd(String ledgerKey) {
    return prefix(ledgerKey, (byte) 1);
  }

  /** The forward-trace key of a lot's allocation to a movement. */
  public static Bytes allocation(String lotKey, OrderKey order) {
    byte[] k = lotKey.getBytes(StandardCharsets.UTF_8);
    byte[] o = order.bytes();
    return Bytes.wrap(
        ByteBuffer.allocate(k.length + 1 + o.length).put(k).put((byte) 0).put(o).array());
  }

  /** The first possible forward-trace key of a lot. */
  public static Bytes allocationStart(String lotKey) {
    return prefix(lotKey, (byte) 0);
  }

  /** A key after every forward-trace key of a lot. */
  public static Bytes allocationEnd(String lotKey) {
    return prefix(lotKey, (byte) 1);
  }

  /** The supplier-index key of a lot on hand: NOP ID 0x00 {@code site|product|lot_id}. */
  public static Bytes bySupplier(String nopId, String lotKey) {
    byte[] n = nopId.getBytes(StandardCharsets.UTF_8);
    byte[] k = lotKey.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(n.length + 1 + k.length).put(n).put((byte) 0).put(k).array());
  }

  /** The first supplier-index key of a NOP ID. */
  public static Bytes bySupplierStart(String nopId) {
    return prefix(nopId, (byte) 0);
  }

  /** A key after every supplier-index key of a NOP ID. */
  public static Bytes bySupplierEnd(String nopId) {
    return prefix(nopId, (byte) 1);
  }

  /** The {@code site|product|lot_id} of a supplier-index key. */
  public static String lotKeyOfSupplierKey(Bytes key) {
    byte[] b = key.get();
    int i = 0;
    while (b[i] != 0) {
      i++;
    }
    return new String(b, i + 1, b.length - i - 1, StandardCharsets.UTF_8);
  }

  private static Bytes prefix(String key, byte last) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[k.length + 1];
    System.arraycopy(k, 0, out, 0, k.length);
    out[k.length] = last;
    return Bytes.wrap(out);
  }
}
