package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.engine.processors.ProcessorSuppliers;

/**
 * The change count of a global reference store, read as a sequence lock: odd while a write is being
 * made and once the store is closed, even and higher once a write is in; and found under the store
 * a processor gets from its context, so the look-ups can use it (ADR 24).
 */
class ReferenceStoreLayerTest {

  @TempDir Path dir;

  @Test
  void shouldBeOddWhileAChangeIsBeingMadeAndEvenAndHigherOnceItIsIn() {
    List<Long> duringWrites = new ArrayList<>();
    ReferenceStoreLayer[] layer = new ReferenceStoreLayer[1];
    KeyValueStore<Bytes, byte[]> watched =
        new BytesStoreLayer(Stores.inMemoryKeyValueStore("products-global-store").get()) {
          @Override
          public void put(Bytes key, byte[] value) {
            super.put(key, value);
            duringWrites.add(layer[0].changes());
          }

          @Override
          public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            super.putAll(entries);
            duringWrites.add(layer[0].changes());
          }

          @Override
          public byte[] delete(Bytes key) {
            byte[] old = super.delete(key);
            duringWrites.add(layer[0].changes());
            return old;
          }
        };
    layer[0] = new ReferenceStoreLayer(watched);
    layer[0].init(context().getStateStoreContext(), layer[0]);
    long opened = layer[0].changes();

    layer[0].put(Bytes.wrap(new byte[] {1}), new byte[] {7});
    long afterPut = layer[0].changes();
    layer[0].putAll(List.of(KeyValue.pair(Bytes.wrap(new byte[] {2}), new byte[] {8})));
    layer[0].delete(Bytes.wrap(new byte[] {1}));
    long afterAll = layer[0].changes();

    assertThat(ReferenceStoreLayer.steady(opened)).isTrue();
    assertThat(duringWrites).hasSize(3).noneMatch(ReferenceStoreLayer::steady);
    assertThat(ReferenceStoreLayer.steady(afterPut)).isTrue();
    assertThat(afterPut).isGreaterThan(opened);
    assertThat(ReferenceStoreLayer.steady(afterAll)).isTrue();
    assertThat(afterAll).isGreaterThan(afterPut);

    layer[0].close();
    assertThat(ReferenceStoreLayer.steady(layer[0].changes())).isFalse();
  }

  @Test
  void shouldBeFoundUnderTheStoreAProcessorGetsFromItsContext() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addGlobalStore(
        ProcessorSuppliers.globalStore(StoreNames.PRODUCTS),
        "products",
        Consumed.with(Serdes.String(), Serdes.ByteArray()),
        ProcessorSuppliers.globalLoader(StoreNames.PRODUCTS));
    List<ReferenceStoreLayer> found = new ArrayList<>();
    builder.stream("movements", Consumed.with(Serdes.String(), Serdes.String()))
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    found.add(
                        ReferenceStoreLayer.under(context.getStateStore(StoreNames.PRODUCTS)));
                  }

                  @Override
                  public void process(Record<String, String> record) {}
                });
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config())) {
      assertThat(found).hasSize(1).doesNotContainNull();
    }
  }

  private Properties config() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "reference-store-layer-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    return config;
  }

  private MockProcessorContext<Object, Object> context() {
    return new MockProcessorContext<>(config(), new TaskId(0, 0), dir.toFile());
  }
}
