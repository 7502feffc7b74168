package org.massbalance.engine.stores;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A layer over a persistent (RocksDB) bytes store, just under Kafka Streams' change logging, that
 * passes everything through but the store's position: the input offsets its writes came from.
 *
 * <p>That position serves IQ consistency vectors (an internal setting, off by default and never set
 * by the engine) and queries bounded by a position, which the engine does not make. It costs on
 * every write: RocksDB's store records the record's topic, partition and offset in its position map
 * on each put, and Kafka's change-logging layer then asks for a deep copy of the map, taken under a
 * lock, to add a vector to the changelog record's headers only when the vectors are on. With the
 * vectors off (and no transactional stores, whose buffers carry positions of their own), this layer
 * opens the store with a context that tells it no record metadata, so the store keeps no position,
 * and answers the change logger with one empty position (ADR 21, ADR 22: together about 7 % of the
 * stream thread on the bench, three puts per movement). Otherwise the store's own position is kept
 * and given.
 */
public class BytesStoreLayer implements KeyValueStore<Bytes, byte[]> {

  private static final Position UNTRACKED = Position.emptyPosition();

  /** The store below. */
  protected final KeyValueStore<Bytes, byte[]> inner;

  private boolean tracked = true;

  /** A layer over {@code inner}. */
  protected BytesStoreLayer(KeyValueStore<Bytes, byte[]> inner) {
    this.inner = inner;
  }

  /** A supplier of the persistent (RocksDB) store {@code name} under this layer. */
  public static KeyValueBytesStoreSupplier persistent(String name) {
    return supplier(name, BytesStoreLayer::new);
  }

  /** A supplier of the persistent (RocksDB) store {@code name} under the layer {@code layer}. */
  static KeyValueBytesStoreSupplier supplier(
      String name, UnaryOperator<KeyValueStore<Bytes, byte[]>> layer) {
    KeyValueBytesStoreSupplier rocks = Stores.persistentKeyValueStore(name);
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return rocks.name();
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return layer.apply(rocks.get());
      }

      @Override
      public String metricsScope() {
        return rocks.metricsScope();
      }
    };
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    Map<String, Object> configs = context.appConfigs();
    tracked =
        StreamsConfig.InternalConfig.getBoolean(
                configs, StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, false)
            || transactionalStores(configs);
    inner.init(tracked ? context : new UntrackedContext(context), root);
  }

  /**
   * Whether {@code configs} turn Kafka Streams' transactional state stores on ({@code
   * enable.transactional.statestores}, a boolean or its text): their buffers track positions and
   * uncommitted bytes of their own, so the engine then leaves both to Kafka.
   */
  public static boolean transactionalStores(Map<?, ?> configs) {
    Object v = configs.get(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG);
    return v != null && Boolean.parseBoolean(v.toString().trim());
  }

  /**
   * The store's own position when it keeps one (IQ consistency vectors or transactional stores
   * enabled), else an empty one: the change-logging layer above asks on every put and uses it only
   * for those vectors.
   */
  @Override
  public Position getPosition() {
    return tracked ? inner.getPosition() : UNTRACKED;
  }

  @Override
  public void put(Bytes key, byte[] value) {
    inner.put(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    return inner.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    inner.putAll(entries);
  }

  @Override
  public byte[] delete(Bytes key) {
    return inner.delete(key);
  }

  @Override
  public byte[] get(Bytes key) {
    return inner.get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return inner.range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return inner.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return inner.all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return inner.reverseAll();
  }

  @Override
  public <S extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
      P prefix, S prefixKeySerializer) {
    return inner.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void flush() {
    inner.flush();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    inner.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  @Override
  public long approximateNumUncommittedBytes() {
    return inner.approximateNumUncommittedBytes();
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return inner.query(query, bound, config);
  }

  /**
   * The store's context, but with no record metadata: RocksDB's store then records no offsets in
   * its position on each write (Kafka's {@code StoreQueryUtils.updatePosition} does nothing without
   * metadata). Everything else (task, directories, metrics, registration for restore) is the
   * context's own.
   */
  private static final class UntrackedContext extends DelegatingStateStoreContext {

    UntrackedContext(StateStoreContext context) {
      super(context);
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
      return Optional.empty();
    }
  }
}
