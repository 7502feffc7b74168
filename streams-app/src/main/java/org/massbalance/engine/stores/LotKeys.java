package org.massbalance.engine.stores;

/**
 * Keys of the lots stores. Ids never contain {@code |}, so one site|product's range never holds
 * another's.
 *
 * <ul>
 *   <li>lots: {@code site|product|lot_id};
 *   <li>engine-assigned numbers' hints: {@code site|product|yyyyMMdd}.
 * </ul>
 */
public final class LotKeys {

  private LotKeys() {}

  /** The lots-store key of a lot. */
  public static String lot(String ledgerKey, String lotId) {
    return ledgerKey + "|" + lotId;
  }

  /** The key of a day ({@code yyyyMMdd}) of a site|product, for engine-assigned lot numbers. */
  public static String day(String ledgerKey, String yyyyMMdd) {
    return ledgerKey + "|" + yyyyMMdd;
  }
}
