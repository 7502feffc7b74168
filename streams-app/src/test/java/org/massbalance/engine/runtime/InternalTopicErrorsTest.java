package org.massbalance.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.config.TopologySettings;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.topology.MassBalanceTopology;
import org.massbalance.serde.InMemorySchemaRegistryClient;

/**
 * Records that cannot be read are never dropped silently (ADR 10; issue 11, defect 4): on the
 * internal topics (transfers, repartitions) the engine stops, counting and logging the record; on
 * any other topic the record goes to the rejected topic.
 */
class InternalTopicErrorsTest {

  @TempDir Path tmp;

  private final EngineMetrics metrics = EngineMetrics.inMemory();

  private EngineConfig config() {
    Properties p = new Properties();
    p.put(
        EngineConfig.SCHEMA_REGISTRY_URL_CONFIG,
        InMemorySchemaRegistryClient.MOCK_URL_PREFIX + UUID.randomUUID());
    p.put(EngineConfig.MOVEMENTS_PARTITIONS_CONFIG, "1");
    return new EngineConfig(p);
  }

  /** The real topology under the engine's real Kafka Streams settings. */
  private TopologyTestDriver driver(EngineConfig config, Topics topics) throws Exception {
    Properties streams = StreamsSettings.of(config, null, topics, metrics);
    streams.put(
        StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(tmp.resolve("s")).toString());
    return new TopologyTestDriver(
        MassBalanceTopology.build(TopologySettings.from(config, metrics)), streams);
  }

  @Test
  void shouldStopAndCountAnUndecodableTransferRatherThanDropIt() throws Exception {
    EngineConfig config = config();
    Topics topics = Topics.from(config);
    try (TopologyTestDriver driver = driver(config, topics)) {
      byte[] written = {0x7f, 0x00, 0x01}; // a generation this engine does not know
      var transfers =
          driver.createInputTopic(
              topics.transfers().name(),
              Serdes.String().serializer(),
              Serdes.ByteArray().serializer());
      assertThatThrownBy(() -> transfers.pipeInput("RENO|OATS", written))
          .isInstanceOf(StreamsException.class)
          .hasStackTraceContaining("unknown internal format version 0x7f");
      assertThat(
              metrics.count(EngineMetrics.INTERNAL_UNDECODABLE, "topic", topics.transfers().name()))
          .isEqualTo(1);
    }
  }

  @Test
  void shouldFailOnInternalTopicsAndRejectElsewhere() {
    EngineConfig config = config();
    Topics topics = Topics.from(config);
    Properties streams = StreamsSettings.of(config, null, topics, metrics);
    assertThat(streams.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(InputErrorHandler.class.getName());
    Map<String, Object> configs = new HashMap<>();
    streams.forEach((k, v) -> configs.put((String) k, v));
    InputErrorHandler handler = new InputErrorHandler();
    handler.configure(configs);
    String app = config.getString(EngineConfig.APPLICATION_ID_CONFIG);

    for (String internal :
        new String[] {
          topics.transfers().name(),
          app + "-movements-reroute-repartition",
          app + "-snapshots-by-product-repartition"
        }) {
      DeserializationExceptionHandler.Response r =
          handler.handleError(null, record(internal), new RuntimeException("garbage"));
      assertThat(r.result()).as(internal).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
      assertThat(r.deadLetterQueueRecords()).isEmpty();
    }

    DeserializationExceptionHandler.Response r =
        handler.handleError(null, record("inventory-movements"), new RuntimeException("garbage"));
    assertThat(r.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    assertThat(r.deadLetterQueueRecords()).hasSize(1);
    var dlq = r.deadLetterQueueRecords().get(0);
    assertThat(dlq.topic()).isEqualTo(topics.rejected().name());
    RejectedRecord rejected =
        topics.rejected().valueSerde().deserializer().deserialize(dlq.topic(), dlq.value());
    assertThat(rejected.getReason()).isEqualTo("cannot decode: garbage");
    assertThat(rejected.getSourceTopic()).isEqualTo("inventory-movements");
    assertThat(rejected.getSourceOffset()).isEqualTo(7L);
    assertThat(rejected.getOriginalValue()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThat(metrics.count(EngineMetrics.REJECTED, "reason", "undecodable")).isEqualTo(1);
    assertThat(
            metrics.count(EngineMetrics.INTERNAL_UNDECODABLE, "topic", topics.transfers().name()))
        .isEqualTo(1);
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic) {
    return new ConsumerRecord<>(
        topic, 0, 7L, "K|P".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
  }
}
