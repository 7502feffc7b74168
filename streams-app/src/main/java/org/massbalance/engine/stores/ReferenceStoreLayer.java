package org.massbalance.engine.stores;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A global reference store (sites, products, certificates) that counts its changes: every write,
 * delete and restored batch adds one to {@link #changes()} once it is in the store. A reader that
 * took the count before reading a value knows the value is still the store's while the count has
 * not moved, so the look-ups keep what they decoded without reading the store again for each
 * movement (ADR 24). Stores of reference data change rarely; a change makes every reader read the
 * store once more and compare bytes, as it did before each look-up.
 */
public final class ReferenceStoreLayer extends BytesStoreLayer {

  private final AtomicLong changes = new AtomicLong();

  private ReferenceStoreLayer(KeyValueStore<Bytes, byte[]> inner) {
    super(inner);
  }

  /** A supplier of the persistent (RocksDB) global store {@code name} under this layer. */
  public static KeyValueBytesStoreSupplier persistent(String name) {
    return supplier(name, ReferenceStoreLayer::new);
  }

  /**
   * The layer under {@code store} as a processor gets it from its context (Kafka Streams' read-only
   * and metering wrappers around it), or null when there is none: then a reader cannot know when
   * the store changes and must read it on every look-up.
   */
  public static ReferenceStoreLayer under(StateStore store) {
    StateStore s = store;
    for (int depth = 0; depth < 8 && s != null; depth++) {
      if (s instanceof ReferenceStoreLayer layer) {
        return layer;
      }
      s = s instanceof WrappedStateStore<?, ?, ?> w ? w.wrapped() : null;
    }
    return null;
  }

  /** Changes made so far: read it before reading a value, compare it before trusting one kept. */
  public long changes() {
    return changes.get();
  }

  @Override
  public void put(Bytes key, byte[] value) {
    super.put(key, value);
    changes.incrementAndGet();
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    byte[] old = super.putIfAbsent(key, value);
    changes.incrementAndGet();
    return old;
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    super.putAll(entries);
    changes.incrementAndGet();
  }

  @Override
  public byte[] delete(Bytes key) {
    byte[] old = super.delete(key);
    changes.incrementAndGet();
    return old;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    changes.incrementAndGet();
    super.init(new CountingContext(context), root);
  }

  /** The store's context, except that what restores the store also counts its batches. */
  private final class CountingContext extends DelegatingStateStoreContext {

    CountingContext(StateStoreContext context) {
      super(context);
    }

    private StateRestoreCallback counting(StateRestoreCallback callback) {
      if (callback instanceof RecordBatchingStateRestoreCallback batching) {
        return (RecordBatchingStateRestoreCallback)
            records -> {
              batching.restoreBatch(records);
              changes.incrementAndGet();
            };
      }
      return (key, value) -> {
        callback.restore(key, value);
        changes.incrementAndGet();
      };
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback) {
      super.register(store, counting(callback));
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback, CommitCallback commit) {
      super.register(store, counting(callback), commit);
    }
  }
}
