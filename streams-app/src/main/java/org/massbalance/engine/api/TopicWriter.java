package org.massbalance.engine.api;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes what is posted to the API (investigations, sign-offs, reservations) to its input topic
 * (Avro, Confluent wire format, a string key), waiting for the broker's acknowledgement, so that
 * the engine judges it like any record of that topic. The producer is created on first use.
 *
 * @param <T> the record written
 */
public final class TopicWriter<T> implements AutoCloseable {

  private static final long TIMEOUT_S = 15;

  private final Map<String, Object> settings;
  private final String topic;
  private final Serializer<T> serializer;
  private KafkaProducer<String, byte[]> producer;

  /**
   * A writer to {@code topic}.
   *
   * @param kafkaSettings the engine's Kafka client settings (bootstrap, security); only producer
   *     keys are used
   */
  public TopicWriter(Map<String, Object> kafkaSettings, String topic, Serializer<T> serializer) {
    this.settings = new HashMap<>();
    kafkaSettings.forEach(
        (k, v) -> {
          if (ProducerConfig.configNames().contains(k)) {
            settings.put(k, v);
          }
        });
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(12));
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000L);
    this.topic = topic;
    this.serializer = serializer;
  }

  /** The topic written to. */
  public String topic() {
    return topic;
  }

  /**
   * Writes {@code value} (valid) under {@code key} and waits for the acknowledgement.
   *
   * @throws ApiException 503 when Kafka or the registry does not take it
   */
  public RecordMetadata write(String key, T record) {
    byte[] value;
    try {
      value = serializer.serialize(topic, record);
    } catch (RuntimeException e) {
      throw new ApiException(503, "schema registry unavailable: " + e.getMessage());
    }
    try {
      return producer()
          .send(new ProducerRecord<>(topic, key, value))
          .get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new ApiException(503, "cannot write to " + topic + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "interrupted");
    }
  }

  private synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(5));
    }
  }
}
