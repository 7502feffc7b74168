package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.query.BalanceView;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.topics.TopicDefaults;

/**
 * De-duplication survives the loss of the local state: the contract recognises a repeated
 * movement_id within the horizon, and the engine keeps what it needs for that in the history
 * store's changelog (the index is derived on restore, ADR 19). A first engine applies receipts; a
 * second one on the same application id but an empty state directory restores from the changelogs
 * and then receives identical repeats (applied once, counted as duplicates) and repeats with other
 * quantities (rejected as conflicting duplicates, the first kept).
 */
class DeduplicationRestoreIT {

  private static final String APP_ID = "massbalance-dedup-restore-it";
  private static final List<String[]> KEYS =
      List.of(
          new String[] {"DR-A", "P1"}, new String[] {"DR-A", "P2"}, new String[] {"DR-B", "P1"});
  private static final Instant START = Instant.parse("2025-11-01T00:00:00Z");
  private static final int FIRST = 300;
  private static final int IDENTICAL = 120;
  private static final int CONFLICTING = 30;
  private static final int NEW = 60;

  @TempDir Path tmp;

  @Test
  void shouldRecogniseRepeatsAfterTheStateIsRestoredFromItsChangelogs() throws Exception {
    List<ProducerRecord<String, Movement>> first = new ArrayList<>();
    Map<String, BigDecimal> expected = new TreeMap<>();
    for (int i = 0; i < FIRST + NEW; i++) {
      String[] k = KEYS.get(i % KEYS.size());
      BigDecimal qty = new BigDecimal((i % 9 + 1) + ".125");
      expected.merge(TopicDefaults.movementKey(k[0], k[1]), qty, BigDecimal::add);
      first.add(receipt("r-" + i, k, i, qty));
    }
    List<ProducerRecord<String, Movement>> repeats = new ArrayList<>();
    for (int i = 0; i < IDENTICAL; i++) {
      repeats.add(receipt("r-" + i, KEYS.get(i % KEYS.size()), i, qty(i)));
    }
    for (int i = IDENTICAL; i < IDENTICAL + CONFLICTING; i++) {
      repeats.add(
          receipt("r-" + i, KEYS.get(i % KEYS.size()), i, qty(i).add(new BigDecimal("1000"))));
    }

    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        Producer<String, Movement> producer =
            new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of())
                .create(Movement.class)) {
      try (EngineRunner engine =
          EngineRunner.start(ItSupport.engineSettings(stack, tmp.resolve("state-1"), APP_ID))) {
        send(producer, first.subList(0, FIRST));
        ItSupport.awaitApplied(engine, FIRST);
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
      }

      // an empty state directory: every store is restored from its changelog
      try (EngineRunner engine =
          EngineRunner.start(ItSupport.engineSettings(stack, tmp.resolve("state-2"), APP_ID))) {
        send(producer, repeats);
        send(producer, first.subList(FIRST, FIRST + NEW));
        ItSupport.awaitApplied(engine, FIRST + NEW);
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);

        Map<String, BigDecimal> books = new TreeMap<>();
        long applied = 0;
        for (BalanceView b : engine.queries().balances()) {
          books.put(TopicDefaults.movementKey(b.siteId(), b.productId()), b.bookKg());
          applied += b.movements();
        }
        assertThat(applied).as("movements applied").isEqualTo(FIRST + NEW);
        assertThat(books.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
            (key, sum) -> assertThat(books.get(key)).as(key).isEqualByComparingTo(sum));
        assertThat(engine.metrics().registry().find(EngineMetrics.DUPLICATES).counter().count())
            .as("identical repeats counted")
            .isEqualTo(IDENTICAL);
      }

      List<String> conflictingIds = new ArrayList<>();
      for (int i = IDENTICAL; i < IDENTICAL + CONFLICTING; i++) {
        conflictingIds.add("r-" + i);
      }
      List<String> conflicting =
          ItSupport.readCommitted(
                  stack, TopicDefaults.REJECTED, ItSupport.avro(stack, RejectedRecord.class))
              .stream()
              .map(ConsumerRecord::value)
              .filter(r -> r.getReason().equals("conflicting duplicate"))
              .map(RejectedRecord::getMovementId)
              .toList();
      assertThat(conflicting)
          .as("conflicting duplicates rejected")
          .containsExactlyInAnyOrderElementsOf(conflictingIds);
    }
  }

  private static BigDecimal qty(int i) {
    return new BigDecimal((i % 9 + 1) + ".125");
  }

  private static ProducerRecord<String, Movement> receipt(
      String id, String[] k, int i, BigDecimal qty) {
    Movement m =
        Movement.newBuilder()
            .setMovementId(id)
            .setType("RECEIPT")
            .setOccurredAt(START.plusSeconds(60L * i).toString())
            .setSiteId(k[0])
            .setProductId(k[1])
            .setQuantity(qty.toPlainString())
            .setUnit("kg")
            .setDocumentRef("PO-" + i)
            .build();
    return new ProducerRecord<>(TopicDefaults.MOVEMENTS, TopicDefaults.movementKey(k[0], k[1]), m);
  }

  private static void send(
      Producer<String, Movement> producer, List<ProducerRecord<String, Movement>> records)
      throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (ProducerRecord<String, Movement> r : records) {
      acks.add(producer.send(r));
    }
    producer.flush();
    for (Future<RecordMetadata> f : acks) {
      f.get();
    }
  }
}
