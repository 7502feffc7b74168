package org.massbalance.serde;

import java.util.Map;

/** Chooses the registry client for a configuration: in-memory for {@code mock://}, else REST. */
public final class SchemaRegistryClientFactory {

  private SchemaRegistryClientFactory() {}

  /**
   * The client for {@code schema.registry.url}: {@link InMemorySchemaRegistryClient#forScope} for
   * {@code mock://scope}, else a {@link RestSchemaRegistryClient}.
   *
   * @throws IllegalArgumentException when the URL is missing or the settings are unusable
   */
  public static SchemaRegistryClient create(Map<String, ?> configs) {
    String urls = SerdeConfig.string(configs, SerdeConfig.SCHEMA_REGISTRY_URL);
    if (urls == null) {
      throw new IllegalArgumentException(SerdeConfig.SCHEMA_REGISTRY_URL + " is not set");
    }
    String first = urls.split(",")[0].trim();
    if (first.startsWith(InMemorySchemaRegistryClient.MOCK_URL_PREFIX)) {
      return InMemorySchemaRegistryClient.forScope(
          first.substring(InMemorySchemaRegistryClient.MOCK_URL_PREFIX.length()));
    }
    return new RestSchemaRegistryClient(configs);
  }
}
