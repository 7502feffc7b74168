package org.massbalance.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Movement;
import org.massbalance.serde.InMemorySchemaRegistryClient;

class KafkaProducerFactoryTest {

  /** The in-memory registry of mock://factory-test lives in the JVM: none left to the next test. */
  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistryClient.dropScope("factory-test");
  }

  @Test
  void durabilitySettingsCannotBeOverriddenButOthersPassThrough() {
    KafkaProducerFactory factory =
        new KafkaProducerFactory(
            "localhost:1",
            "mock://factory-test",
            Map.of(
                "acks", "1",
                "enable.idempotence", "false",
                "linger.ms", "5",
                "security.protocol", "PLAINTEXT"));

    assertThat(factory.configs())
        .containsEntry("bootstrap.servers", "localhost:1")
        .containsEntry("schema.registry.url", "mock://factory-test")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("linger.ms", "5")
        .containsEntry("security.protocol", "PLAINTEXT");
  }

  @Test
  void createsAKafkaProducerWithoutContactingTheCluster() {
    KafkaProducerFactory factory =
        new KafkaProducerFactory("localhost:1", "mock://factory-test", Map.of());
    Producer<String, Movement> producer = factory.create(Movement.class);
    try {
      assertThat(producer).isInstanceOf(KafkaProducer.class);
    } finally {
      producer.close(Duration.ZERO);
    }
  }
}
