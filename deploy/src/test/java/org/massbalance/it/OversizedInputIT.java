package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.topics.TopicDefaults;

/**
 * Issue 11, defect 3, on a real broker: records a hostile producer may legally write (a valid SALE
 * with a 600 KB document_ref keyed {@code WRONG|KEY}, and 900 KB of garbage) are rejected with
 * reasons and bounded bytes; the engine keeps running and applies a later good movement.
 */
class OversizedInputIT {

  private static final String APP_ID = "massbalance-oversized-it";

  @TempDir Path tmp;

  @Test
  void shouldRejectHostileLargeRecordsAndKeepApplyingMovements() throws Exception {
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        EngineRunner engine =
            ItSupport.startEngineWithDemoReference(
                stack, ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID))) {
      Map<String, Object> big = Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
      RecordMetadata sale;
      try (Producer<String, Movement> producer =
          new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), big)
              .create(Movement.class)) {
        Movement hostile =
            Movement.newBuilder()
                .setMovementId("hostile-1")
                .setType("SALE")
                .setOccurredAt("2025-12-01")
                .setSiteId("FRESNO")
                .setProductId("ALMONDS")
                .setQuantity("1")
                .setUnit("lb")
                .setDocumentRef("D".repeat(600_000))
                .build();
        sale =
            producer
                .send(new ProducerRecord<>(TopicDefaults.MOVEMENTS, "WRONG|KEY", hostile))
                .get();
      }
      byte[] garbage = new byte[900_000];
      new Random(11).nextBytes(garbage);
      garbage[0] = 0;
      RecordMetadata junk;
      try (Producer<String, byte[]> raw =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  stack.bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                  1_000_000),
              new StringSerializer(),
              new ByteArraySerializer())) {
        junk =
            raw.send(new ProducerRecord<>(TopicDefaults.MOVEMENTS, "FRESNO|ALMONDS", garbage))
                .get();
      }
      Movement good =
          Movement.newBuilder()
              .setMovementId("after-hostile")
              .setType("RECEIPT")
              .setOccurredAt("2025-12-02")
              .setSiteId("FRESNO")
              .setProductId("ALMONDS")
              .setQuantity("100")
              .setUnit("lb")
              .setSupplierId("VNG")
              .setSupplierNopId("8150000016")
              .setDocumentRef("PO-2001")
              .build();
      try (Producer<String, Movement> producer =
          new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of())
              .create(Movement.class)) {
        producer.send(new ProducerRecord<>(TopicDefaults.MOVEMENTS, "FRESNO|ALMONDS", good)).get();
      }

      await("the good movement after the hostile ones is applied")
          .atMost(ItSupport.DEADLINE)
          .ignoreExceptions()
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  engine
                      .queries()
                      .balance("FRESNO", "ALMONDS")
                      .map(b -> b.book().compareTo(new BigDecimal("100")) == 0)
                      .orElse(false));

      List<RejectedRecord> rejected = new ArrayList<>();
      try (KafkaConsumer<String, RejectedRecord> consumer =
          ItSupport.consumer(stack, ItSupport.avro(stack, RejectedRecord.class))) {
        consumer.subscribe(List.of(TopicDefaults.REJECTED));
        await("both hostile records are rejected")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ZERO)
            .until(
                () -> {
                  consumer.poll(Duration.ofMillis(200)).forEach(r -> rejected.add(r.value()));
                  return rejected.size() >= 2;
                });
      }
      assertThat(rejected).hasSize(2);
      RejectedRecord r0 =
          rejected.stream()
              .filter(
                  r ->
                      r.getSourcePartition() == sale.partition()
                          && r.getSourceOffset() == sale.offset())
              .findFirst()
              .orElseThrow();
      assertThat(r0.getReason()).startsWith("record too large: ");
      assertThat(r0.getOriginalValueTruncated()).isTrue();
      assertThat(r0.getOriginalValueSize()).isGreaterThan(600_000);
      assertThat(r0.getOriginalValue().remaining()).isEqualTo(65_536);
      assertThat(r0.getOriginalValueSha256()).hasSize(64);
      RejectedRecord r1 =
          rejected.stream()
              .filter(
                  r ->
                      r.getSourcePartition() == junk.partition()
                          && r.getSourceOffset() == junk.offset())
              .findFirst()
              .orElseThrow();
      assertThat(r1.getReason())
          .isEqualTo(
              "record too large: 900014 bytes of key and value, more than the limit of 65536");
      assertThat(r1.getOriginalValueSize()).isEqualTo(900_000);
      assertThat(engine.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
      assertThat(engine.metrics().count("massbalance.rejected", "reason", "too_large"))
          .isEqualTo(2);
    }
  }
}
