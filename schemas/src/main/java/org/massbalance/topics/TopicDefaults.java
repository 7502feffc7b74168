package org.massbalance.topics;

import java.time.Duration;

/**
 * Default names of the contract's topics and their retention. Every program takes the actual names
 * from its configuration; these are only the defaults the contract names.
 */
public final class TopicDefaults {

  /** Inventory movements, keyed {@code site|product}. */
  public static final String MOVEMENTS = "inventory-movements";

  /** Supplier certificate records, compacted, keyed by NOP ID. */
  public static final String CERTIFICATES = "supplier-certificates";

  /** Sites, compacted, keyed by site id. */
  public static final String SITES = "sites";

  /** Products, compacted, keyed by product id. */
  public static final String PRODUCTS = "products";

  /** Variance investigations, compacted, keyed {@code site|product|yyyy-MM}. */
  public static final String INVESTIGATIONS = "variance-investigations";

  /** Input topic of transformations (processing steps), key {@code site|transformation_id}. */
  public static final String TRANSFORMATIONS = "transformations";

  /** Input topic of period sign-offs, key {@code site|product}. */
  public static final String SIGNOFFS = "period-signoffs";

  /** Output topic of signed months (compacted), key {@code site|product|yyyy-MM}. */
  public static final String SIGNED = "mass-balance-signoffs";

  /** Compacted reference topic of yield bands, key {@code input_product|output_product}. */
  public static final String YIELDS = "yields";

  /** Compacted input topic of NOP Import Certificates, key the certificate number. */
  public static final String IMPORT_CERTIFICATES = "import-certificates";

  /** Alerts raised by the engine. */
  public static final String ALERTS = "mass-balance-alerts";

  /** Monthly snapshots, compacted, keyed {@code site|product|yyyy-MM}. */
  public static final String SNAPSHOTS = "mass-balance-snapshots";

  /** Consolidated snapshots, compacted, keyed {@code product|yyyy-MM}. */
  public static final String SNAPSHOTS_CONSOLIDATED = "mass-balance-snapshots-consolidated";

  /** Records the engine could not accept, with their reason and original bytes. */
  public static final String REJECTED = "inventory-movements-rejected";

  /** Records are kept at least 5 years beyond creation (7 CFR 205.103). */
  public static final Duration RETENTION = Duration.ofDays(5 * 365 + 2);

  /** Separator of the parts of a composite key, as in {@code site|product}. */
  public static final String KEY_SEPARATOR = "|";

  private TopicDefaults() {}

  /** The key of an investigation (and of a snapshot): {@code site|product|yyyy-MM}. */
  public static String periodKey(String siteId, String productId, String period) {
    return siteId + KEY_SEPARATOR + productId + KEY_SEPARATOR + period;
  }

  /** The key producers use for a movement: {@code site|product}. */
  public static String movementKey(String siteId, String productId) {
    return siteId + KEY_SEPARATOR + productId;
  }

  /** The key producers use for a transformation: {@code site|transformation_id}. */
  public static String transformationKey(String siteId, String transformationId) {
    return siteId + KEY_SEPARATOR + transformationId;
  }

  /** The key of a yield band: {@code input_product|output_product}. */
  public static String yieldKey(String inputProductId, String outputProductId) {
    return inputProductId + KEY_SEPARATOR + outputProductId;
  }
}
