package org.massbalance.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes generated Avro records in the Confluent wire format: magic byte 0, the 4-byte
 * big-endian schema id, the Avro binary. The subject follows Confluent's TopicNameStrategy ({@code
 * <topic>-value} or {@code <topic>-key}). With {@code auto.register.schemas} (default true) the
 * schema is registered, else only looked up. Thread-safe: Kafka Streams shares one instance across
 * its stream threads.
 *
 * @param <T> the generated record class
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final AvroCodec<T> codec;
  private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
  private volatile SchemaRegistryClient client;
  private volatile boolean isKey;
  private volatile boolean autoRegister = true;

  /** A serializer whose registry client comes from {@link #configure(Map, boolean)}. */
  public ConfluentAvroSerializer(Class<T> type) {
    this.codec = new AvroCodec<>(type);
  }

  /** A serializer with a given registry client, ready to use (auto-registering). */
  public ConfluentAvroSerializer(Class<T> type, SchemaRegistryClient client, boolean isKey) {
    this(type);
    this.client = client;
    this.isKey = isKey;
  }

  /**
   * Reads {@code auto.register.schemas} and, when no client was given, creates one from {@code
   * schema.registry.url} and the other registry settings.
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    this.autoRegister = SerdeConfig.bool(configs, SerdeConfig.AUTO_REGISTER_SCHEMAS, true);
    if (client == null) {
      client = SchemaRegistryClientFactory.create(configs);
    }
    idsByTopic.clear();
  }

  /** The subject of a topic under TopicNameStrategy. */
  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    int id = schemaId(topic);
    byte[] bytes = codec.encode(data, WireFormat.HEADER_SIZE);
    WireFormat.writeHeader(bytes, id);
    return bytes;
  }

  private int schemaId(String topic) {
    Integer id = idsByTopic.get(topic);
    if (id != null) {
      return id;
    }
    SchemaRegistryClient registry = client;
    if (registry == null) {
      throw new IllegalStateException(
          "ConfluentAvroSerializer for "
              + codec.type().getSimpleName()
              + " is not configured: no schema registry client");
    }
    String subject = subject(topic, isKey);
    try {
      int found =
          autoRegister
              ? registry.register(subject, codec.schema())
              : registry.lookup(subject, codec.schema());
      idsByTopic.put(topic, found);
      return found;
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw e;
      }
      throw new SerializationException(
          (autoRegister ? "registering" : "looking up")
              + " the schema of "
              + codec.type().getSimpleName()
              + " under subject "
              + subject
              + " failed: "
              + e.getMessage(),
          e);
    }
  }
}
