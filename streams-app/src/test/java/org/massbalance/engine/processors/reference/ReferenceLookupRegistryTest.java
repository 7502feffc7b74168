package org.massbalance.engine.processors.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.serde.SchemaRegistryException;

/**
 * A reference record that cannot be read because the schema registry is away is not a bad record:
 * the look-up fails with {@link RegistryUnavailableException} (the task retries from its last
 * commit) instead of falling back to the defaults or to "unknown supplier".
 */
class ReferenceLookupRegistryTest {

  private static final SchemaRegistryException AWAY =
      new SchemaRegistryException("schema registry unreachable", new ConnectException());
  private static final SchemaRegistryException NOT_FOUND =
      new SchemaRegistryException("schema 9 not found", 404, 40403);

  @Test
  void productLookupFailsWhileTheRegistryIsAway() {
    GlobalReferenceData reference = reference(AWAY);
    assertThatThrownBy(() -> reference.product("NEWP"))
        .isInstanceOf(RegistryUnavailableException.class);
  }

  @Test
  void productThatCannotBeDecodedStillFallsBackToTheDefaults() {
    GlobalReferenceData reference = reference(NOT_FOUND);
    assertThat(reference.product("NEWP").lotPrefix()).isEqualTo("NEWP");
  }

  @Test
  void certificateLookupFailsWhileTheRegistryIsAway() {
    Deserializer<SupplierCertificate> away =
        (topic, data) -> {
          throw AWAY;
        };
    GlobalCertificates certificates = new GlobalCertificates(store(), away, "certificates");
    assertThatThrownBy(() -> certificates.find("1000000003"))
        .isInstanceOf(RegistryUnavailableException.class);
  }

  @Test
  void certificateThatCannotBeDecodedStillCountsAsUnknown() {
    Deserializer<SupplierCertificate> broken =
        (topic, data) -> {
          throw NOT_FOUND;
        };
    GlobalCertificates certificates = new GlobalCertificates(store(), broken, "certificates");
    assertThat(certificates.find("1000000003")).isEmpty();
  }

  private static GlobalReferenceData reference(RuntimeException failure) {
    Deserializer<Site> sites =
        (topic, data) -> {
          throw failure;
        };
    Deserializer<Product> products =
        (topic, data) -> {
          throw failure;
        };
    return new GlobalReferenceData(store(), store(), sites, products, "sites", "products");
  }

  /** A store holding one record under every key asked for. */
  private static ReadOnlyKeyValueStore<String, byte[]> store() {
    return new ReadOnlyKeyValueStore<>() {
      @Override
      public byte[] get(String key) {
        return new byte[] {0, 0, 0, 0, 9, 1};
      }

      @Override
      public KeyValueIterator<String, byte[]> range(String from, String to) {
        return iterator();
      }

      @Override
      public KeyValueIterator<String, byte[]> all() {
        return iterator();
      }

      @Override
      public long approximateNumEntries() {
        return 1;
      }

      private KeyValueIterator<String, byte[]> iterator() {
        return new KeyValueIterator<>() {
          @Override
          public void close() {}

          @Override
          public String peekNextKey() {
            throw new java.util.NoSuchElementException();
          }

          @Override
          public boolean hasNext() {
            return false;
          }

          @Override
          public KeyValue<String, byte[]> next() {
            throw new java.util.NoSuchElementException();
          }
        };
      }
    };
  }
}
