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
import org.massbalance.avro.Investigation;
import org.massbalance.investigations.InvestigationRecords;

/**
 * Writes investigations posted to the API to {@code variance-investigations} (Avro, Confluent wire
 * format, key {@code site|product|yyyy-MM}), waiting for the broker's acknowledgement. The producer
 * is created on first use.
 */
public final class InvestigationWriter implements AutoCloseable {

  private static final long TIMEOUT_S = 15;

  private final Map<String, Object> settings;
  private final String topic;
  private final Serializer<Investigation> serializer;
  private KafkaProducer<String, byte[]> producer;

  /**
   * A writer to {@code topic}.
   *
   * @param kafkaSettings the engine's Kafka client settings (bootstrap, security); only producer
   *     keys are used
   */
  public InvestigationWriter(
      Map<String, Object> kafkaSettings, String topic, Serializer<Investigation> serializer) {
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
   * Writes {@code inv} (valid) and waits for the acknowledgement.
   *
   * @throws ApiException 503 when Kafka or the registry does not take it
   */
  public RecordMetadata write(Investigation inv) {
    byte[] value;
    try {
      value = serializer.serialize(topic, inv);
    } catch (RuntimeException e) {
      throw new ApiException(503, "schema registry unavailable: " + e.getMessage());
    }
    try {
      return producer()
          .send(new ProducerRecord<>(topic, InvestigationRecords.key(inv), value))
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
