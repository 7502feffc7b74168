package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.ReservationResult;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.producers.ingest.Ingester;
import org.massbalance.topics.TopicDefaults;

/**
 * Reservations under load, across instances and a crash: two engine processes of one application on
 * a 4-partition stack; 100 keys each hold 10 kg certified (and 5 kg not certified, which never
 * counts). A client sends 1,000 concurrent reservation requests over HTTP to both instances (1 to 4
 * kg each, about 25 kg asked per key); one engine is SIGKILLed during the run, and a request it did
 * not answer is sent again, with the same id, to the other. Every id gets exactly one verdict
 * (repeats answer the same), and the accepted quantities of no key exceed its certified stock.
 */
class ReservationsIT {

  private static final String APP_ID = "massbalance-reservations-it";
  private static final String PRODUCT = "RSV-OATS";
  private static final int PARTITIONS = 4;
  private static final int KEYS = 100;
  private static final int REQUESTS = 1000;
  private static final BigDecimal CERTIFIED = new BigDecimal("10");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path tmp;

  private static String site(int k) {
    return String.format("RS%02d", k);
  }

  @Test
  void accepted1000ConcurrentReservationsNeverExceedCertifiedStockAcrossAKill() throws Exception {
    try (LocalStack stack = ApiItSupport.startStack(tmp.resolve("stack"), PARTITIONS)) {
      ApiItSupport.ingestReference(stack);
      Ingester ingester = ItSupport.ingester(stack);
      StringBuilder sites = new StringBuilder("site_id,name,time_zone,country\n");
      StringBuilder receipts =
          new StringBuilder(
              "movement_id,type,occurred_at,site_id,product_id,quantity,unit,lot_id,supplier_id,"
                  + "supplier_nop_id\n");
      for (int k = 0; k < KEYS; k++) {
        sites.append(site(k)).append(",Reservation site,UTC,US\n");
        receipts.append(
            String.format(
                "c-%02d,RECEIPT,2025-11-03,%s,%s,10,kg,C-%02d,VNG,8150000016%n",
                k, site(k), PRODUCT, k));
        receipts.append(
            String.format(
                "u-%02d,RECEIPT,2025-11-02,%s,%s,5,kg,U-%02d,LOCAL,%n", k, site(k), PRODUCT, k));
      }
      ApiItSupport.ingestText(stack, ingester, Dataset.SITES, sites.toString());
      ApiItSupport.ingestText(
          stack,
          ingester,
          Dataset.PRODUCTS,
          "product_id,name,unit,organic,tolerance_pct,lot_prefix\n"
              + PRODUCT
              + ",Rolled oats,kg,true,5.0,RSV\n");
      try (EngineProcess a = new EngineProcess(tmp.resolve("engine-a"), settings(stack, "a"));
          EngineProcess b = new EngineProcess(tmp.resolve("engine-b"), settings(stack, "b"))) {
        a.start();
        b.start();
        awaitReady(a, b);
        ApiItSupport.ingestText(stack, ingester, Dataset.MOVEMENTS, receipts.toString());
        await("every key holds 10 kg certified of 15 kg on hand")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  for (int k = 0; k < KEYS; k++) {
                    JsonNode av = availability(a, k, "10");
                    if (!"10".equals(av.path("certified").asText())
                        || !"15".equals(av.path("on_hand").asText())) {
                      return false;
                    }
                  }
                  return true;
                });
        JsonNode first = availability(b, 0, "10");
        assertThat(first.path("can_fill").asBoolean()).isTrue();
        assertThat(first.path("proposed_lots").get(0).path("lot_id").asText()).isEqualTo("U-00");
        assertThat(first.path("proposed_lots").get(0).path("certified").asBoolean()).isFalse();

        String expires = Instant.now().plus(Duration.ofHours(1)).toString();
        Random random = new Random(34);
        int[] quantities = new int[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
          quantities[i] = 1 + random.nextInt(4);
        }
        Map<String, JsonNode> answers = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        EngineProcess[] engines = {a, b};
        ExecutorService client = Executors.newFixedThreadPool(32);
        List<Future<?>> sent = new ArrayList<>();
        try {
          for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            sent.add(
                client.submit(
                    () -> {
                      String id = String.format("res-%04d", n);
                      String body =
                          String.format(
                              "{\"reservation_id\":\"%s\",\"site_id\":\"%s\",\"product_id\":\"%s\","
                                  + "\"quantity\":\"%d\",\"unit\":\"kg\",\"expires_at\":\"%s\","
                                  + "\"requested_by\":\"it\"}",
                              id, site(n % KEYS), PRODUCT, quantities[n], expires);
                      JsonNode answer = reserve(engines, n % 2, body, retries);
                      answers.put(id, answer);
                      answered.incrementAndGet();
                      return null;
                    }));
          }
          await("a third answered")
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> answered.get() >= REQUESTS / 3);
          b.kill();
          for (Future<?> f : sent) {
            f.get();
          }
        } finally {
          client.shutdownNow();
        }
        assertThat(answers).hasSize(REQUESTS);

        // the committed verdicts: one per id (a repeat's answer equals the first)
        Map<String, List<ReservationResult>> byId = new HashMap<>();
        await("every verdict committed")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  byId.clear();
                  for (ConsumerRecord<String, ReservationResult> r :
                      ItSupport.readCommitted(
                          stack,
                          TopicDefaults.RESERVATION_RESULTS,
                          ItSupport.avro(stack, ReservationResult.class))) {
                    byId.computeIfAbsent(r.key(), x -> new ArrayList<>()).add(r.value());
                  }
                  assertThat(byId).hasSize(REQUESTS);
                });
        Map<String, BigDecimal> acceptedByKey = new HashMap<>();
        int accepted = 0;
        int refused = 0;
        for (Map.Entry<String, List<ReservationResult>> e : byId.entrySet()) {
          ReservationResult firstVerdict = e.getValue().get(0);
          for (ReservationResult again : e.getValue()) {
            assertThat(again.getStatus()).as(e.getKey()).isEqualTo(firstVerdict.getStatus());
            assertThat(again.getAvailable()).as(e.getKey()).isEqualTo(firstVerdict.getAvailable());
          }
          assertThat(answers.get(e.getKey()).path("status").asText())
              .as("the client's answer for %s", e.getKey())
              .isEqualTo(firstVerdict.getStatus());
          if ("ACCEPTED".equals(firstVerdict.getStatus())) {
            accepted++;
            acceptedByKey.merge(
                firstVerdict.getSiteId(),
                new BigDecimal(firstVerdict.getQuantity()),
                BigDecimal::add);
          } else {
            refused++;
            assertThat(firstVerdict.getReason()).startsWith("insufficient certified stock");
          }
        }
        BigDecimal max =
            acceptedByKey.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        System.out.printf(
            "ReservationsIT: %d requests, %d accepted, %d refused, %d sent again after the kill,"
                + " %d ids answered more than once on the topic; per-key accepted max %s kg of %s kg"
                + " certified%n",
            REQUESTS,
            accepted,
            refused,
            retries.get(),
            byId.values().stream().filter(l -> l.size() > 1).count(),
            max.toPlainString(),
            CERTIFIED.toPlainString());
        assertThat(accepted + refused).isEqualTo(REQUESTS);
        assertThat(acceptedByKey.values())
            .allSatisfy(q -> assertThat(q).isLessThanOrEqualTo(CERTIFIED));

        // the surviving instance holds what was accepted, once each
        for (int k = 0; k < KEYS; k++) {
          JsonNode av = availability(a, k, "1");
          BigDecimal held = acceptedByKey.getOrDefault(site(k), BigDecimal.ZERO);
          assertThat(new BigDecimal(av.path("reserved").asText()))
              .as("reserved at %s", site(k))
              .isEqualByComparingTo(held);
          assertThat(new BigDecimal(av.path("available").asText()))
              .isEqualByComparingTo(CERTIFIED.subtract(held));
        }
      }
    }
  }

  /**
   * Posts a reservation to engine {@code first} and, while it is not answered (the engine killed, a
   * 202 after 5 s, a 503), the same request again to the other live engine.
   */
  private static JsonNode reserve(
      EngineProcess[] engines, int first, String body, AtomicInteger retries) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int at = first;
    int attempt = 0;
    while (System.nanoTime() < deadline) {
      EngineProcess e = engines[at];
      if (e.isAlive()) {
        try {
          HttpResponse<String> r =
              HTTP.send(
                  HttpRequest.newBuilder(URI.create(e.apiUrl() + "/api/v1/reservations"))
                      .timeout(Duration.ofSeconds(20))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return ApiItSupport.JSON.readTree(r.body());
          }
          assertThat(r.statusCode()).as(r.body()).isIn(202, 503);
        } catch (java.io.IOException ex) {
          // the engine went away: send again elsewhere
        }
      }
      attempt++;
      retries.incrementAndGet();
      at = 1 - at;
      if (attempt % 2 == 0) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("no answer within 120 s: " + body);
  }

  private static JsonNode availability(EngineProcess e, int k, String quantity) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        e.apiUrl()
                            + "/api/v1/availability/"
                            + site(k)
                            + "/"
                            + PRODUCT
                            + "?quantity="
                            + quantity
                            + "&unit=kg"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200
        ? ApiItSupport.JSON.readTree(r.body())
        : ApiItSupport.JSON.createObjectNode();
  }

  private Properties settings(LocalStack stack, String instance) {
    Properties p =
        ReliabilitySupport.engineSettings(stack, tmp.resolve("state-" + instance), APP_ID);
    p.put("num.standby.replicas", "1");
    p.put("commit.interval.ms", "100");
    p.put("main.consumer.group.instance.id", "reservations-it-" + instance);
    return p;
  }

  private static void awaitReady(EngineProcess... engines) {
    await("engines ready")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              for (EngineProcess e : engines) {
                if (e.status("/health/ready") != 200) {
                  return false;
                }
              }
              return true;
            });
  }
}
