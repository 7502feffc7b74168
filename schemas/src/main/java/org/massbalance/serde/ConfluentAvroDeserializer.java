package org.massbalance.serde;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent-framed Avro into a generated record class. The writer schema is fetched by
 * its id (cached) and resolved against the class's schema, so records written with older or newer
 * compatible schemas read fine.
 *
 * <p>Bytes that cannot be a record fail with a {@link SerializationException} whose message says
 * why: {@code empty record}, {@code record too short for the Confluent wire format (N bytes)},
 * {@code unknown magic byte 0x7b}, {@code unknown schema id 42}, {@code Avro decoding failed: ...}.
 * A registry that cannot be reached fails with a retriable {@link SchemaRegistryException} instead:
 * that is no fault of the record. Thread-safe.
 *
 * @param <T> the generated record class
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final AvroCodec<T> codec;
  private volatile SchemaRegistryClient client;

  /** A deserializer whose registry client comes from {@link #configure(Map, boolean)}. */
  public ConfluentAvroDeserializer(Class<T> type) {
    this.codec = new AvroCodec<>(type);
  }

  /** A deserializer with a given registry client, ready to use. */
  public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    this(type);
    this.client = client;
  }

  /** Creates the registry client from the settings when none was given. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (client == null) {
      client = SchemaRegistryClientFactory.create(configs);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(data);
    SchemaRegistryClient registry = client;
    if (registry == null) {
      throw new IllegalStateException(
          "ConfluentAvroDeserializer for "
              + codec.type().getSimpleName()
              + " is not configured: no schema registry client");
    }
    Schema writerSchema;
    try {
      writerSchema = registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw e;
      }
      if (e.isNotFound()) {
        throw new SerializationException("unknown schema id " + id, e);
      }
      throw new SerializationException("schema id " + id + ": " + e.getMessage(), e);
    }
    return codec.decode(data, WireFormat.HEADER_SIZE, writerSchema);
  }
}
