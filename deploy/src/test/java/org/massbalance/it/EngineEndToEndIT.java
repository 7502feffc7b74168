package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.query.BalanceView;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.topics.TopicDefaults;

/**
 * The whole path on a real broker and registry: demo CSVs through the ingester, the engine with
 * exactly-once, alerts read back read_committed, queries, health, bad input and re-routing.
 */
class EngineEndToEndIT {

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " -> " + r.body()).isEqualTo(200);
    return r.body();
  }

  private static final String APP_ID = "massbalance-e2e-it";

  @TempDir Path tmp;

  @Test
  void demoDataRaisesExactlyTheTwoAlertsAndBadInputIsRejectedOrRerouted() throws Exception {
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        EngineRunner engine =
            ItSupport.startEngineWithDemoReference(
                stack, ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID))) {
      long movements = ItSupport.ingestDemo(stack);
      assertThat(movements).isEqualTo(13);
      ItSupport.awaitApplied(engine, movements);
      ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);

      // Alerts: exactly one OVERSELL and one VARIANCE_EXCEEDED, nothing else.
      List<Alert> alerts =
          ItSupport.readCommitted(stack, TopicDefaults.ALERTS, ItSupport.avro(stack, Alert.class))
              .stream()
              .map(ConsumerRecord::value)
              .toList();
      assertThat(alerts)
          .extracting(Alert::getType)
          .containsExactlyInAnyOrder("OVERSELL", "VARIANCE_EXCEEDED");
      Alert oversell = only(alerts, "OVERSELL");
      assertThat(oversell.getSiteId()).isEqualTo("OAKLAND");
      assertThat(oversell.getProductId()).isEqualTo("WALNUTS");
      assertThat(oversell.getQuantity()).isEqualTo("50");
      assertThat(oversell.getUnit()).isEqualTo("kg");
      assertThat(oversell.getMovementId()).isEqualTo("d-002");
      assertThat(oversell.getSeverity()).isEqualTo("CRITICAL");
      Alert variance = only(alerts, "VARIANCE_EXCEEDED");
      assertThat(variance.getSiteId()).isEqualTo("OAKLAND");
      assertThat(variance.getProductId()).isEqualTo("PECANS");
      assertThat(variance.getQuantity()).isEqualTo("-60");
      assertThat(variance.getUnit()).isEqualTo("kg");
      assertThat(variance.getMovementId()).isEqualTo("d-005");
      assertThat(oversell.getAlertId()).isNotBlank().isNotEqualTo(variance.getAlertId());

      // The contract's almonds month.
      BalanceView almonds = engine.queries().balance("FRESNO", "ALMONDS").orElseThrow();
      assertThat(almonds.unit().symbol()).isEqualTo("lb");
      assertThat(almonds.book()).isEqualByComparingTo("715");
      assertThat(almonds.lastCountVarianceKg()).isNotNull();
      assertThat(almonds.unit().fromKg(almonds.lastCountVarianceKg())).isEqualByComparingTo("-5");

      // Good data: nothing rejected.
      assertThat(
              ItSupport.readCommitted(
                  stack, TopicDefaults.REJECTED, ItSupport.avro(stack, RejectedRecord.class)))
          .isEmpty();

      // Health.
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest ready =
          HttpRequest.newBuilder(URI.create(engine.apiUrl() + "/health/ready")).build();
      await("ready")
          .atMost(ItSupport.DEADLINE)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

      // The example's lots and trace through the API (contract: Lots and traceability).
      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper();
      var balance = json.readTree(get(http, engine.apiUrl() + "/api/v1/balances/FRESNO/ALMONDS"));
      assertThat(balance.path("book_balance").asText()).isEqualTo("715");
      assertThat(balance.path("unit").asText()).isEqualTo("lb");
      assertThat(balance.path("lots").size()).isEqualTo(1);
      assertThat(balance.path("lots").get(0).path("lot_id").asText()).isEqualTo("ALM-20251120-001");
      assertThat(balance.path("lots").get(0).path("remaining").asText()).isEqualTo("715");
      var lot =
          json.readTree(
              get(http, engine.apiUrl() + "/api/v1/lots/FRESNO/ALMONDS/ALM-20251109-001"));
      assertThat(lot.path("received").asText()).isEqualTo("1000");
      assertThat(lot.path("remaining").asText()).isEqualTo("0");
      assertThat(lot.path("supplier_nop_id").asText()).isEqualTo("8150000016");
      List<String> draws = new java.util.ArrayList<>();
      lot.path("allocations")
          .forEach(
              a -> draws.add(a.path("document_ref").asText() + "=" + a.path("quantity").asText()));
      assertThat(draws).containsExactly("SO-5501=100", "SO-5523=500", "WD-0042=30", "SO-5560=370");
      var trace = json.readTree(get(http, engine.apiUrl() + "/api/v1/trace/FRESNO/ALMONDS/m-007"));
      List<String> traced = new java.util.ArrayList<>();
      trace
          .path("lots")
          .forEach(
              l ->
                  traced.add(
                      l.path("lot_id").asText()
                          + "="
                          + l.path("quantity").asText()
                          + "@"
                          + l.path("supplier_nop_id").asText()));
      assertThat(traced)
          .containsExactly("ALM-20251109-001=370@8150000016", "ALM-20251120-001=30@8150000016");

      // Bad input: random bytes go to the rejected topic with their bytes and origin.
      byte[] garbage = new byte[64];
      new Random(42).nextBytes(garbage);
      garbage[0] = 0x7f; // never the Confluent magic byte
      RecordMetadata sent;
      try (Producer<String, byte[]> raw =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  stack.bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              new ByteArraySerializer())) {
        sent =
            raw.send(new ProducerRecord<>(TopicDefaults.MOVEMENTS, "FRESNO|ALMONDS", garbage))
                .get();
      }

      // A valid movement with a wrong key: re-routed and applied.
      Movement receipt =
          Movement.newBuilder()
              .setMovementId("m-009")
              .setType("RECEIPT")
              .setOccurredAt("2025-12-01")
              .setSiteId("FRESNO")
              .setProductId("ALMONDS")
              .setQuantity("100")
              .setUnit("lb")
              .setSupplierId("VNG")
              .setSupplierLot("VNG-7901")
              .setSupplierNopId("8150000016")
              .setDocumentRef("PO-1040")
              .build();
      try (Producer<String, Movement> producer =
          new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of())
              .create(Movement.class)) {
        producer.send(new ProducerRecord<>(TopicDefaults.MOVEMENTS, "wrong-key", receipt)).get();
      }

      List<RejectedRecord> rejected = new ArrayList<>();
      try (KafkaConsumer<String, RejectedRecord> consumer =
          ItSupport.consumer(stack, ItSupport.avro(stack, RejectedRecord.class))) {
        consumer.subscribe(List.of(TopicDefaults.REJECTED));
        await("the random bytes are rejected")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ZERO)
            .until(
                () -> {
                  consumer.poll(Duration.ofMillis(200)).forEach(r -> rejected.add(r.value()));
                  return !rejected.isEmpty();
                });
      }
      assertThat(rejected).hasSize(1);
      RejectedRecord r = rejected.get(0);
      assertThat(bytes(r.getOriginalValue())).isEqualTo(garbage);
      assertThat(r.getSourceTopic()).isEqualTo(TopicDefaults.MOVEMENTS);
      assertThat(r.getSourcePartition()).isEqualTo(sent.partition());
      assertThat(r.getSourceOffset()).isEqualTo(sent.offset());
      assertThat(r.getReason()).isNotBlank();

      await("the wrongly keyed receipt is applied")
          .atMost(ItSupport.DEADLINE)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  engine
                      .queries()
                      .balance("FRESNO", "ALMONDS")
                      .map(b -> b.book().compareTo(new BigDecimal("815")) == 0)
                      .orElse(false));
      assertThat(engine.queries().balance("FRESNO", "ALMONDS").orElseThrow().movements())
          .isEqualTo(9);
      ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
      assertThat(
              ItSupport.readCommitted(
                  stack, TopicDefaults.REJECTED, ItSupport.avro(stack, RejectedRecord.class)))
          .hasSize(1);
    }
  }

  private static Alert only(List<Alert> alerts, String type) {
    List<Alert> of = alerts.stream().filter(a -> a.getType().equals(type)).toList();
    assertThat(of).as(type).hasSize(1);
    return of.get(0);
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
