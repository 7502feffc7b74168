package org.massbalance.engine.processors.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Product;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.Unit;

/**
 * The look-ups opened from one {@link ReferenceDecoders} (one per processor of the topology, used
 * by all its tasks and threads) decode a stored record once between them, decode it again when the
 * store holds other bytes, and each report the unreadable records they meet, as before.
 */
class SharedDecodesTest {

  private final Map<String, byte[]> products = new HashMap<>();
  private final AtomicInteger decodes = new AtomicInteger();

  private final Deserializer<Product> productReader = ProductBytes.reader(decodes);

  private final ReferenceDecoders decoders =
      new ReferenceDecoders(
          unused(), productReader, unused(), "sites", "products", "supplier-certificates", null);

  @Test
  void shouldDecodeAStoredProductOnceForAllTheLookUpsOfOneProcessor() {
    products.put("OATS", new byte[] {'O', 'A', 'T', 'S', 0});
    GlobalReferenceData task0 = decoders.reference(store(Map.of()), store(products));
    GlobalReferenceData task1 = decoders.reference(store(Map.of()), store(products));

    assertThat(task0.product("OATS").unit()).isEqualTo(Unit.KG);
    assertThat(task1.product("OATS").unit()).isEqualTo(Unit.KG);
    assertThat(task0.product("OATS").unit()).isEqualTo(Unit.KG);

    assertThat(decodes).hasValue(1);
  }

  @Test
  void shouldDecodeAgainWhenTheStoreHoldsNewBytes() {
    products.put("OATS", new byte[] {'O', 'A', 'T', 'S', 0});
    GlobalReferenceData task0 = decoders.reference(store(Map.of()), store(products));
    assertThat(task0.product("OATS").unit()).isEqualTo(Unit.KG);

    products.put("OATS", new byte[] {'O', 'A', 'T', 'S', 1});
    GlobalReferenceData task1 = decoders.reference(store(Map.of()), store(products));

    assertThat(task1.product("OATS").unit()).isEqualTo(Unit.LB);
    assertThat(task0.product("OATS").unit()).isEqualTo(Unit.LB);
    assertThat(decodes).hasValue(2);
  }

  @Test
  void shouldLetEachLookUpReportAnUnreadableRecordItMeetsAndApplyTheDefaults() {
    products.put("RYE", new byte[] {'X', 'R', 'Y', 'E'});
    List<String> reported = new ArrayList<>();
    GlobalReferenceData task0 = decoders.reference(store(Map.of()), store(products));
    GlobalReferenceData task1 = decoders.reference(store(Map.of()), store(products));
    task0.onUnreadable(u -> reported.add("task0 " + u.id()));
    task1.onUnreadable(u -> reported.add("task1 " + u.id()));

    ProductInfo first = task0.product("RYE");
    task0.product("RYE");
    task1.product("RYE");

    assertThat(first).isEqualTo(ProductInfo.defaults("RYE"));
    assertThat(reported).containsExactly("task0 RYE", "task1 RYE");
  }

  private static <T> Deserializer<T> unused() {
    return (topic, data) -> {
      throw new AssertionError("not read in this test");
    };
  }

  private static ReadOnlyKeyValueStore<String, byte[]> store(Map<String, byte[]> records) {
    return new ReadOnlyKeyValueStore<>() {
      @Override
      public byte[] get(String key) {
        return records.get(key);
      }

      @Override
      public KeyValueIterator<String, byte[]> range(String from, String to) {
        throw new UnsupportedOperationException();
      }

      @Override
      public KeyValueIterator<String, byte[]> all() {
        throw new UnsupportedOperationException();
      }

      @Override
      public long approximateNumEntries() {
        return records.size();
      }
    };
  }
}
