package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Snapshot;
import org.massbalance.cli.RunCommand;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.local.TopicBootstrap;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.topics.TopicDefaults;

/**
 * Every documented key works on {@code run --config}: the engine started through the same entry
 * point as {@code run --config FILE --strict}, with every one of {@link EngineConfig}'s keys set to
 * a value other than its default (every topic renamed, one of them through a {@code MASSBALANCE_}
 * environment variable) and Kafka Streams, producer and internal-topic settings beside them, reads
 * the demo data from the renamed input topics and writes its alerts and snapshots to the renamed
 * output topics.
 */
class ConfigurationIT {

  private static final String APP_ID = "replay-engine-it";
  private static final String TOKEN = "Rp4nW8zT1qLx6vKc9mYh2gFs";

  private static final String MOVEMENTS = "replay-movements";
  private static final String CERTIFICATES = "replay-certificates";
  private static final String SITES = "replay-sites";
  private static final String PRODUCTS = "replay-products";
  private static final String ALERTS = "replay-alerts";
  private static final String SNAPSHOTS = "replay-snapshots";
  private static final String CONSOLIDATED = "replay-snapshots-consolidated";
  private static final String REJECTED = "replay-rejected";
  private static final String TRANSFERS = "replay-transfers";
  private static final String INVESTIGATIONS = "replay-investigations";

  @TempDir Path tmp;

  private static Properties settings(LocalStack stack, Path stateDir) {
    Properties p = new Properties();
    p.put("application.id", APP_ID);
    p.put("bootstrap.servers", stack.bootstrapServers());
    p.put("schema.registry.url", stack.registryUrl());
    p.put("topic.movements", MOVEMENTS);
    p.put("topic.certificates", CERTIFICATES);
    p.put("topic.sites", SITES);
    p.put("topic.products", PRODUCTS);
    p.put("topic.alerts", "overridden-by-the-environment");
    p.put("topic.snapshots", SNAPSHOTS);
    p.put("topic.snapshots.consolidated", CONSOLIDATED);
    p.put("topic.rejected", REJECTED);
    p.put("topic.transfers", TRANSFERS);
    p.put("topic.investigations", INVESTIGATIONS);
    p.put("topic.transformations", "replay-transformations");
    p.put("topic.yields", "replay-yields");
    p.put("topic.signoffs", "replay-signoffs");
    p.put("topic.signed", "replay-signed");
    p.put("topic.import.certificates", "replay-import-certificates");
    p.put("topic.reservations", "replay-reservations");
    p.put("topic.reservation.results", "replay-reservation-results");
    p.put("investigation.due.days", "45");
    p.put("investigation.check.interval.ms", "60000");
    p.put("movement.future.tolerance.ms", String.valueOf(Duration.ofHours(48).toMillis()));
    p.put("dedup.horizon.ms", String.valueOf(Duration.ofDays(10).toMillis()));
    p.put("period.grace.ms", String.valueOf(Duration.ofHours(1).toMillis()));
    // The demo's data is a year old: its months close once the partitions are idle.
    p.put("period.idle.close.ms", "1500");
    p.put("period.close.check.ms", "250");
    p.put("movements.partitions", String.valueOf(TopicBootstrap.DEFAULT_PARTITIONS));
    p.put("certificate.expiry.warning.days", "45,15");
    p.put("certificate.expiry.check.interval.ms", "60000");
    p.put("certificate.status.check.interval.ms", "1000");
    p.put("certificate.status.pass.keys", "1000");
    p.put("labels.resolver.base", "https://id.example.org/massbalance");
    p.put("certificate.verification.max.age.days", "400");
    p.put("api.port", "0");
    p.put("api.host", "127.0.0.1");
    p.put("api.advertised.host", "127.0.0.1");
    p.put("api.token", TOKEN);
    p.put("api.tokens.read", "Rd7qN3vX9kLp2wZt5cMh8bYs");
    p.put("api.tokens.write", "Wr2mK8sQ4xNv7tLp1zCh6gJd");
    p.put("api.internal.secret", ApiItSupport.SECRET);
    // Contradicts tokens (refused at start): set to its default, the one key that may be.
    p.put("api.auth.disabled", "false");
    Path keyStore = apiKeyStore(stateDir.resolveSibling("tls"));
    p.put("api.tls.keystore.location", keyStore.toString());
    p.put("api.tls.keystore.password", STORE_PASSWORD);
    p.put("api.tls.keystore.type", "pkcs12");
    p.put("api.tls.key.password", STORE_PASSWORD);
    p.put("api.tls.truststore.location", keyStore.resolveSibling("trust.p12").toString());
    p.put("api.tls.truststore.password", STORE_PASSWORD);
    p.put("api.tls.truststore.type", "pkcs12");
    p.put("output.max.bytes", "900000");
    p.put("replication.factor", "1");
    p.put("rocksdb.memory.mb", "64");
    // Kafka Streams, client and internal-topic settings beside them.
    p.put("state.dir", stateDir.toString());
    p.put("commit.interval.ms", "200");
    p.put("producer.linger.ms", "5");
    p.put("main.consumer.max.poll.records", "250");
    p.put("topic.min.insync.replicas", "1");
    return p;
  }

