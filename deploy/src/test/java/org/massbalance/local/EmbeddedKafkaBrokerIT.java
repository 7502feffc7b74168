package org.massbalance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @TempDir Path tmp;

  @Test
  void transactionsWorkAndDataSurvivesRestart() throws Exception {
    Path dataDir = tmp.resolve("kafka");
    String clusterId;
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder().port(0).dataDir(dataDir).build()) {
      long t0 = System.nanoTime();
      broker.start();
      System.out.printf("broker started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      int port = broker.port();
      assertThat(port).isPositive();
      assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      clusterId = broker.clusterId();

      try (Admin admin = admin(broker)) {
        admin.createTopics(List.of(new NewTopic("tx-topic", 2, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = transactionalProducer(broker)) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx-topic", "k1", "committed-1"));
        producer.send(new ProducerRecord<>("tx-topic", "k2", "committed-2"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx-topic", "k3", "aborted"));
        producer.flush();
        producer.abortTransaction();
      }
      assertThat(readCommitted(broker, "tx-topic", 2))
          .containsExactlyInAnyOrder("committed-1", "committed-2");

      broker.restart();
      assertThat(broker.port()).isEqualTo(port);
      assertThat(readCommitted(broker, "tx-topic", 2))
          .containsExactlyInAnyOrder("committed-1", "committed-2");
    }
    assertThat(Files.exists(dataDir.resolve("kafka-logs/meta.properties"))).isTrue();

    // A new broker object on the same data directory keeps topics, records and cluster id.
    try (EmbeddedKafkaBroker again =
        EmbeddedKafkaBroker.builder().port(0).dataDir(dataDir).build().start()) {
      assertThat(again.clusterId()).isEqualTo(clusterId);
      try (Admin admin = admin(again)) {
        assertThat(admin.listTopics().names().get()).contains("tx-topic");
        assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
      }
      assertThat(readCommitted(again, "tx-topic", 2))
          .containsExactlyInAnyOrder("committed-1", "committed-2");
    }
  }

  @Test
  void temporaryDataDirIsDeletedOnCloseAndTakenPortIsReported() {
    Path dir;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).build().start()) {
      dir = broker.dataDir();
      assertThat(Files.isDirectory(dir)).isTrue();
      EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().port(broker.port()).build();
      try {
        assertThatThrownBy(second::start)
            .isInstanceOf(PortInUseException.class)
            .hasMessageContaining(String.valueOf(broker.port()));
      } finally {
        second.close();
      }
    }
    assertThat(Files.exists(dir)).isFalse();
  }

  static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafkaBroker broker) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static List<String> readCommitted(
      EmbeddedKafkaBroker broker, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      // One more short poll: an aborted record must not show up.
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
        values.add(r.value());
      }
    }
    return values;
  }
}
