package org.massbalance.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which settings reach Kafka: the engine's own keys never do; Kafka client, Streams, internal-topic
 * and schema registry settings always do.
 */
class EngineConfigTest {

  private static Map<String, Object> kafka(Map<String, String> settings) {
    return new EngineConfig(settings).kafkaSettings();
  }

  @Test
  void shouldGiveKafkaNoneOfTheEnginesOwnKeys() {
    Map<String, Object> passed =
        kafka(
            Map.of(
                "topic.alerts", "replay-alerts",
                "topic.snapshots.consolidated", "replay-consolidated",
                "api.token", "secret",
                "api.port", "0",
                "period.grace.ms", "1000",
                "rocksdb.memory.mb", "64",
                "replication.factor", "3",
                "certificate.expiry.warning.days", "10"));

    assertThat(passed).isEmpty();
    for (String key : EngineConfig.definition().names()) {
      assertThat(SettingKeys.passesThrough(key))
          .as(key)
          .isEqualTo(
              key.equals("application.id")
                  || key.equals("bootstrap.servers")
                  || key.equals("schema.registry.url"));
    }
  }

  @Test
  void shouldKeepTheKeysThatAreBothTheEnginesAndKafkas() {
    Map<String, Object> passed =
        kafka(
            Map.of(
                "application.id", "replay",
                "bootstrap.servers", "kafka:9092",
                "schema.registry.url", "http://registry:8081"));

    assertThat(passed)
        .containsEntry("application.id", "replay")
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("schema.registry.url", "http://registry:8081");
  }

  @Test
  void shouldPassKafkaStreamsKeysThrough() {
    Map<String, String> streams =
        Map.of(
            "commit.interval.ms", "200",
            "state.dir", "/var/lib/massbalance",
            "num.stream.threads", "2",
            "num.standby.replicas", "1",
            "rocksdb.config.setter", "com.example.Setter");

    assertThat(kafka(streams)).containsExactlyInAnyOrderEntriesOf(streams);
  }

  @Test
  void shouldPassClientSecuritySettingsThrough() {
    Map<String, String> security =
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
            "ssl.truststore.location", "/etc/kafka/truststore.jks");

    assertThat(kafka(security)).containsExactlyInAnyOrderEntriesOf(security);
  }

  @Test
  void shouldPassProducerConsumerAndAdminPrefixedKeysThrough() {
    Map<String, String> prefixed =
        Map.of(
            "producer.linger.ms", "20",
            "consumer.max.poll.records", "500",
            "main.consumer.group.instance.id", "engine-1",
            "restore.consumer.fetch.max.bytes", "1048576",
            "global.consumer.client.rack", "a",
            "admin.retries", "5");

    assertThat(kafka(prefixed)).containsExactlyInAnyOrderEntriesOf(prefixed);
  }

  @Test
  void shouldPassTopicPrefixedKeysThatAreTopicConfigsThrough() {
    Map<String, Object> passed =
        kafka(
            Map.of(
                "topic.min.insync.replicas", "2",
                "topic.segment.bytes", "104857600",
                "topic.alertz", "typo",
                "topic.snapshot", "typo"));

    assertThat(passed)
        .containsOnlyKeys("topic.min.insync.replicas", "topic.segment.bytes")
        .containsEntry("topic.min.insync.replicas", "2");
  }

  @Test
  void shouldPassRegistryAuthAndTlsKeysThrough() {
    Map<String, String> registry =
        Map.of(
            "basic.auth.credentials.source", "USER_INFO",
            "basic.auth.user.info", "user:password",
            "schema.registry.basic.auth.user.info", "user:password",
            "schema.registry.ssl.truststore.location", "/etc/registry/truststore.jks",
            "schema.registry.ssl.truststore.password", "changeit",
            "schema.registry.ssl.keystore.type", "PKCS12",
            "auto.register.schemas", "false");

    assertThat(kafka(registry)).containsExactlyInAnyOrderEntriesOf(registry);
  }

  @Test
  void shouldPassUnknownKeysOutsideTheEnginesNamespacesThroughForPlugins() {
    Map<String, Object> passed =
        kafka(Map.of("com.example.setter.block.size", "4096", "api.tokn", "secret"));

    assertThat(passed).containsOnlyKeys("com.example.setter.block.size");
  }
}
