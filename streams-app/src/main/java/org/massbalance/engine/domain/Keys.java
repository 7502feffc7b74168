package org.massbalance.engine.domain;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Comparator;
import org.massbalance.topics.TopicDefaults;

/**
 * Every composite key of the engine's topics and stores, built and parsed here only. Parts are
 * joined by {@code |} ({@link TopicDefaults#KEY_SEPARATOR}); ids never contain it (the validator
 * refuses them), so a key parses back into its parts and the keys of one {@code site|product} form
 * one range of a store ordered by key.
 *
 * <ul>
 *   <li>{@code site|product}: the ledger key (movements, transfers, alerts, the book store);
 *   <li>{@code site|product|yyyy-MM}: a period (snapshots topic, period states, investigations);
 *   <li>{@code product|yyyy-MM}: a product's period across sites (consolidation);
 *   <li>{@code product|yyyy-MM|site}: one site's figures within it;
 *   <li>{@code site|product|lot_id}: a lot (lots store);
 *   <li>{@code site|product|yyyyMMdd}: a day, for engine-assigned lot numbers;
 *   <li>{@code site|product|movement_id}: a movement id (de-duplication);
 *   <li>{@code site|transformation_id}: a transformation (transformations topic and store);
 *   <li>{@code input_product|output_product}: a yield band (yields topic);
 *   <li>{@code nop_id|yyyy-MM-dd|days}: a certificate expiry warning given;
 *   <li>{@code certificate_number|sequence}: a draw from an import certificate (the sequence in
 *       {@value #DRAW_SEQUENCE_DIGITS} digits, so that a certificate's draws sort in processing
 *       order).
 * </ul>
 */
public final class Keys {

  /** The separator of a key's parts. */
  public static final String SEPARATOR = TopicDefaults.KEY_SEPARATOR;

  private Keys() {}

  /** The ledger key {@code site|product}. */
  public static String ledger(String siteId, String productId) {
    return TopicDefaults.movementKey(siteId, productId);
  }

  /** The period key {@code site|product|yyyy-MM} (also the snapshot topic's key). */
  public static String period(String siteId, String productId, YearMonth period) {
    return period(siteId, productId, period.toString());
  }

  /** The period key {@code site|product|yyyy-MM}, the period given as {@code yyyy-MM}. */
  public static String period(String siteId, String productId, String period) {
    return TopicDefaults.periodKey(siteId, productId, period);
  }

  /** The key {@code product|yyyy-MM} of a product's period across sites. */
  public static String productPeriod(String productId, YearMonth period) {
    return productPeriod(productId, period.toString());
  }

  /** The key {@code product|yyyy-MM}, the period given as {@code yyyy-MM}. */
  public static String productPeriod(String productId, String period) {
    return productId + SEPARATOR + period;
  }

  /** The key {@code product|yyyy-MM|site} of one site's figures within a product's period. */
  public static String productPeriodSite(String productPeriodKey, String siteId) {
    return productPeriodKey + SEPARATOR + siteId;
  }

  /** The key {@code site|product|lot_id} of a lot. */
  public static String lot(String ledgerKey, String lotId) {
    return ledgerKey + SEPARATOR + lotId;
  }

  /** The key {@code site|product|yyyyMMdd} of a day, for engine-assigned lot numbers. */
  public static String day(String ledgerKey, String yyyyMMdd) {
    return ledgerKey + SEPARATOR + yyyyMMdd;
  }

  /** The key {@code site|product|movement_id} of a movement of a site|product. */
  public static String movement(String ledgerKey, String movementId) {
    return ledgerKey + SEPARATOR + movementId;
  }

  /** The key {@code site|transformation_id} of a transformation. */
  public static String transformation(String siteId, String transformationId) {
    return siteId + SEPARATOR + transformationId;
  }

  /** The key {@code input_product|output_product} of a yield band. */
  public static String yield(String inputProductId, String outputProductId) {
    return inputProductId + SEPARATOR + outputProductId;
  }

  /** The key {@code nop_id|yyyy-MM-dd|days} of an expiry warning given for a certificate. */
  public static String expiryWarning(String nopId, java.time.LocalDate expiresOn, int days) {
    return nopId + SEPARATOR + expiresOn + SEPARATOR + days;
  }

  /** Digits of the sequence in a draw's key. */
  public static final int DRAW_SEQUENCE_DIGITS = 12;

  /**
   * The key {@code certificate_number|sequence} of the {@code sequence}th draw (from 1) from an
   * import certificate: zero-padded, so that the keys of a certificate sort in processing order.
   */
  public static String importCertificateDraw(String certificateNumber, long sequence) {
    String digits = Long.toString(sequence);
    return importCertificateDraws(certificateNumber)
        + "0".repeat(Math.max(0, DRAW_SEQUENCE_DIGITS - digits.length()))
        + digits;
  }

  /** The prefix {@code certificate_number|} of every draw from an import certificate. */
  public static String importCertificateDraws(String certificateNumber) {
    return certificateNumber + SEPARATOR;
  }

  /**
   * The prefix {@code site|product|} of every key under a ledger key (lots, days, movement ids): a
   * lot key starts with it, and it sorts before each of them.
   */
  public static String under(String ledgerKey) {
    return ledgerKey + SEPARATOR;
  }

  /** The prefix {@code site|} of a site's ledger keys. */
  public static String ofSite(String siteId) {
    return siteId + SEPARATOR;
  }

  /**
   * Ledger keys in the order of their keys' ranges in a store ordered by UTF-8 bytes: by {@link
   * #under} as unsigned bytes (the order in which the keys of each {@code site|product} follow one
   * another in the lots store).
   */
  public static final Comparator<String> LEDGER_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              under(a).getBytes(StandardCharsets.UTF_8), under(b).getBytes(StandardCharsets.UTF_8));

  /** The parts of a ledger key {@code site|product}. */
  public static SiteProduct parseLedger(String ledgerKey) {
    int bar = ledgerKey.indexOf(SEPARATOR);
    if (bar < 0) {
      throw new IllegalArgumentException("not a site|product key: " + ledgerKey);
    }
    return new SiteProduct(ledgerKey.substring(0, bar), ledgerKey.substring(bar + 1));
  }

  /** The parts of a period key {@code site|product|yyyy-MM}. */
  public static SitePeriod parsePeriod(String periodKey) {
    int last = periodKey.lastIndexOf(SEPARATOR);
    if (last < 0) {
      throw new IllegalArgumentException("not a site|product|yyyy-MM key: " + periodKey);
    }
    SiteProduct sp = parseLedger(periodKey.substring(0, last));
    return new SitePeriod(
        sp.siteId(), sp.productId(), YearMonth.parse(periodKey.substring(last + 1)));
  }

  /**
   * A site and a product, the parts of a ledger key.
   *
   * @param siteId the site
   * @param productId the product
   */
  public record SiteProduct(String siteId, String productId) {

    /** The ledger key {@code site|product}. */
    public String key() {
      return ledger(siteId, productId);
    }
  }

  /**
   * A site, a product and a month, the parts of a period key.
   *
   * @param siteId the site
   * @param productId the product
   * @param period the month
   */
  public record SitePeriod(String siteId, String productId, YearMonth period) {

    /** The period key {@code site|product|yyyy-MM}. */
    public String key() {
      return Keys.period(siteId, productId, period);
    }

    /** The ledger key {@code site|product} of the period. */
    public String ledgerKey() {
      return ledger(siteId, productId);
    }

    /** The month as {@code yyyy-MM}. */
    public String month() {
      return period.toString();
    }
  }
}
