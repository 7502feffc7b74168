package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer over each logged RocksDB store: everything reaches RocksDB, and RocksDB keeps (and the
 * change logging is given) a position of the input offsets only when IQ consistency vectors (the
 * one use the change logger has for it) or transactional stores are enabled.
 */
class BytesStoreLayerTest {

  @TempDir Path dir;

  private KeyValueStore<Bytes, byte[]> rocks;
  private KeyValueStore<Bytes, byte[]> layer;

  private void open(boolean consistencyVectors) {
    open(consistencyVectors, false);
  }

  private void open(boolean consistencyVectors, boolean transactional) {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bytes-store-layer-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    if (consistencyVectors) {
      config.put(StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, true);
    }
    if (transactional) {
      config.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
    }
    MockProcessorContext<Object, Object> context =
        new MockProcessorContext<>(config, new TaskId(0, 0), dir.toFile());
    context.setRecordMetadata("inventory-movements", 0, 42L);
    rocks = Stores.persistentKeyValueStore("ledger-book-store").get();
    layer = new BytesStoreLayer(rocks);
    layer.init(context.getStateStoreContext(), layer);
  }

  @AfterEach
  void close() {
    layer.close();
  }

  @Test
  void shouldPassWritesAndReadsThroughToRocksDb() {
    open(false);
    layer.put(Bytes.wrap(new byte[] {1}), new byte[] {7});
    layer.put(Bytes.wrap(new byte[] {2}), new byte[] {8});
    layer.delete(Bytes.wrap(new byte[] {2}));

    assertThat(rocks.get(Bytes.wrap(new byte[] {1}))).containsExactly(7);
    assertThat(layer.get(Bytes.wrap(new byte[] {2}))).isNull();
    assertThat(layer.persistent()).isTrue();
    assertThat(layer.name()).isEqualTo("ledger-book-store");
  }

  @Test
  void shouldKeepNoPositionWhenConsistencyVectorsAreOff() {
    open(false);
    layer.put(Bytes.wrap(new byte[] {1}), new byte[] {7});
    layer.putAll(java.util.List.of(KeyValue.pair(Bytes.wrap(new byte[] {2}), new byte[] {8})));

    assertThat(rocks.getPosition().isEmpty()).isTrue();
    assertThat(layer.getPosition().isEmpty()).isTrue();
    assertThat(rocks.get(Bytes.wrap(new byte[] {2}))).containsExactly(8);
  }

  @Test
  void shouldGiveRocksDbsPositionWhenConsistencyVectorsAreOn() {
    open(true);
    layer.put(Bytes.wrap(new byte[] {1}), new byte[] {7});

    Position position = layer.getPosition();
    assertThat(position.getPartitionPositions("inventory-movements")).containsEntry(0, 42L);
  }

  @Test
  void shouldKeepRocksDbsPositionWithTransactionalStores() {
    open(false, true);
    layer.put(Bytes.wrap(new byte[] {1}), new byte[] {7});

    assertThat(rocks.getPosition().getPartitionPositions("inventory-movements"))
        .containsEntry(0, 42L);
    assertThat(layer.getPosition().getPartitionPositions("inventory-movements"))
        .containsEntry(0, 42L);
  }
}
