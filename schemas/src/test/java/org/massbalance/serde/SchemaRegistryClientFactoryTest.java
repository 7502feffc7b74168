package org.massbalance.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientFactoryTest {

  /** The in-memory registries of mock:// scopes live in the JVM: none left to the next test. */
  @AfterEach
  void dropRegistries() {
    InMemorySchemaRegistryClient.dropScope("one");
    InMemorySchemaRegistryClient.dropScope("two");
  }

  @Test
  void mockUrlsShareOneRegistryPerScope() {
    SchemaRegistryClient a =
        SchemaRegistryClientFactory.create(Map.of("schema.registry.url", "mock://one"));
    SchemaRegistryClient b =
        SchemaRegistryClientFactory.create(Map.of("schema.registry.url", "mock://one"));
    SchemaRegistryClient c =
        SchemaRegistryClientFactory.create(Map.of("schema.registry.url", "mock://two"));

    assertThat(a).isInstanceOf(InMemorySchemaRegistryClient.class).isSameAs(b).isNotSameAs(c);
  }

  @Test
  void httpUrlsGetTheRestClient() {
    assertThat(
            SchemaRegistryClientFactory.create(
                Map.of("schema.registry.url", "http://registry:8081")))
        .isInstanceOf(RestSchemaRegistryClient.class);
  }

  @Test
  void missingUrlIsAConfigurationError() {
    assertThatThrownBy(() -> SchemaRegistryClientFactory.create(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema.registry.url is not set");
  }
}
