package org.massbalance.engine.processors.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Product;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.processors.ProcessorSuppliers;
import org.massbalance.engine.stores.ReferenceStoreLayer;
import org.massbalance.engine.stores.StoreNames;

/**
 * The global reference stores count their changes, and the look-ups keep what they decoded while
 * the count stands (ADR 24): a record written again, deleted or changed is what the next look-up
 * sees, whichever processor or task looked it up before.
 */
class ReferenceStoreChangesTest {

  @TempDir Path dir;

  private KeyValueStore<String, byte[]> products;
  private final AtomicInteger decodes = new AtomicInteger();

  private final Deserializer<Product> productReader = ProductBytes.reader(decodes);

  private final ReferenceDecoders decoders =
      new ReferenceDecoders(
          null, productReader, null, "sites", "products", "supplier-certificates", null);

  @BeforeEach
  void open() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "reference-store-changes-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    MockProcessorContext<Object, Object> context =
        new MockProcessorContext<>(config, new TaskId(0, 0), dir.toFile());
    // the store as the topology builds it: Kafka Streams' metering around the counting layer
    products = ProcessorSuppliers.globalStore(StoreNames.PRODUCTS).build();
    products.init(context.getStateStoreContext(), products);
  }

  @AfterEach
  void close() {
    products.close();
  }

  @Test
  void shouldFindTheCountingLayerUnderKafkaStreamsWrappers() {
    assertThat(ReferenceStoreLayer.under(products)).isNotNull();
  }

  @Test
  void shouldMoveTheCountWithEveryWriteAndDelete() {
    ReferenceStoreLayer layer = ReferenceStoreLayer.under(products);
    List<Long> counts = new ArrayList<>();
    counts.add(layer.changes());

    products.put("OATS", new byte[] {'O', 'A', 'T', 'S', 0});
    counts.add(layer.changes());
    products.putAll(List.of(KeyValue.pair("RYE", new byte[] {'R', 'Y', 'E', 0})));
    counts.add(layer.changes());
    products.putIfAbsent("RYE", new byte[] {'R', 'Y', 'E', 1});
    counts.add(layer.changes());
    products.delete("OATS");
    counts.add(layer.changes());

    assertThat(counts).isSorted().doesNotHaveDuplicates().allMatch(ReferenceStoreLayer::steady);
  }

  @Test
  void shouldDecodeOnceWhileTheStoreIsUnchangedAndSeeEachChangeAtTheNextLookUp() {
    products.put("OATS", new byte[] {'O', 'A', 'T', 'S', 0});
    GlobalReferenceData task0 = decoders.reference(products, products);
    GlobalReferenceData task1 = decoders.reference(products, products);

    assertThat(task0.product("OATS").unit()).isEqualTo(Unit.KG);
    assertThat(task1.product("OATS").unit()).isEqualTo(Unit.KG);
    assertThat(decodes).hasValue(1);

    products.put("OATS", new byte[] {'O', 'A', 'T', 'S', 1});
    assertThat(task1.product("OATS").unit()).isEqualTo(Unit.LB);
    assertThat(task0.product("OATS").unit()).isEqualTo(Unit.LB);

    products.delete("OATS");
    assertThat(task0.product("OATS").unit()).isEqualTo(Unit.KG); // the contract's default
    assertThat(task0.product("OATS").organic()).isTrue();
    assertThat(decodes).hasValue(2);
  }

  @Test
  void shouldNotDecodeAgainWhenAnotherRecordChanges() {
    products.put("OATS", new byte[] {'O', 'A', 'T', 'S', 1});
    GlobalReferenceData task0 = decoders.reference(products, products);
    assertThat(task0.product("OATS").unit()).isEqualTo(Unit.LB);

    products.put("RYE", new byte[] {'R', 'Y', 'E', 0});

    assertThat(task0.product("OATS").unit()).isEqualTo(Unit.LB);
    assertThat(decodes).hasValue(1);
  }
}
