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
 *   <li>forward trace: {@code site|product|lot_id} 0x00 then the drawing movement's {@link
 *       OrderKey};
 *   <li>back trace: {@code site|product|movement_id}.
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

  private static Bytes prefix(String key, byte last) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[k.length + 1];
    System.arraycopy(k, 0, out, 0, k.length);
    out[k.length] = last;
    return Bytes.wrap(out);
  }
}
