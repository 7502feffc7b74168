package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.topics.TopicDefaults;

/**
 * The query API's guard rails on two engines sharing a token: the token on every /api call (and on
 * forwarded ones), open health endpoints, JSON errors, refused oversized headers, and /metrics as
 * Prometheus text with the domain meters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityIT {

  private static final String APP_ID = "massbalance-api-security-it";
  private static final String TOKEN = "Kq8vN2xR5tLm9wZp3cYh7jBd";
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir static Path tmp;

  private LocalStack stack;
  private EngineRunner a;
  private EngineRunner b;

  @BeforeAll
  void start() throws Exception {
    stack = ApiItSupport.startStack(tmp.resolve("stack"), 4);
    ApiItSupport.ingestReference(stack);
    a = EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state-a"), APP_ID, TOKEN));
    b = EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state-b"), APP_ID, TOKEN));
    ApiItSupport.awaitRunning(a, b);
    long movements = ApiItSupport.ingestMovements(stack);
    await("both engines apply " + movements + " movements")
        .atMost(ItSupport.DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ApiItSupport.applied(a, b) == movements);
    ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
    ApiItSupport.awaitRunning(a, b);
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {b, a, stack}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // closing the rest matters more
      }
    }
  }

  @Test
  void everyApiCallNeedsTheTokenButHealthDoesNot() throws Exception {
    String path = "/api/v1/balances/FRESNO/ALMONDS";
    for (EngineRunner e : List.of(a, b)) {
      ApiItSupport.Answer none = ApiItSupport.get(e.apiUrl(), path, null);
      assertError(none, 401);
      ApiItSupport.Answer wrong = ApiItSupport.get(e.apiUrl(), path, "not-" + TOKEN);
      assertError(wrong, 401);
      ApiItSupport.Answer almostRight =
          ApiItSupport.get(e.apiUrl(), path, null, Map.of("Authorization", TOKEN));
      assertError(almostRight, 401);
      assertError(ApiItSupport.get(e.apiUrl(), "/api/v1/alerts", null), 401);
      assertError(ApiItSupport.get(e.apiUrl(), "/api/v1/balances/FRESNO", null), 401);

      ApiItSupport.Answer right = ApiItSupport.get(e.apiUrl(), path, TOKEN);
      assertThat(right.status()).as(right.body()).isEqualTo(200);
      assertThat(right.json().path("book_balance").asText()).isEqualTo("715");

      assertThat(ApiItSupport.get(e.apiUrl(), "/health/live", null).status()).isEqualTo(200);
      await("ready without a token")
          .atMost(ItSupport.DEADLINE)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> ApiItSupport.get(e.apiUrl(), "/health/ready", null).status() == 200);
      assertThat(ApiItSupport.get(e.apiUrl(), "/metrics", null).status()).isEqualTo(200);
    }
  }

  @Test
  void errorsAreJsonWithTheirStatus() throws Exception {
    String url = a.apiUrl();
    assertError(ApiItSupport.get(url, "/nowhere", null), 404);
    assertError(ApiItSupport.get(url, "/api/v1/nowhere", TOKEN), 404);
    assertError(ApiItSupport.get(url, "/api/v1/snapshots/FRESNO/ALMONDS/2025-13", TOKEN), 400);
    assertError(ApiItSupport.get(url, "/api/v1/snapshots/FRESNO/ALMONDS/nov-2025", TOKEN), 400);
    assertError(ApiItSupport.get(url, "/api/v1/snapshots/consolidated/ALMONDS/2025-1", TOKEN), 400);
    assertError(ApiItSupport.get(url, "/api/v1/alerts?limit=1001", TOKEN), 400);
    assertError(ApiItSupport.get(url, "/api/v1/alerts?limit=0", TOKEN), 400);
    assertError(ApiItSupport.get(url, "/api/v1/alerts?limit=ten", TOKEN), 400);
    assertError(ApiItSupport.get(url, "/api/v1/balances/FRESNO?limit=1001", TOKEN), 400);
    assertThat(ApiItSupport.get(url, "/api/v1/alerts?limit=1000", TOKEN).status()).isEqualTo(200);
    for (EngineRunner e : List.of(a, b)) {
      assertError(ApiItSupport.get(e.apiUrl(), "/api/v1/balances/NOWHERE/ALMONDS", TOKEN), 404);
      assertError(ApiItSupport.get(e.apiUrl(), "/api/v1/balances/FRESNO/NOTHING", TOKEN), 404);
      assertError(ApiItSupport.get(e.apiUrl(), "/api/v1/balances/NOWHERE", TOKEN), 404);
      assertError(
          ApiItSupport.get(e.apiUrl(), "/api/v1/snapshots/FRESNO/ALMONDS/1999-01", TOKEN), 404);
      assertError(
          ApiItSupport.get(e.apiUrl(), "/api/v1/snapshots/consolidated/NOTHING/2025-11", TOKEN),
          404);
    }
  }

  @Test
  void anOversizedHeaderIsRefusedAsJsonWithoutAStackTrace() throws Exception {
    String big = "x".repeat(9 * 1024);
    ApiItSupport.Answer r =
        ApiItSupport.get(a.apiUrl(), "/api/v1/alerts", TOKEN, Map.of("X-Padding", big));
    assertError(r, 431);
    assertThat(r.body()).doesNotContain(".java").doesNotContain("<html");
    // The server is unharmed.
    assertThat(ApiItSupport.get(a.apiUrl(), "/api/v1/alerts", TOKEN).status()).isEqualTo(200);
  }

  @Test
  void aForwardedRequestCarriesTheToken() throws Exception {
    int checked = 0;
    for (String[] k : ApiItSupport.keys()) {
      KeyQueryMetadata m = ApiItSupport.owner(a, k[0], k[1]);
      EngineRunner notOwner = ApiItSupport.isAt(a, m.activeHost()) ? b : a;
      String path = "/api/v1/balances/" + k[0] + "/" + k[1];
      ApiItSupport.Answer r = ApiItSupport.get(notOwner.apiUrl(), path, TOKEN);
      assertThat(r.status()).as("%s via the other instance: %s", path, r.body()).isEqualTo(200);
      assertThat(r.json().path("stale").asBoolean()).isFalse();
      assertError(ApiItSupport.get(notOwner.apiUrl(), path, null), 401);
      checked++;
    }
    assertThat(checked).isEqualTo(ApiItSupport.keys().size());
    // Gathered lists are complete: the fan-out passed the token too.
    for (EngineRunner e : List.of(a, b)) {
      JsonNode alerts = ApiItSupport.get(e.apiUrl(), "/api/v1/alerts", TOKEN).json();
      assertThat(alerts.path("complete").asBoolean()).as(alerts.toString()).isTrue();
      JsonNode oakland = ApiItSupport.get(e.apiUrl(), "/api/v1/balances/OAKLAND", TOKEN).json();
      assertThat(oakland.path("complete").asBoolean()).as(oakland.toString()).isTrue();
      assertThat(oakland.path("balances")).hasSize(2);
    }
  }

  @Test
  void metricsParseAsPrometheusTextWithTheDomainMeters() throws Exception {
    requirePrometheusParser();
    // A bad record, to be counted as rejected.
    byte[] garbage = new byte[32];
    new Random(7).nextBytes(garbage);
    garbage[0] = 0x7f;
    try (Producer<String, byte[]> raw =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(TopicDefaults.MOVEMENTS, "FRESNO|ALMONDS", garbage)).get();
    }
    List<Sample> samples = new ArrayList<>();
    await("/metrics shows the rejected record")
        .atMost(ItSupport.DEADLINE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              samples.clear();
              for (EngineRunner e : List.of(a, b)) {
                ApiItSupport.Answer r = ApiItSupport.get(e.apiUrl(), "/metrics", null);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.contentType()).startsWith("text/plain");
                samples.addAll(parse(r.body()));
              }
              return sum(samples, "massbalance_rejected_total", null, null) >= 1;
            });
    // Movements by type (over both engines: each counts what its tasks applied).
    assertThat(sum(samples, "massbalance_movements_total", "type", "RECEIPT")).isEqualTo(17);
    assertThat(sum(samples, "massbalance_movements_total", "type", "SALE")).isEqualTo(5);
    assertThat(sum(samples, "massbalance_movements_total", "type", "WASTE")).isEqualTo(1);
    assertThat(sum(samples, "massbalance_movements_total", "type", "COUNT")).isEqualTo(2);
    assertThat(sum(samples, "massbalance_alerts_total", "type", "OVERSELL")).isEqualTo(1);
    assertThat(sum(samples, "massbalance_alerts_total", "type", "VARIANCE_EXCEEDED")).isEqualTo(1);
    assertThat(sum(samples, "massbalance_rejected_total", null, null)).isEqualTo(1);
    assertThat(samples)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("massbalance_alert_latency_seconds_bucket");
              assertThat(s.labels()).containsKey("le");
            });
    assertThat(samples)
        .anySatisfy(s -> assertThat(s.name()).isEqualTo("massbalance_alert_latency_seconds_count"));
    assertThat(samples).anySatisfy(s -> assertThat(s.name()).startsWith("kafka_stream_"));
    assertThat(samples).anySatisfy(s -> assertThat(s.name()).startsWith("jvm_memory_"));
    assertThat(samples).anySatisfy(s -> assertThat(s.name()).startsWith("jvm_threads_"));
  }

  private static void assertError(ApiItSupport.Answer r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).as(r.body()).startsWith("application/json");
    JsonNode j = r.json();
    assertThat(j.path("status").asInt()).as(r.body()).isEqualTo(status);
    assertThat(j.path("error").asText()).as(r.body()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** A sample as the reference Python parser read it. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static double sum(List<Sample> samples, String name, String label, String value) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> label == null || value.equals(s.labels().get(label)))
        .mapToDouble(Sample::value)
        .sum();
  }

  private static final String PARSER =
      String.join(
          "\n",
          "import json, sys",
          "from prometheus_client.parser import text_string_to_metric_families",
          "out = []",
          "for family in text_string_to_metric_families(sys.stdin.read()):",
          "    for s in family.samples:",
          "        out.append({'name': s.name, 'labels': s.labels, 'value': repr(s.value)})",
          "print(json.dumps(out))");

  private static void requirePrometheusParser() throws Exception {
    boolean present = Files.isExecutable(Path.of(PYTHON));
    if (present) {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import prometheus_client.parser")
              .redirectErrorStream(true)
              .start();
      present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
    DebianPackages.require(
        present, "Prometheus' Python parser is missing", "python3-prometheus-client");
  }

  /** Parses Prometheus text with prometheus_client's own parser; fails on a parse error. */
  private static List<Sample> parse(String text) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(PYTHON, "-c", PARSER).redirectErrorStream(false).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("prometheus_client could not parse /metrics: " + err);
    }
    List<Sample> samples = new ArrayList<>();
    for (JsonNode n : ApiItSupport.JSON.readTree(out)) {
      Map<String, String> labels =
          ApiItSupport.JSON.convertValue(
              n.path("labels"),
              ApiItSupport.JSON
                  .getTypeFactory()
                  .constructMapType(Map.class, String.class, String.class));
      samples.add(new Sample(n.path("name").asText(), labels, number(n.path("value").asText())));
    }
    return samples;
  }

  private static double number(String v) {
    return switch (v) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }
}
