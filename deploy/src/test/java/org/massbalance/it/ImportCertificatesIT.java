package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Alert;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.producers.ingest.Ingester;
import org.massbalance.topics.TopicDefaults;

/**
 * Import certificates across keys, instances and a crash: two engine processes of one application
 * on a 4-partition stack; a certificate's draws come from two sites whose keys lie on different
 * partitions (so from ledger tasks that may run on either instance), re-keyed by certificate number
 * to the one task that holds the certificate. One engine is SIGKILLed while the draws are being
 * written and processed, and started again. The draws add up to the certified quantity plus one
 * draw: exactly one IMPORT_CERTIFICATE_OVERDRAWN, with the excess of that draw, is committed to the
 * alert topic (read read_committed), and both instances answer the certificate with every draw.
 */
class ImportCertificatesIT {

  private static final String APP_ID = "massbalance-import-certificates-it";
  private static final String CERT = "840-1234567890-000001";
  private static final String PRODUCT = "PECANS";
  private static final int PARTITIONS = 4;
  private static final int DRAWS = 101;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path tmp;

  @Test
  void drawsFromTwoSitesOnTwoPartitionsRaiseOneOverdrawnExactlyOnceAcrossAKill() throws Exception {
    try (LocalStack stack = ApiItSupport.startStack(tmp.resolve("stack"), PARTITIONS)) {
      ApiItSupport.ingestReference(stack);
      List<String> sites = twoSitesOnDifferentPartitions();
      Ingester ingester = ItSupport.ingester(stack);
      try (EngineProcess a = new EngineProcess(tmp.resolve("engine-a"), settings(stack, "a"));
          EngineProcess b = new EngineProcess(tmp.resolve("engine-b"), settings(stack, "b"))) {
        a.start();
        b.start();
        awaitReady(a, b);
        ApiItSupport.ingestText(
            stack,
            ingester,
            Dataset.IMPORT_CERTIFICATES,
            "certificate_number,product_id,hts_code,quantity,unit,valid_from,valid_to,exporter,"
                + "importer_nop_id,certifier,origin_country\n"
                + CERT
                + ",PECANS,0802900000,1000,kg,2025-10-01,2025-12-31,Nogales Export,8150000016,"
                + "CCOF,MX\n");
        await("the certificate's record is known")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> certificate(a).path("known").asBoolean(false));

        // 101 receipts of 10 kg from Mexico, alternating between the two sites: 1010 kg drawn
        // from 1000 kg certified. Engine b is killed while they are written and processed.
        StringBuilder csv =
            new StringBuilder(
                "movement_id,type,occurred_at,site_id,product_id,quantity,unit,supplier_id,"
                    + "supplier_nop_id,origin_country,import_certificate\n");
        for (int i = 0; i < DRAWS; i++) {
          csv.append(
              String.format(
                  "imp-%03d,RECEIPT,2025-11-%02dT12:00:00Z,%s,%s,10,kg,VNG,8150000016,MX,%s%n",
                  i, 1 + i % 28, sites.get(i % 2), PRODUCT, CERT));
        }
        String[] lines = csv.toString().split("\n", -1);
        String header = lines[0] + "\n";
        int half = DRAWS / 2;
        ApiItSupport.ingestText(
            stack,
            ingester,
            Dataset.MOVEMENTS,
            header + String.join("\n", List.of(lines).subList(1, 1 + half)) + "\n");
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
          Future<Long> rest =
              sender.submit(
                  () ->
                      ApiItSupport.ingestText(
                          stack,
                          ingester,
                          Dataset.MOVEMENTS,
                          header
                              + String.join("\n", List.of(lines).subList(1 + half, 1 + DRAWS))
                              + "\n"));
          b.kill();
          assertThat(rest.get()).isEqualTo(DRAWS - half);
        } finally {
          sender.shutdownNow();
        }
        b.start();
        awaitReady(a, b);

        await("every draw counted, on both instances")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  for (EngineProcess e : List.of(a, b)) {
                    JsonNode c = certificate(e);
                    assertThat(c.path("received").asText()).as(c.toString()).isEqualTo("1010");
                    assertThat(c.path("draws").asLong()).isEqualTo(DRAWS);
                  }
                });
        JsonNode c = certificate(b);
        assertThat(c.path("certified").asText()).isEqualTo("1000");
        assertThat(c.path("remaining").asText()).isEqualTo("-10");
        assertThat(c.path("overdrawn").asBoolean()).isTrue();
        Set<String> drawnAt = new HashSet<>();
        Set<String> movements = new HashSet<>();
        c.path("movements").forEach(m -> drawnAt.add(m.path("site_id").asText()));
        c.path("movements").forEach(m -> movements.add(m.path("movement_id").asText()));
        assertThat(drawnAt).containsExactlyInAnyOrderElementsOf(sites);
        assertThat(movements).hasSize(DRAWS);

        List<Alert> alerts = new ArrayList<>();
        await("the alert committed")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  alerts.clear();
                  for (ConsumerRecord<String, Alert> r :
                      ItSupport.readCommitted(
                          stack, TopicDefaults.ALERTS, ItSupport.avro(stack, Alert.class))) {
                    if (r.value().getType().startsWith("IMPORT_CERTIFICATE_")) {
                      alerts.add(r.value());
                    }
                  }
                  assertThat(alerts).isNotEmpty();
                });
        assertThat(alerts)
            .as("exactly one import certificate alert: the draw beyond the certified quantity")
            .singleElement()
            .satisfies(
                alert -> {
                  assertThat(alert.getType()).isEqualTo("IMPORT_CERTIFICATE_OVERDRAWN");
                  assertThat(alert.getQuantity()).isEqualTo("10");
                  assertThat(alert.getUnit()).isEqualTo("kg");
                  assertThat(alert.getSiteId()).isIn(sites);
                  assertThat(alert.getDetails()).containsEntry("received_after", "1010");
                });
      }
    }
  }

  private Properties settings(LocalStack stack, String instance) {
    Properties p =
        ReliabilitySupport.engineSettings(stack, tmp.resolve("state-" + instance), APP_ID);
    p.put("num.standby.replicas", "1");
    p.put("commit.interval.ms", "100");
    p.put("main.consumer.group.instance.id", "import-it-" + instance);
    return p;
  }

  /**
   * Two of the reference data's US sites whose {@code site|PECANS} keys the producers' partitioner
   * (murmur2) puts on different partitions of {@value #PARTITIONS}.
   */
  private static List<String> twoSitesOnDifferentPartitions() {
    List<String> candidates = new ArrayList<>(List.of("FRESNO", "OAKLAND"));
    candidates.addAll(ApiItSupport.EXTRA_SITES);
    for (String first : candidates) {
      for (String second : candidates) {
        if (partition(first) != partition(second)) {
          return List.of(first, second);
        }
      }
    }
    throw new IllegalStateException("every site's key on one partition");
  }

  private static int partition(String site) {
    byte[] key = TopicDefaults.movementKey(site, PRODUCT).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
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

  private static JsonNode certificate(EngineProcess engine) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        engine.apiUrl() + "/api/v1/import-certificates/" + CERT + "?limit=1000"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200
        ? ApiItSupport.JSON.readTree(r.body())
        : ApiItSupport.JSON.createObjectNode();
  }
}
