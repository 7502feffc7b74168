package org.massbalance.engine.query;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.engine.domain.ReferenceData;

/**
 * How the queries read sites and products: from the global stores' records as they were written,
 * decoded as the engine decodes them, with the contract's defaults. Whoever builds the queries (the
 * runtime, a test) hands in the engine's decoding, so the query layer reads the stores and knows
 * the domain's look-ups, not the processors.
 */
@FunctionalInterface
public interface ReferenceReader {

  /** Sites and products from the two global stores (each record's bytes by its id). */
  ReferenceData reference(
      ReadOnlyKeyValueStore<String, byte[]> sites, ReadOnlyKeyValueStore<String, byte[]> products);
}
