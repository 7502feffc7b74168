package org.massbalance.engine.stores;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.massbalance.engine.domain.OrderKey;

/**
 * Binary keys of the ledger's ordered stores: the site|product key, a 0x00 separator (ids never
 * contain it, so one key's range never holds another's), then the movement's {@link OrderKey}.
 */
public final class LedgerKeys {

  private static final byte DEDUP = 2;

  private LedgerKeys() {}

  /** The history key of a movement. */
  public static Bytes history(String ledgerKey, OrderKey order) {
    byte[] k = ledgerKey.getBytes(StandardCharsets.UTF_8);
    byte[] o = order.bytes();
    byte[] out = new byte[k.length + 1 + o.length];
    System.arraycopy(k, 0, out, 0, k.length);
    System.arraycopy(o, 0, out, k.length + 1, o.length);
    return Bytes.wrap(out);
  }

  /** The first possible history key of a site|product. */
  public static Bytes historyStart(String ledgerKey) {
    return history(ledgerKey, OrderKey.min());
  }

  /**
   * The de-duplication index key of a movement id of a site|product: the ledger key, 0x02, the id.
   * It sorts after every history key of the site|product ({@link #historyEnd}), so their ranges
   * never see it.
   */
  public static Bytes dedup(String ledgerKey, String movementId) {
    byte[] k = ledgerKey.getBytes(StandardCharsets.UTF_8);
    byte[] id = movementId.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[k.length + 1 + id.length];
    System.arraycopy(k, 0, out, 0, k.length);
    out[k.length] = DEDUP;
    System.arraycopy(id, 0, out, k.length + 1, id.length);
    return Bytes.wrap(out);
  }

  /**
   * The de-duplication index key of the movement of a history key, or null when {@code key} is not
   * a history key. A transfer's arrival (an order key ending in 0x00 and the origin site) yields
   * the key of its id too; its history entry carries no digest, so it is never indexed.
   */
  public static Bytes dedupOfHistory(Bytes key) {
    byte[] b = key.get();
    int sep = indexOf(b, (byte) 0, 0);
    if (sep < 0 || b.length < sep + 1 + OrderKey.FIXED_BYTES) {
      return null;
    }
    int idStart = sep + 1 + OrderKey.FIXED_BYTES;
    int idEnd = indexOf(b, (byte) 0, idStart);
    if (idEnd < 0) {
      idEnd = b.length;
    }
    byte[] out = new byte[sep + 1 + idEnd - idStart];
    System.arraycopy(b, 0, out, 0, sep);
    out[sep] = DEDUP;
    System.arraycopy(b, idStart, out, sep + 1, idEnd - idStart);
    return Bytes.wrap(out);
  }

  private static int indexOf(byte[] b, byte x, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  /** A key after every history key of a site|product. */
  public static Bytes historyEnd(String ledgerKey) {
    byte[] k = ledgerKey.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[k.length + 1];
    System.arraycopy(k, 0, out, 0, k.length);
    out[k.length] = 1;
    return Bytes.wrap(out);
  }
}
