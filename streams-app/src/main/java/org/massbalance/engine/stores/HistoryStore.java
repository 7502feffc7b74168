package org.massbalance.engine.stores;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The ledger's history store (one RocksDB store, one changelog) that also keeps, in the same
 * RocksDB and without a changelog record of its own, the de-duplication index derived from each
 * history entry: {@code site|product 0x02 movement_id} to the movement's first-seen wall-clock time
 * and content digest ({@link HistoryEntry#dedupIndexValue}). One changelog record per movement
 * serves both the book's history and de-duplication (ADR 19).
 *
 * <p>The index is derived from the history key (ledger key and movement id) and value alone, so it
 * is rebuilt exactly by the restore: every batch of changelog records handed to RocksDB carries the
 * index entries derived from it, in the same write batch. Keys of the index sort after every
 * history key of their {@code site|product} ({@link LedgerKeys#historyEnd} is {@code site|product
 * 0x01}), so the history's ranges never see them. This layer sits below the change-logging layer,
 * so nothing it writes is logged; the history store has no record cache, so the index is written by
 * the same put that logs the history entry and a repeat in the same commit interval finds it.
 */
public final class HistoryStore extends BytesStoreLayer {

  private HistoryStore(KeyValueStore<Bytes, byte[]> inner) {
    super(inner);
  }

  /** A supplier of the store {@code name}: a persistent (RocksDB) store with the index layer. */
  public static KeyValueBytesStoreSupplier supplier(String name) {
    return BytesStoreLayer.supplier(name, HistoryStore::new);
  }

  /**
   * The history entry and, for a de-duplicated movement, its index entry. History entries are never
   * deleted: a tombstone would leave the index entry behind here but not after a restore (which
   * derives index entries from the records compaction keeps), so it is refused.
   */
  static List<KeyValue<Bytes, byte[]>> withIndex(Bytes key, byte[] value) {
    if (value == null) {
      throw new UnsupportedOperationException("history entries are never deleted");
    }
    List<KeyValue<Bytes, byte[]>> out = new ArrayList<>(2);
    out.add(KeyValue.pair(key, value));
    Bytes index = LedgerKeys.dedupOfHistory(key);
    byte[] indexValue = index == null ? null : HistoryEntry.dedupIndexValue(value);
    if (indexValue != null) {
      out.add(KeyValue.pair(index, indexValue));
    }
    return out;
  }

  @Override
  public void put(Bytes key, byte[] value) {
    List<KeyValue<Bytes, byte[]>> entries = withIndex(key, value);
    if (entries.size() == 1) {
      inner.put(key, value);
    } else {
      inner.putAll(entries);
    }
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    byte[] old = inner.get(key);
    if (old == null) {
      put(key, value);
    }
    return old;
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    List<KeyValue<Bytes, byte[]>> all = new ArrayList<>(entries.size() * 2);
    for (KeyValue<Bytes, byte[]> e : entries) {
      all.addAll(withIndex(e.key, e.value));
    }
    inner.putAll(all);
  }

  /** Refused: history entries are never deleted (see {@link #withIndex(Bytes, byte[])}). */
  @Override
  public byte[] delete(Bytes key) {
    throw new UnsupportedOperationException("history entries are never deleted");
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    super.init(new IndexingContext(context), root);
  }

  /**
   * Adds to each restored batch the index entries derived from its records, so RocksDB writes both
   * in the restore's one write batch.
   */
  static Collection<ConsumerRecord<byte[], byte[]>> withIndex(
      Collection<ConsumerRecord<byte[], byte[]>> records) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(records.size() * 2);
    for (ConsumerRecord<byte[], byte[]> r : records) {
      out.add(r);
      if (r.key() == null || r.value() == null) {
        continue;
      }
      Bytes index = LedgerKeys.dedupOfHistory(Bytes.wrap(r.key()));
      byte[] indexValue = index == null ? null : HistoryEntry.dedupIndexValue(r.value());
      if (indexValue != null) {
        out.add(
            new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), index.get(), indexValue));
      }
    }
    return out;
  }

  /**
   * The context RocksDB is initialised with: the engine's own, except that the restore callback
   * RocksDB registers gets the index entries too.
   */
  private static final class IndexingContext extends DelegatingStateStoreContext {

    IndexingContext(StateStoreContext context) {
      super(context);
    }

    @Override
    protected StateRestoreCallback restoring(StateRestoreCallback callback) {
      if (callback instanceof RecordBatchingStateRestoreCallback batching) {
        return (RecordBatchingStateRestoreCallback) rs -> batching.restoreBatch(withIndex(rs));
      }
      throw new IllegalStateException(
          "unexpected restore callback of the history store: " + callback.getClass());
    }
  }
}
