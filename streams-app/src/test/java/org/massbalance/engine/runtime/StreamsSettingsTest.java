package org.massbalance.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.config.EngineConfig;

/** The Kafka Streams settings the engine runs with, whatever the user passes. */
class StreamsSettingsTest {

  private static Properties settings(Map<String, Object> user) {
    Properties p = new Properties();
    p.putAll(user);
    return StreamsSettings.of(new EngineConfig(p), null);
  }

  @Test
  void shouldAlwaysRunExactlyOnceV2UnderTheStableApplicationId() {
    Properties p =
        settings(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));

    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG))
        .isEqualTo(EngineConfig.APPLICATION_ID_DEFAULT);
  }

  @Test
  void shouldKeepKafkaStreamsTimestampOrderAcrossALedgerTasksInputs() {
    // a task waits to fetch what its other inputs hold on the broker (Kafka's default, 0): the
    // arrivals and re-routed movements then come in the order they were written, late less often
    // (ADR 20; since ADR 23 they no longer move the periods' stream time)
    assertThat(settings(Map.of())).doesNotContainKey(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
  }

  @Test
  void shouldNotPollForUncommittedStoreBytesWhenNoStoreKeepsAny() {
    assertThat(settings(Map.of()).get(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG))
        .isEqualTo(-1L);
  }

  @Test
  void shouldKeepKafkasUncommittedBytesLimitWithTransactionalStores() {
    Properties p = settings(Map.of(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "true"));

    assertThat(p).doesNotContainKey(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG);
  }

  @Test
  void shouldKeepAUsersOwnUncommittedBytesLimit() {
    Properties p =
        settings(Map.of(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, "1048576"));

    assertThat(p.get(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG)).isEqualTo("1048576");
  }

  @Test
  void shouldBoundRocksDbMemoryToTheConfiguredBudget() {
    Properties p = settings(Map.of(EngineConfig.ROCKSDB_MEMORY_CONFIG, "512"));

    assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
        .isEqualTo(BoundedRocksDbMemory.class.getName());
    assertThat(p.get(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG)).isEqualTo(512L * 1024 * 1024);
  }

  @Test
  void shouldBoundRocksDbMemoryTo256MbByDefault() {
    Properties p = settings(Map.of());

    assertThat(p.get(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG))
        .isEqualTo(BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES);
  }

  @Test
  void shouldKeepAUsersOwnRocksDbConfigSetter() {
    Properties p =
        settings(Map.of(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "com.example.Mine"));

    assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
        .isEqualTo("com.example.Mine");
    assertThat(p).doesNotContainKey(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG);
  }

  @Test
  void shouldGiveKafkaStreamsNoneOfTheEnginesTopicNames() {
    Properties p =
        settings(
            Map.of(
                EngineConfig.TOPIC_ALERTS_CONFIG,
                "replay-alerts",
                EngineConfig.TOPIC_SNAPSHOTS_CONFIG,
                "replay-snapshots",
                EngineConfig.TOPIC_TRANSFERS_CONFIG,
                "replay-transfers",
                "topic.min.insync.replicas",
                "2"));

    assertThat(new StreamsConfig(p).originalsWithPrefix(StreamsConfig.TOPIC_PREFIX))
        .containsOnlyKeys("min.insync.replicas");
  }

  @Test
  void shouldSetTheReplicationFactorOfTheEnginesKeyOnKafkaStreams() {
    Properties p = settings(Map.of(EngineConfig.REPLICATION_FACTOR_CONFIG, "3"));

    assertThat(p.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
  }
}
