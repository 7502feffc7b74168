package org.massbalance.engine.processors.reference;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.domain.Certification;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.SiteInfo;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.stores.StoreNames;

/**
 * How to read the reference topics' records kept in the global stores: their deserializers and
 * topic names, and what was decoded from them. Every processor that looks up sites, products or
 * certificates opens its look-ups here; the look-ups opened from one instance share what they
 * decoded (a product is decoded once for all the tasks and threads of a processor, not once per
 * task: ADR 22), while each look-up reports the unreadable records it meets on its own.
 */
public final class ReferenceDecoders {

  /** Decoded sites and products kept at most (each cache). */
  static final int REFERENCE_LIMIT = 100_000;

  /** Decoded certificates kept at most. */
  static final int CERTIFICATE_LIMIT = 10_000;

  private final Deserializer<Site> sites;
  private final Deserializer<Product> products;
  private final Deserializer<SupplierCertificate> certificates;
  private final String sitesTopic;
  private final String productsTopic;
  private final String certificatesTopic;
  private final EngineMetrics metrics;
  private final DecodedCache<SiteInfo> siteValues = new DecodedCache<>(REFERENCE_LIMIT);
  private final DecodedCache<ProductInfo> productValues = new DecodedCache<>(REFERENCE_LIMIT);
  private final DecodedCache<Certification> certificateValues =
      new DecodedCache<>(CERTIFICATE_LIMIT);

  /** Decoders of the given topics; unreadable records are counted in {@code metrics} (nullable). */
  public ReferenceDecoders(
      Deserializer<Site> sites,
      Deserializer<Product> products,
      Deserializer<SupplierCertificate> certificates,
      String sitesTopic,
      String productsTopic,
      String certificatesTopic,
      EngineMetrics metrics) {
    this.sites = sites;
    this.products = products;
    this.certificates = certificates;
    this.sitesTopic = sitesTopic;
    this.productsTopic = productsTopic;
    this.certificatesTopic = certificatesTopic;
    this.metrics = metrics;
  }

  /** The decoders of {@code topics}' reference topics (unreadable records are only logged). */
  public static ReferenceDecoders of(Topics topics) {
    return of(topics, null);
  }

  /**
   * The decoders of {@code topics}' reference topics; unreadable records are counted in {@code
   * metrics} ({@link EngineMetrics#REFERENCE_UNREADABLE}) and logged.
   */
  public static ReferenceDecoders of(Topics topics, EngineMetrics metrics) {
    return new ReferenceDecoders(
        topics.sites().valueSerde().deserializer(),
        topics.products().valueSerde().deserializer(),
        topics.certificates().valueSerde().deserializer(),
        topics.sites().name(),
        topics.products().name(),
        topics.certificates().name(),
        metrics);
  }

  /** The certificates topic's deserializer. */
  public Deserializer<SupplierCertificate> certificates() {
    return certificates;
  }

  /** The certificates topic's name. */
  public String certificatesTopic() {
    return certificatesTopic;
  }

  /** Sites and products from a processor's global stores. */
  public GlobalReferenceData reference(ProcessorContext<?, ?> context) {
    return reference(
        context.getStateStore(StoreNames.SITES), context.getStateStore(StoreNames.PRODUCTS));
  }

  /** Sites and products from the given stores. */
  public GlobalReferenceData reference(
      ReadOnlyKeyValueStore<String, byte[]> siteStore,
      ReadOnlyKeyValueStore<String, byte[]> productStore) {
    return new GlobalReferenceData(
        siteStore,
        productStore,
        sites,
        products,
        sitesTopic,
        productsTopic,
        metrics,
        siteValues,
        productValues);
  }

  /** Certificates from a processor's global store. */
  public GlobalCertificates certificates(ProcessorContext<?, ?> context) {
    return new GlobalCertificates(
        context.getStateStore(StoreNames.CERTIFICATES),
        certificates,
        certificatesTopic,
        metrics,
        certificateValues);
  }
}
