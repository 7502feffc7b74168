package org.massbalance.engine.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read-only access to this instance's stores. With {@code stale} the query may be answered from a
 * standby replica (or a restoring active one) while the owner is away.
 */
public final class StoreAccess {

  private final KafkaStreams streams;

  /** Access to the stores of {@code streams}. */
  public StoreAccess(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * A key-value store by name.
   *
   * @throws InvalidStateStoreException when the store cannot be queried now, also while the
   *     instance shuts down (Kafka Streams says so with an {@link IllegalStateException})
   */
  public <K, V> ReadOnlyKeyValueStore<K, V> kv(String name, boolean stale) {
    StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> p =
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore());
    try {
      return streams.store(stale ? p.enableStaleStores() : p);
    } catch (IllegalStateException e) {
      throw new InvalidStateStoreException(e.getMessage(), e);
    }
  }

  /**
   * Partition {@code partition} of the key-value store {@code name}, as this instance's active task
   * holds it (never a standby's copy).
   *
   * @throws InvalidStateStoreException when this instance does not hold that partition active now
   */
  public <K, V> ReadOnlyKeyValueStore<K, V> kvPartition(String name, int partition) {
    StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> p =
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
            .withPartition(partition);
    try {
      return streams.store(p);
    } catch (IllegalStateException e) {
      throw new InvalidStateStoreException(e.getMessage(), e);
    }
  }

  /**
   * Whether partition {@code partition} of store {@code name} can be read here now (with {@code
   * stale}, from a standby's copy too).
   */
  public boolean readable(String name, int partition, boolean stale) {
    try {
      StoreQueryParameters<ReadOnlyKeyValueStore<Object, Object>> p =
          StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())
              .withPartition(partition);
      streams.store(stale ? p.enableStaleStores() : p).approximateNumEntries();
      return true;
    } catch (InvalidStateStoreException e) {
      return false;
    }
  }

  /** The Kafka Streams instance. */
  public KafkaStreams streams() {
    return streams;
  }
}
