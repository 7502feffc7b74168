package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;
import org.massbalance.engine.query.BalanceView;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.topics.TopicDefaults;

/**
 * Exactly-once across a restart: generated receipts and sales for a few keys, the engine closed
 * half-way and a new one started on the same application id and state directory; every book must
 * equal its exact sum and the alert topic (read_committed) must hold no alert twice.
 */
class ExactlyOnceRestartIT {

  private static final String APP_ID = "massbalance-eos-it";
  private static final int N = 2_000;
  private static final List<String[]> KEYS =
      List.of(
          new String[] {"EOS-A", "P1"},
          new String[] {"EOS-A", "P2"},
          new String[] {"EOS-B", "P1"},
          new String[] {"EOS-B", "P2"});
  private static final Instant START = Instant.parse("2025-11-01T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void restartHalfWayNeitherLosesNorDoubleCounts() throws Exception {
    Map<String, BigDecimal> expected = new TreeMap<>();
    List<ProducerRecord<String, Movement>> records = new java.util.ArrayList<>();
    long oversells = 0;
    long wastes = 0;
    for (int i = 0; i < N; i++) {
      String[] k = KEYS.get(i % KEYS.size());
      int seq = i / KEYS.size();
      String type;
      BigDecimal qty;
      if (seq % 100 == 99) {
        type = "SALE"; // a large one: oversells
        qty = new BigDecimal("400");
      } else if (seq % 10 == 5) {
        type = "WASTE"; // no reason, no document: WASTE_UNDOCUMENTED
        qty = new BigDecimal("0.25");
      } else if (seq % 4 == 3) {
        type = "SALE";
        qty = new BigDecimal((seq % 7 + 1) + ".5");
      } else {
        type = "RECEIPT";
        qty = new BigDecimal((seq % 9 + 1) + ".125");
      }
      boolean receipt = type.equals("RECEIPT");
      String key = TopicDefaults.movementKey(k[0], k[1]);
      BigDecimal book = expected.getOrDefault(key, BigDecimal.ZERO);
      if (!receipt && qty.compareTo(book) > 0) {
        oversells++;
      }
      if (type.equals("WASTE")) {
        wastes++;
      }
      expected.put(key, receipt ? book.add(qty) : book.subtract(qty));
      Movement m =
          Movement.newBuilder()
              .setMovementId("g-" + seq)
              .setType(type)
              .setOccurredAt(START.plusSeconds(60L * seq).toString())
              .setSiteId(k[0])
              .setProductId(k[1])
              .setQuantity(qty.toPlainString())
              .setUnit("kg")
              .setCounterpartyId(type.equals("SALE") ? "CUST-1" : null)
              .setDocumentRef(type.equals("WASTE") ? null : "DOC-" + seq)
              .build();
      records.add(new ProducerRecord<>(TopicDefaults.MOVEMENTS, key, m));
    }
    assertThat(oversells).isPositive();

    long started = System.nanoTime();
    Path state = tmp.resolve("state");
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        Producer<String, Movement> producer =
            new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of())
                .create(Movement.class)) {
      long appliedAtClose;
      try (EngineRunner first = EngineRunner.start(settings(stack, state))) {
        send(producer, records.subList(0, N / 2));
        ItSupport.awaitApplied(first, 1);
        appliedAtClose = ItSupport.applied(first);
      }
      System.out.printf(
          "first engine closed after applying %d movements (%.1f s)%n",
          appliedAtClose, (System.nanoTime() - started) / 1e9);
      send(producer, records.subList(N / 2, N));
      try (EngineRunner second = EngineRunner.start(settings(stack, state))) {
        ItSupport.awaitApplied(second, N);
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
        System.out.printf(
            "second engine caught up (%.1f s)%n", (System.nanoTime() - started) / 1e9);

        Map<String, BigDecimal> books = new TreeMap<>();
        long applied = 0;
        for (BalanceView b : second.queries().balances()) {
          books.put(TopicDefaults.movementKey(b.siteId(), b.productId()), b.bookKg());
          applied += b.movements();
        }
        assertThat(applied).isEqualTo(N);
        assertThat(books.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
            (key, sum) -> assertThat(books.get(key)).as(key).isEqualByComparingTo(sum));
      }

      List<Alert> alerts =
          ItSupport.readCommitted(stack, TopicDefaults.ALERTS, ItSupport.avro(stack, Alert.class))
              .stream()
              .map(ConsumerRecord::value)
              .toList();
      Map<String, Long> byId =
          alerts.stream().collect(Collectors.groupingBy(Alert::getAlertId, Collectors.counting()));
      Map<String, Long> duplicates = new LinkedHashMap<>();
      byId.forEach(
          (id, n) -> {
            if (n > 1) {
              duplicates.put(id, n);
            }
          });
      Map<String, Long> byType =
          alerts.stream()
              .collect(Collectors.groupingBy(Alert::getType, TreeMap::new, Collectors.counting()));
      System.out.println("alerts by type: " + byType);
      assertThat(duplicates).as("alert ids seen more than once").isEmpty();
      assertThat(byType.get("OVERSELL")).as("OVERSELL alerts").isEqualTo(oversells);
      assertThat(byType.get("WASTE_UNDOCUMENTED"))
          .as("WASTE_UNDOCUMENTED alerts")
          .isEqualTo(wastes);
      Map<String, Alert> perMovement = new HashMap<>();
      for (Alert a : alerts) {
        String about =
            a.getType() + "|" + a.getSiteId() + "|" + a.getProductId() + "|" + a.getMovementId();
        assertThat(perMovement.put(about, a)).as("second alert about " + about).isNull();
      }
      System.out.printf("done (%.1f s)%n", (System.nanoTime() - started) / 1e9);
    }
  }

  /**
   * The engine's settings. EngineRunner.close() leaves the group, so the restarted engine
   * rebalances at once rather than after the old member's session timeout.
   */
  private static java.util.Properties settings(LocalStack stack, Path state) {
    return ItSupport.engineSettings(stack, state, APP_ID);
  }

  private static void send(
      Producer<String, Movement> producer, List<ProducerRecord<String, Movement>> records)
      throws Exception {
    List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks =
        new java.util.ArrayList<>();
    for (ProducerRecord<String, Movement> r : records) {
      acks.add(producer.send(r));
    }
    producer.flush();
    for (var f : acks) {
      f.get();
    }
  }
}