  private static final String STORE_PASSWORD = "store-password";

  /** A key store for 127.0.0.1 and a trust store of its certificate, made with keytool. */
  private static Path apiKeyStore(Path dir) {
    Path keys = dir.resolve("api.p12");
    try {
      if (!Files.exists(keys)) {
        Files.createDirectories(dir);
        keytool(
            "-genkeypair",
            "-alias",
            "api",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1",
            "-validity",
            "2",
            "-keystore",
            keys.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            STORE_PASSWORD);
        keytool(
            "-exportcert",
            "-alias",
            "api",
            "-keystore",
            keys.toString(),
            "-storepass",
            STORE_PASSWORD,
            "-file",
            dir.resolve("api.cer").toString());
        keytool(
            "-importcert",
            "-alias",
            "api",
            "-file",
            dir.resolve("api.cer").toString(),
            "-keystore",
            dir.resolve("trust.p12").toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            STORE_PASSWORD,
            "-noprompt");
      }
      return keys;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the API's key store", e);
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }

  private static String topicOf(Dataset<?> d) {
    if (d == Dataset.MOVEMENTS) {
      return MOVEMENTS;
    } else if (d == Dataset.SITES) {
      return SITES;
    } else if (d == Dataset.PRODUCTS) {
      return PRODUCTS;
    }
    return CERTIFICATES;
  }

  @Test
  void shouldRunWithEveryDocumentedKeySetAndUseTheRenamedTopics() throws Exception {
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"))) {
      new TopicBootstrap(stack.bootstrapServers())
          .createTopics(
              List.of(
                  new TopicBootstrap.TopicSpec(MOVEMENTS, false),
                  new TopicBootstrap.TopicSpec(ALERTS, false),
                  new TopicBootstrap.TopicSpec(SNAPSHOTS, true),
                  new TopicBootstrap.TopicSpec(CONSOLIDATED, true),
                  new TopicBootstrap.TopicSpec(REJECTED, false),
                  new TopicBootstrap.TopicSpec(CERTIFICATES, true),
                  new TopicBootstrap.TopicSpec(SITES, true),
                  new TopicBootstrap.TopicSpec(PRODUCTS, true),
                  new TopicBootstrap.TopicSpec("replay-signed", true),
                  new TopicBootstrap.TopicSpec("replay-reservation-results", false)));
      Path config = tmp.resolve("engine.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        settings(stack, tmp.resolve("state")).store(out, "every key of the engine, none default");
      }
      Map<String, String> env = Map.of("MASSBALANCE_TOPIC_ALERTS", ALERTS);
      assertEveryEngineKeyDiffersFromItsDefault(config, env);

      ItSupport.ingestDemoFiles(stack, false, ConfigurationIT::topicOf);
      try (EngineRunner engine = RunCommand.start(config, env, true)) {
        long movements = ItSupport.ingestDemoFiles(stack, true, ConfigurationIT::topicOf);
        assertThat(movements).isEqualTo(13);
        ItSupport.awaitApplied(engine, movements);
        ItSupport.awaitCommitted(stack, APP_ID, MOVEMENTS);

        List<Alert> alerts =
            ItSupport.readCommitted(stack, ALERTS, ItSupport.avro(stack, Alert.class)).stream()
                .map(ConsumerRecord::value)
                .toList();
        assertThat(alerts)
            .extracting(Alert::getType)
            .containsExactlyInAnyOrder("OVERSELL", "VARIANCE_EXCEEDED");

        Snapshot almonds =
            awaitRecord(
                stack,
                SNAPSHOTS,
                Snapshot.class,
                s ->
                    s.getSiteId().equals("FRESNO")
                        && s.getProductId().equals("ALMONDS")
                        && s.getPeriod().equals("2025-11"));
        assertThat(almonds.getRevision()).isEqualTo(1);
        assertThat(almonds.getUnit()).isEqualTo("lb");
        assertThat(new BigDecimal(almonds.getClosing())).isEqualByComparingTo("715");
        ConsolidatedSnapshot consolidated =
            awaitRecord(
                stack,
                CONSOLIDATED,
                ConsolidatedSnapshot.class,
                s -> s.getProductId().equals("ALMONDS") && s.getPeriod().equals("2025-11"));
        assertThat(consolidated.getRevision()).isEqualTo(1);
        assertThat(
                ItSupport.readCommitted(
                    stack, REJECTED, ItSupport.avro(stack, RejectedRecord.class)))
            .isEmpty();

        // Nothing went to the default topics; the renamed transfers topic was created.
        for (String topic :
            List.of(
                TopicDefaults.ALERTS,
                TopicDefaults.SNAPSHOTS,
                TopicDefaults.SNAPSHOTS_CONSOLIDATED,
                TopicDefaults.REJECTED)) {
          assertThat(ItSupport.readCommitted(stack, topic, ItSupport.avro(stack, Alert.class)))
              .as(topic)
              .isEmpty();
        }
        try (Admin admin = ItSupport.admin(stack)) {
          Set<String> topics = admin.listTopics().names().get();
          assertThat(topics)
              .contains(TRANSFERS, INVESTIGATIONS)
              .doesNotContain(EngineConfig.TOPIC_TRANSFERS_DEFAULT);
        }

        // The API on its own port, over HTTPS, behind the token.
        assertThat(engine.apiUrl()).startsWith("https://");
        HttpClient http =
            HttpClient.newBuilder()
                .sslContext(
                    org.massbalance.security.TlsStores.client(
                        "trust",
                        tmp.resolve("tls").resolve("trust.p12").toString(),
                        "PKCS12",
                        STORE_PASSWORD))
                .build();
        URI balance = URI.create(engine.apiUrl() + "/api/v1/balances/FRESNO/ALMONDS");
        assertThat(engine.apiUrl()).doesNotEndWith(":8080");
        assertThat(
                http.send(
                        HttpRequest.newBuilder(balance).build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode())
            .isEqualTo(401);
        assertThat(
                http.send(
                        HttpRequest.newBuilder(balance)
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode())
            .isEqualTo(200);
      }
    }
  }

  /** The test sets every key the engine defines, each to a value other than its default. */
  private static void assertEveryEngineKeyDiffersFromItsDefault(
      Path config, Map<String, String> env) throws Exception {
    Properties given = RunCommand.settings(config, env);
    EngineConfig parsed = new EngineConfig(given);
    for (Map.Entry<String, ConfigDef.ConfigKey> key :
        EngineConfig.definition().configKeys().entrySet()) {
      assertThat(given).as("the test sets " + key.getKey()).containsKey(key.getKey());
      Object defaultValue =
          key.getValue().hasDefault()
              ? ConfigDef.parseType(key.getKey(), key.getValue().defaultValue, key.getValue().type)
              : null;
      if (key.getKey().equals(EngineConfig.API_AUTH_DISABLED_CONFIG)) {
        continue; // true contradicts the tokens; ApiSecurityTest covers it
      }
      assertThat(Objects.equals(parsed.values().get(key.getKey()), defaultValue))
          .as(key.getKey() + " differs from its default " + defaultValue)
          .isFalse();
    }
  }

  /** Waits until a committed record of {@code topic} matches, and returns it. */
  private static <T extends org.apache.avro.specific.SpecificRecord> T awaitRecord(
      LocalStack stack, String topic, Class<T> type, java.util.function.Predicate<T> wanted) {
    return await(topic + " has the record")
        .atMost(ItSupport.DEADLINE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                ItSupport.readCommitted(stack, topic, ItSupport.avro(stack, type)).stream()
                    .map(ConsumerRecord::value)
                    .filter(wanted)
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }
}
