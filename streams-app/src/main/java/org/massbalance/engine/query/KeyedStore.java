package org.massbalance.engine.query;

import org.massbalance.engine.stores.StoreNames;

/**
 * The stores that keyed queries are routed by: one instance owns each key's partition of the store
 * (standbys keep copies of it) and answers for that key.
 */
public enum KeyedStore {

  /**
   * The books, keyed site|product: a key's balance, lots, traces and snapshots live in its task.
   */
  BOOK(StoreNames.BOOK),

  /** The consolidated snapshots, keyed product|period. */
  CONSOLIDATION(StoreNames.CONSOLIDATION),

  /** The transformations, keyed site|transformation_id. */
  TRANSFORMATIONS(StoreNames.TRANSFORMATIONS),

  /** The import certificates, keyed by certificate number (their draws live in the same task). */
  IMPORT_CERTIFICATES(StoreNames.IMPORT_CERTIFICATES);

  private final String storeName;

  KeyedStore(String storeName) {
    this.storeName = storeName;
  }

  /** The store's name, as Kafka Streams knows it. */
  public String storeName() {
    return storeName;
  }
}
