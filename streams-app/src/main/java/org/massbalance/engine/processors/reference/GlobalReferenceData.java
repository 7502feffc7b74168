package org.massbalance.engine.processors.reference;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.ReferenceData;
import org.massbalance.engine.domain.SiteInfo;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.stores.ReferenceStoreLayer;
import org.massbalance.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sites and products from the global stores, which hold each topic's records as they were written.
 * A value that cannot be read, or a field out of range, falls back to the contract's default and is
 * logged and counted ({@link EngineMetrics#REFERENCE_UNREADABLE}) once per stored value and look-up
 * instance; decoded values are cached until the stored bytes change, in caches that the look-ups
 * opened from one {@link ReferenceDecoders} share. A value that cannot be read because the schema
 * registry is away fails with {@link RegistryUnavailableException} instead.
 */
public final class GlobalReferenceData implements ReferenceData {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalReferenceData.class);

  private final ReadOnlyKeyValueStore<String, byte[]> sites;
  private final ReadOnlyKeyValueStore<String, byte[]> products;
  private final Deserializer<Site> siteDeserializer;
  private final Deserializer<Product> productDeserializer;
  private final String sitesTopic;
  private final String productsTopic;
  private final EngineMetrics metrics;
  private java.util.function.Consumer<UnreadableReference> onUnreadable;
  private final DecodedCache<SiteInfo> siteCache;
  private final DecodedCache<ProductInfo> productCache;

  /** The layers that count the stores' changes, when the stores have them (else null). */
  private final ReferenceStoreLayer siteChanges;

  private final ReferenceStoreLayer productChanges;

  /** The defaults this instance gave to records it could not read (its own verdicts). */
  private final DecodedCache<SiteInfo> unreadableSites =
      new DecodedCache<>(ReferenceDecoders.REFERENCE_LIMIT);

  private final DecodedCache<ProductInfo> unreadableProducts =
      new DecodedCache<>(ReferenceDecoders.REFERENCE_LIMIT);

  /** Look-ups over the two global stores, decoding with the topics' deserializers. */
  public GlobalReferenceData(
      ReadOnlyKeyValueStore<String, byte[]> sites,
      ReadOnlyKeyValueStore<String, byte[]> products,
      Deserializer<Site> siteDeserializer,
      Deserializer<Product> productDeserializer,
      String sitesTopic,
      String productsTopic) {
    this(sites, products, siteDeserializer, productDeserializer, sitesTopic, productsTopic, null);
  }

  /** As above, counting unreadable records in {@code metrics} (may be null). */
  public GlobalReferenceData(
      ReadOnlyKeyValueStore<String, byte[]> sites,
      ReadOnlyKeyValueStore<String, byte[]> products,
      Deserializer<Site> siteDeserializer,
      Deserializer<Product> productDeserializer,
      String sitesTopic,
      String productsTopic,
      EngineMetrics metrics) {
    this(
        sites,
        products,
        siteDeserializer,
        productDeserializer,
        sitesTopic,
        productsTopic,
        metrics,
        new DecodedCache<>(ReferenceDecoders.REFERENCE_LIMIT),
        new DecodedCache<>(ReferenceDecoders.REFERENCE_LIMIT));
  }

  /** As above, keeping what it decodes in the given (shared) caches. */
  GlobalReferenceData(
      ReadOnlyKeyValueStore<String, byte[]> sites,
      ReadOnlyKeyValueStore<String, byte[]> products,
      Deserializer<Site> siteDeserializer,
      Deserializer<Product> productDeserializer,
      String sitesTopic,
      String productsTopic,
      EngineMetrics metrics,
      DecodedCache<SiteInfo> siteCache,
      DecodedCache<ProductInfo> productCache) {
    this.siteCache = siteCache;
    this.productCache = productCache;
    this.metrics = metrics;
    this.sites = sites;
    this.products = products;
    this.siteChanges = ReferenceStoreLayer.of(sites);
    this.productChanges = ReferenceStoreLayer.of(products);
    this.siteDeserializer = siteDeserializer;
    this.productDeserializer = productDeserializer;
    this.sitesTopic = sitesTopic;
    this.productsTopic = productsTopic;
  }

  /** Reports each newly met unreadable record to {@code listener} (once per stored value). */
  public void onUnreadable(java.util.function.Consumer<UnreadableReference> listener) {
    this.onUnreadable = listener;
  }

  @Override
  public SiteInfo site(String siteId) {
    return lookup(
        siteId,
        sites,
        sitesTopic,
        siteCache,
        siteChanges,
        unreadableSites,
        SiteInfo.defaults(siteId),
        this::readSite);
  }

  @Override
  public ProductInfo product(String productId) {
    return lookup(
        productId,
        products,
        productsTopic,
        productCache,
        productChanges,
        unreadableProducts,
        ProductInfo.defaults(productId),
        this::readProduct);
  }

  private <T> T lookup(
      String id,
      ReadOnlyKeyValueStore<String, byte[]> store,
      String topic,
      DecodedCache<T> cache,
      ReferenceStoreLayer changes,
      DecodedCache<T> unreadable,
      T defaults,
      Function<byte[], T> read) {
    if (id == null) {
      return defaults;
    }
    // the change count first: a value kept at this count is the store's (ADR 24)
    long count = changes == null ? 1L : changes.changes();
    T unchanged = cache.unchanged(id, changes, count);
    if (unchanged != null) {
      return unchanged;
    }
    byte[] raw = store.get(id);
    if (raw == null) {
      return defaults;
    }
    ReferenceStoreLayer stamp = changes != null && changes.unchangedSince(count) ? changes : null;
    T cached = cache.get(id, raw, stamp, count);
    if (cached != null) {
      return cached;
    }
    T judged = unreadable.get(id, raw);
    if (judged != null) {
      return judged;
    }
    try {
      T value = read.apply(raw);
      cache.put(id, raw, value, stamp, count);
      return value;
    } catch (RuntimeException e) {
      if (e instanceof SchemaRegistryException r && r.isRetriable()) {
        // The registry is away, the record may be good: retry from the last commit rather than
        // judge movements by the defaults (and keep them cached).
        throw new RegistryUnavailableException(r);
      }
      // Bad input (undecodable bytes, a schema that is not Avro): counted once per stored value
      // and processor instance (this instance keeps the verdict), logged, and the contract's
      // defaults apply.
      LOG.warn(
          "Reference record '{}' of {} cannot be read, using defaults: {}",
          id,
          topic,
          e.getMessage());
      if (metrics != null) {
        metrics.referenceUnreadable(topic);
      }
      if (onUnreadable != null) {
        onUnreadable.accept(new UnreadableReference(topic, id, raw, e.getMessage()));
      }
      unreadable.put(id, raw, defaults);
      return defaults;
    }
  }

  private SiteInfo readSite(byte[] raw) {
    Site s = siteDeserializer.deserialize(sitesTopic, raw);
    ZoneId zone = SiteInfo.DEFAULT_ZONE;
    if (s.getTimeZone() != null && !s.getTimeZone().isBlank()) {
      try {
        zone = ZoneId.of(s.getTimeZone().trim());
      } catch (DateTimeException e) {
        LOG.warn("Site {} has unknown time zone '{}', using UTC", s.getSiteId(), s.getTimeZone());
      }
    }
    String country =
        s.getCountry() == null || s.getCountry().isBlank()
            ? SiteInfo.DEFAULT_COUNTRY
            : s.getCountry().trim().toUpperCase(Locale.ROOT);
    return new SiteInfo(s.getSiteId(), zone, country, Boolean.TRUE.equals(s.getOrganicOnly()));
  }

  private ProductInfo readProduct(byte[] raw) {
    Product p = productDeserializer.deserialize(productsTopic, raw);
    String tolerance = p.getTolerancePct();
    if (tolerance != null
        && !tolerance.isBlank()
        && ProductInfo.parseTolerancePct(tolerance).isEmpty()) {
      LOG.warn("Product {} has tolerance '{}', using 5.0", p.getProductId(), tolerance);
    }
    String gtin = p.getGtin();
    if (gtin != null && !gtin.isBlank() && ProductInfo.parseGtin(gtin).isEmpty()) {
      LOG.warn(
          "Product {} has gtin '{}', not a GTIN-8, -12, -13 or -14 with a valid check digit:"
              + " its lots' labels carry no GTIN",
          p.getProductId(),
          gtin);
    }
    return ProductInfo.of(p);
  }
}
