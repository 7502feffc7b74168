package org.massbalance.engine.stores;

/**
 * Names of every state store. They name the stores' changelog topics too, so renaming one orphans
 * its state on upgrade: {@code TopologyNamesTest} pins them.
 */
public final class StoreNames {

  /**
   * The compact state per site|product ({@link KeyState}): the book, the next lot sequence and the
   * lots on hand in first-in first-out order.
   */
  public static final String BOOK = "ledger-book-store";

  /**
   * Every applied movement per site|product, in the contract's order, with what it drew from the
   * lots (its back trace) and, for a movement the ledger de-duplicates, when it was first seen and
   * its content digest: one append per movement. The de-duplication index by movement id is derived
   * from it in the same RocksDB, without a changelog of its own ({@link HistoryStore}).
   */
  public static final String HISTORY = "ledger-history-store";

  /** Running figures per site|product|period. */
  public static final String PERIODS = "period-state-store";

  /** Open periods by end instant, so a close touches only what closes. */
  public static final String PERIOD_INDEX = "period-open-index-store";

  /** The partition's stream time (greatest occurred_at processed). */
  public static final String PERIOD_CLOCK = "period-clock-store";

  /** Latest figures of each site snapshot, per product|period|site. */
  public static final String CONSOLIDATION_SITES = "consolidation-sites-store";

  /** Running sums, site count and revision of each consolidated snapshot, per product|period. */
  public static final String CONSOLIDATION = "consolidation-store";

  /**
   * Lots per site|product|lot_id: receipt facts and received quantity, written when a lot is
   * created or received into (read by the ledger to reject a lot id received twice). The remaining
   * quantity of a lot on hand lives in {@link #BOOK}.
   */
  public static final String LOTS = "lots-store";

  /**
   * The lots on hand of a site|product beyond the {@link #BOOK} record's bound, newest ones, per
   * {@code site|product} 0x00 FIFO place (received_at, creation sequence): written only for keys
   * holding more lots than the bound ({@link OpenLots}, ADR 18).
   */
  public static final String LOTS_SPILL = "lots-open-spill-store";

  /** Per NOP ID, the status and status_effective this task last saw (SUPPLIER_STATUS_CHANGED). */
  public static final String CERTIFICATE_STATUS_SEEN = "certificate-status-seen-store";

  /** CERTIFICATE_EXPIRING warnings given, per NOP ID, expires_on and threshold. */
  public static final String CERTIFICATE_EXPIRY = "certificate-expiry-store";

  /**
   * Variance investigation cases per site|product|yyyy-MM: the latest snapshot, the first
   * INVESTIGATE close, the investigation and whether INVESTIGATION_OVERDUE was raised.
   */
  public static final String INVESTIGATIONS = "investigations-store";

  /**
   * Transformations per site|transformation_id: what each says, what its inputs drew, the lots its
   * outputs made (de-duplication of transformation ids, the transformation query).
   */
  public static final String TRANSFORMATIONS = "transformations-store";

  /**
   * Import certificates per certificate number: the latest valid record, the received total and the
   * number of draws ({@code ImportCertificateState}).
   */
  public static final String IMPORT_CERTIFICATES = "import-certificates-store";

  /**
   * The draws from import certificates per {@code certificate_number|sequence} (processing order):
   * the movement, what it drew and what it raised; written once each.
   */
  public static final String IMPORT_CERTIFICATE_DRAWS = "import-certificate-draws-store";

  /** Yield bands per input_product|output_product (global, from the yields topic). */
  public static final String YIELDS = "yields-global-store";

  /** Sites (global, from the sites topic). */
  public static final String SITES = "sites-global-store";

  /** Products (global, from the products topic). */
  public static final String PRODUCTS = "products-global-store";

  /** Supplier certificates (global, from the supplier-certificates topic). */
  public static final String CERTIFICATES = "certificates-global-store";

  private StoreNames() {}
}
