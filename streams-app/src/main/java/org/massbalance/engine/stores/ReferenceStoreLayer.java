package org.massbalance.engine.stores;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A global reference store (sites, products, certificates) that counts its changes, as a sequence
 * lock does: the count is made odd before every write, delete or restored batch and even again once
 * it is in the store (and made odd for good when the store closes). A reader that finds the same
 * even count before and after reading a value knows the value was the store's at that count; while
 * the count stays there, the look-ups answer from what they decoded without reading the store again
 * for each movement (ADR 24). Stores of reference data change rarely; a change makes every reader
 * read the store once more and compare bytes, as it did before each look-up.
 */
public final class ReferenceStoreLayer extends BytesStoreLayer {

  private final AtomicLong changes = new AtomicLong();

  ReferenceStoreLayer(KeyValueStore<Bytes, byte[]> inner) {
    super(inner);
  }

  /** A supplier of the persistent (RocksDB) global store {@code name} under this layer. */
  public static KeyValueBytesStoreSupplier persistent(String name) {
    return supplier(name, ReferenceStoreLayer::new);
  }

  /**
   * The layer under {@code store} as a processor gets it from its context (Kafka Streams' read-only
   * and metering wrappers around it), or null when there is none or a record cache sits above it
   * (writes would be seen before they reach the layer): then a reader cannot know when the store
   * changes and must read it on every look-up.
   */
  public static ReferenceStoreLayer under(StateStore store) {
    StateStore s = store;
    for (int depth = 0; depth < 8 && s != null; depth++) {
      if (s instanceof ReferenceStoreLayer layer) {
        return layer;
      }
      if (s.getClass().getSimpleName().startsWith("Caching")) {
        return null;
      }
      s = s instanceof WrappedStateStore<?, ?, ?> w ? w.wrapped() : null;
    }
    return null;
  }

  /** The layer under a store a processor reads, or null (see {@link #under(StateStore)}). */
  public static ReferenceStoreLayer of(ReadOnlyKeyValueStore<?, ?> store) {
    return store instanceof StateStore s ? under(s) : null;
  }

  /**
   * The change count: odd while a change is being made (or once the store is closed), even
   * otherwise. Read it before and after reading a value: the value is the store's at that count
   * only when both reads give the same even count ({@link #steady(long)}).
   */
  public long changes() {
    return changes.get();
  }

  /**
   * True when {@code before}, read before a read of the store, is even and still the count: what
   * was read is the store's at that count, and may be kept stamped with it.
   */
  public boolean unchangedSince(long before) {
    return steady(before) && changes.get() == before;
  }

  /** True when {@code count} is even: no change was being made when it was read. */
  public static boolean steady(long count) {
    return (count & 1L) == 0L;
  }

  /** Makes {@code change} with the count odd, and even again after it, even if it fails. */
  private void changing(Runnable change) {
    changing(
        () -> {
          change.run();
          return null;
        });
  }

  /** As {@link #changing(Runnable)}, giving what {@code change} gives. */
  private <R> R changing(Supplier<R> change) {
    changes.incrementAndGet();
    try {
      return change.get();
    } finally {
      changes.incrementAndGet();
    }
  }

  @Override
  public void put(Bytes key, byte[] value) {
    changing(() -> super.put(key, value));
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    return changing(() -> super.putIfAbsent(key, value));
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    changing(() -> super.putAll(entries));
  }

  @Override
  public byte[] delete(Bytes key) {
    return changing(() -> super.delete(key));
  }

  @Override
  public void close() {
    // odd for good: no value is trusted without reading the (closed) store, which then fails
    changes.set(changes.get() | 1L);
    super.close();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // even from here on (a store opened again after a close starts a new count)
    changes.set((changes.get() | 1L) + 1L);
    super.init(new CountingContext(context), root);
  }

  /**
   * The store's context, except that what restores the store also counts its batches. (Kafka
   * Streams 4.4 restores a global store added with {@code addGlobalStore} through its processor,
   * whose writes are counted anyway; this covers a restore through the store's own callback.)
   */
  private final class CountingContext extends DelegatingStateStoreContext {

    CountingContext(StateStoreContext context) {
      super(context);
    }

    @Override
    protected StateRestoreCallback restoring(StateRestoreCallback callback) {
      if (callback instanceof RecordBatchingStateRestoreCallback batching) {
        return (RecordBatchingStateRestoreCallback)
            records -> changing(() -> batching.restoreBatch(records));
      }
      return (key, value) -> changing(() -> callback.restore(key, value));
    }
  }
}
