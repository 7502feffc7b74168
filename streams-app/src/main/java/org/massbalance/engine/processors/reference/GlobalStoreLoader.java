package org.massbalance.engine.processors.reference;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to its compacted topic: each record's bytes as written (a tombstone
 * deletes). Reading happens at look-up, so a bad record never stops the engine.
 */
public final class GlobalStoreLoader implements Processor<String, byte[], Void, Void> {

  private final String storeName;
  private KeyValueStore<String, byte[]> store;

  /** A loader of the global store {@code storeName}. */
  public GlobalStoreLoader(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
