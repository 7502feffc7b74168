package org.massbalance.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for generated Avro records in the Confluent wire format, combining {@link
 * ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer}. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final ConfluentAvroSerializer<T> serializer;
  private final ConfluentAvroDeserializer<T> deserializer;

  /** A serde configured later by {@link #configure(Map, boolean)}. */
  public ConfluentAvroSerde(Class<T> type) {
    this.serializer = new ConfluentAvroSerializer<>(type);
    this.deserializer = new ConfluentAvroDeserializer<>(type);
  }

  private ConfluentAvroSerde(Class<T> type, SchemaRegistryClient client, boolean isKey) {
    this.serializer = new ConfluentAvroSerializer<>(type, client, isKey);
    this.deserializer = new ConfluentAvroDeserializer<>(type, client);
  }

  /**
   * A configured serde: its registry client comes from {@code schema.registry.url} (mock:// for
   * in-memory) and the other registry settings; {@code auto.register.schemas} applies.
   */
  public static <T extends SpecificRecord> ConfluentAvroSerde<T> of(
      Class<T> type, Map<String, ?> configs, boolean isKey) {
    ConfluentAvroSerde<T> serde =
        new ConfluentAvroSerde<>(type, SchemaRegistryClientFactory.create(configs), isKey);
    serde.configure(configs, isKey);
    return serde;
  }

  /** A ready serde with a given registry client, auto-registering its schema. */
  public static <T extends SpecificRecord> ConfluentAvroSerde<T> of(
      Class<T> type, SchemaRegistryClient client, boolean isKey) {
    return new ConfluentAvroSerde<>(type, client, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
