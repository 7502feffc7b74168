package org.massbalance.engine.processors.reference;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.stores.StoreNames;

/**
 * How to read the reference topics' records kept in the global stores: their deserializers and
 * topic names. Every processor that looks up sites, products or certificates opens its look-ups
 * here.
 */
public record ReferenceDecoders(
    Deserializer<Site> sites,
    Deserializer<Product> products,
    Deserializer<SupplierCertificate> certificates,
    String sitesTopic,
    String productsTopic,
    String certificatesTopic,
    EngineMetrics metrics) {

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
        siteStore, productStore, sites, products, sitesTopic, productsTopic, metrics);
  }

  /** Certificates from a processor's global store. */
  public GlobalCertificates certificates(ProcessorContext<?, ?> context) {
    return new GlobalCertificates(
        context.getStateStore(StoreNames.CERTIFICATES), certificates, certificatesTopic, metrics);
  }
}
