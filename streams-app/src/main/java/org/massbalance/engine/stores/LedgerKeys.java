package org.massbalance.engine.stores;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.massbalance.engine.domain.OrderKey;

/**
 * Binary keys of the ledger's ordered stores: the site|product key, a 0x00 separator (ids never
 * contain it, so one key's range never holds another's), then the movement's {@link OrderKey}.
 */
public final class LedgerKeys {

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

  /** A key after every history key of a site|product. */
  public static Bytes historyEnd(String ledgerKey) {
    byte[] k = ledgerKey.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[k.length + 1];
    System.arraycopy(k, 0, out, 0, k.length);
    out[k.length] = 1;
    return Bytes.wrap(out);
  }
}
