package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.topics.TopicDefaults;

/**
 * The Grafana dashboard and the Prometheus alert rules under {@code deploy/} use only metric names
 * that a running engine really exposes: every name they mention is in a scrape of {@code /metrics}
 * from an engine on the local stack that has applied, de-duplicated, rejected, alerted and closed.
 */
class OperationsMetricsIT {

  private static final Path DEPLOY = Path.of(System.getProperty("basedir", "."));

  /** The engine's own meters, Kafka's, the JVM's and the process's (not Prometheus' own `up`). */
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:massbalance|kafka|jvm|process)_[a-z0-9_]+)");

  @TempDir Path tmp;

  @Test
  void everyMetricTheDashboardAndTheAlertRulesUseIsExposed() throws Exception {
    Set<String> used = new TreeSet<>();
    used.addAll(names(Files.readString(DEPLOY.resolve("grafana/massbalance.json"))));
    used.addAll(names(Files.readString(DEPLOY.resolve("prometheus/alerts.yml"))));
    assertThat(used)
        .contains(
            "massbalance_movements_total",
            "massbalance_alerts_total",
            "massbalance_rejected_total",
            "massbalance_snapshots_total");

    try (LocalStack stack = ApiItSupport.startStack(tmp.resolve("stack"), 2)) {
      ApiItSupport.ingestReference(stack);
      try (EngineRunner engine =
          EngineRunner.start(
              ApiItSupport.settings(stack, tmp.resolve("state"), "metrics-it", null))) {
        ApiItSupport.awaitRunning(engine);
        // Movements (alerts among them), then all of them again (identical repeats), and one
        // record that is no movement at all (rejected).
        ApiItSupport.ingestMovements(stack);
        ApiItSupport.ingestMovements(stack);
        try (KafkaProducer<String, byte[]> raw =
            new KafkaProducer<>(
                java.util.Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
          raw.send(
                  new ProducerRecord<>(
                      TopicDefaults.MOVEMENTS, "FRESNO|ALMONDS", new byte[] {0x7f, 1, 2, 3}))
              .get();
        }
        Set<String> exposed = new TreeSet<>();
        await("every metric the dashboard and the rules use is exposed")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  exposed.clear();
                  exposed.addAll(scrape(engine.apiUrl()));
                  assertThat(exposed).containsAll(used);
                });
      }
    }
  }

  private static Set<String> names(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Metric names of a Prometheus text scrape. */
  private static Set<String> scrape(String apiUrl) throws Exception {
    ApiItSupport.Answer metrics = ApiItSupport.get(apiUrl, "/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    Set<String> names = new TreeSet<>();
    for (String line : metrics.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }
}
