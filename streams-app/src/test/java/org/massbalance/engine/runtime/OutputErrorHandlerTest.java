package org.massbalance.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.config.OutputTooLargeException;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.serde.InMemorySchemaRegistryClient;

/**
 * An output too large for its topic is not written: a bounded rejected record says so and the
 * engine goes on; every other production error fails the task (ADR 10).
 */
class OutputErrorHandlerTest {

  private final EngineMetrics metrics = EngineMetrics.inMemory();
  private final Topics topics;
  private final OutputErrorHandler handler = new OutputErrorHandler();

  OutputErrorHandlerTest() {
    Properties p = new Properties();
    p.put(
        EngineConfig.SCHEMA_REGISTRY_URL_CONFIG,
        InMemorySchemaRegistryClient.MOCK_URL_PREFIX + UUID.randomUUID());
    EngineConfig config = new EngineConfig(p);
    topics = Topics.from(config);
    Map<String, Object> configs = new HashMap<>();
    StreamsSettings.of(config, null, topics, metrics).forEach((k, v) -> configs.put((String) k, v));
    handler.configure(configs);
  }

  @Test
  void shouldResumeWithARejectedRecordWhenTheBrokerRefusesARecordAsTooLarge() {
    ProducerRecord<byte[], byte[]> alert =
        new ProducerRecord<>(topics.alerts().name(), "K".getBytes(), new byte[2_000_000]);
    ProductionExceptionHandler.Response r =
        handler.handleError(null, alert, new RecordTooLargeException("too large"));
    assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(r.deadLetterQueueRecords()).hasSize(1);
    var dlq = r.deadLetterQueueRecords().get(0);
    assertThat(dlq.topic()).isEqualTo(topics.rejected().name());
    assertThat(dlq.value().length).isLessThan(4_096);
    RejectedRecord rejected =
        topics.rejected().valueSerde().deserializer().deserialize(dlq.topic(), dlq.value());
    assertThat(rejected.getReason())
        .startsWith(
            "not written: output to mass-balance-alerts refused by the broker as too large"
                + " (2000000 bytes)");
    assertThat(metrics.count(EngineMetrics.OUTPUT_DROPPED, "topic", topics.alerts().name()))
        .isEqualTo(1);
    assertThat(metrics.count(EngineMetrics.REJECTED, "reason", "output_too_large")).isEqualTo(1);
  }

  @Test
  void shouldResumeWhenTheEnginesOwnBoundRefusesAnOutput() {
    ProducerRecord<String, Object> out = new ProducerRecord<>(topics.transfers().name(), "K", "v");
    ProductionExceptionHandler.Response r =
        handler.handleSerializationError(
            null,
            out,
            new OutputTooLargeException(topics.transfers().name(), new byte[5_000], 1_024),
            ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
    assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(r.deadLetterQueueRecords()).hasSize(1);
    assertThat(metrics.count(EngineMetrics.OUTPUT_DROPPED, "topic", topics.transfers().name()))
        .isEqualTo(1);
  }

  @Test
  void shouldFailOnEveryOtherError() {
    ProducerRecord<byte[], byte[]> rec =
        new ProducerRecord<>(topics.alerts().name(), new byte[1], new byte[1]);
    assertThat(handler.handleError(null, rec, new TimeoutException("t")).result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    assertThat(
            handler
                .handleSerializationError(
                    null,
                    new ProducerRecord<>(topics.alerts().name(), "K", "v"),
                    new SerializationException("broken"),
                    ProductionExceptionHandler.SerializationExceptionOrigin.VALUE)
                .result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    assertThat(metrics.count(EngineMetrics.REJECTED, "reason", "output_too_large")).isZero();
  }
}
