package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Alert;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.topics.TopicDefaults;

/**
 * Confluent's own Python client (librdkafka consumer, {@code confluent_kafka.avro}
 * CachedSchemaRegistryClient + MessageSerializer) decodes the alerts the engine produced, through
 * the local registry, to the same values the Java consumer reads. It also writes an NOP Import
 * Certificate record (its schema registered by Confluent's client, its partition chosen by
 * librdkafka's CRC32 partitioner) that the engine reads: two receipts drawing beyond it raise an
 * IMPORT_CERTIFICATE_OVERDRAWN, which the Python client decodes too.
 *
 * <p>Needs the Debian packages python3-confluent-kafka, python3-avro and python3-requests: without
 * them the test skips with the line that installs them, except under CI, where it fails.
 */
class ConfluentPythonInteropIT {

  private static final String APP_ID = "massbalance-python-it";
  private static final String PACKAGES = "python3-confluent-kafka python3-avro python3-requests";
  private static final String CERT = "484-0000000042-000007";

  @TempDir Path tmp;

  @Test
  void pythonConfluentClientDecodesTheEnginesAlerts() throws Exception {
    String python = python();
    Path script = script();
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        EngineRunner engine =
            ItSupport.startEngineWithDemoReference(
                stack, ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID))) {
      long movements = ItSupport.ingestDemo(stack);
      ItSupport.awaitApplied(engine, movements);
      ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
      List<Alert> java =
          ItSupport.readCommitted(stack, TopicDefaults.ALERTS, ItSupport.avro(stack, Alert.class))
              .stream()
              .map(ConsumerRecord::value)
              .toList();
      assertThat(java)
          .extracting(Alert::getType)
          .containsExactlyInAnyOrder("OVERSELL", "VARIANCE_EXCEEDED");

      // An import certificate written by Confluent's client, drawn beyond by two receipts.
      Path produced = tmp.resolve("produce.out");
      Process w =
          new ProcessBuilder(
                  python,
                  script("produce_import_certificate.py").toString(),
                  stack.bootstrapServers(),
                  stack.registryUrl(),
                  TopicDefaults.IMPORT_CERTIFICATES,
                  schema("ImportCertificate.avsc").toString(),
                  CERT,
                  "ALMONDS",
                  "100",
                  "lb",
                  "2025-11-01",
                  "2025-11-30")
              .redirectErrorStream(true)
              .redirectOutput(produced.toFile())
              .start();
      assertThat(w.waitFor(60, TimeUnit.SECONDS))
          .as("produce_import_certificate.py ended")
          .isTrue();
      String producedOut = Files.readString(produced, StandardCharsets.UTF_8);
      assertThat(w.exitValue()).as("produce_import_certificate.py: %s", producedOut).isZero();
      await("the engine read the certificate written by Python")
          .atMost(ItSupport.DEADLINE)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  ApiItSupport.get(engine.apiUrl(), "/api/v1/import-certificates/" + CERT, null)
                      .json()
                      .path("known")
                      .asBoolean(false));
      ApiItSupport.ingestText(
          stack,
          ItSupport.ingester(stack),
          Dataset.MOVEMENTS,
          "movement_id,type,occurred_at,site_id,product_id,quantity,unit,supplier_id,"
              + "supplier_nop_id,origin_country,import_certificate\n"
              + "imp-1,RECEIPT,2025-11-20,FRESNO,ALMONDS,60,lb,VNG,8150000016,MX,"
              + CERT
              + "\n"
              + "imp-2,RECEIPT,2025-11-21,FRESNO,ALMONDS,50,lb,VNG,8150000016,MX,"
              + CERT
              + "\n");
      List<Alert> withImports = new ArrayList<>();
      await("the OVERDRAWN alert committed")
          .atMost(ItSupport.DEADLINE)
          .pollInterval(Duration.ofMillis(300))
          .untilAsserted(
              () -> {
                withImports.clear();
                ItSupport.readCommitted(
                        stack, TopicDefaults.ALERTS, ItSupport.avro(stack, Alert.class))
                    .forEach(r -> withImports.add(r.value()));
                assertThat(withImports)
                    .filteredOn(a -> a.getType().startsWith("IMPORT_CERTIFICATE_"))
                    .extracting(Alert::getType, Alert::getMovementId, Alert::getQuantity)
                    .containsExactly(
                        org.assertj.core.api.Assertions.tuple(
                            "IMPORT_CERTIFICATE_OVERDRAWN", "imp-2", "10"));
              });
      java = List.copyOf(withImports);

      Path stdout = tmp.resolve("python.out");
      Path stderr = tmp.resolve("python.err");
      Process p =
          new ProcessBuilder(
                  python,
                  script.toString(),
                  stack.bootstrapServers(),
                  stack.registryUrl(),
                  TopicDefaults.ALERTS,
                  String.valueOf(java.size()),
                  "30")
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      boolean ended = p.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String out = Files.readString(stdout, StandardCharsets.UTF_8);
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      System.out.println("decode_alerts.py stderr:\n" + err + "stdout:\n" + out);
      assertThat(ended).as("decode_alerts.py ended within 60 s; stderr:%n%s", err).isTrue();
      assertThat(p.exitValue()).as("decode_alerts.py exit; stderr:%n%s", err).isZero();

      ObjectMapper json = new ObjectMapper();
      List<List<String>> decoded = new ArrayList<>();
      for (String line : out.strip().split("\\R")) {
        JsonNode a = json.readTree(line);
        decoded.add(
            List.of(
                a.get("alert_id").asText(),
                a.get("type").asText(),
                a.get("severity").asText(),
                a.get("site_id").asText(),
                a.get("product_id").asText(),
                a.get("movement_id").asText(),
                a.get("quantity").asText(),
                a.get("unit").asText(),
                a.get("message").asText()));
      }
      List<List<String>> expected =
          java.stream()
              .map(
                  a ->
                      List.of(
                          a.getAlertId(),
                          a.getType(),
                          a.getSeverity(),
                          a.getSiteId(),
                          a.getProductId(),
                          a.getMovementId(),
                          a.getQuantity(),
                          a.getUnit(),
                          a.getMessage()))
              .toList();
      assertThat(decoded).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** /usr/bin/python3 first (Debian's packages), then the python3 on PATH. */
  private static String python() throws InterruptedException {
    List<String> tried = new ArrayList<>();
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p =
            new ProcessBuilder(candidate, "-c", "import confluent_kafka.avro")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
        tried.add(candidate + ": " + output.strip());
      } catch (IOException e) {
        tried.add(candidate + ": " + e.getMessage());
      }
    }
    DebianPackages.require(
        false,
        "Confluent's Python client is missing (`import confluent_kafka.avro` failed: "
            + String.join("; ", tried)
            + ")",
        PACKAGES);
    throw new IllegalStateException("unreachable");
  }

  private static Path script() {
    return script("decode_alerts.py");
  }

  private static Path script(String name) {
    Path script =
        Path.of(System.getProperty("basedir", "."), "src/test/python/" + name).toAbsolutePath();
    assertThat(script).as(name).exists();
    return script;
  }

  /** The engine's own schema file, as Confluent's client registers it. */
  private static Path schema(String name) {
    Path schema =
        Path.of(
                System.getProperty("basedir", "."),
                "../schemas/src/main/avro/org/massbalance/avro/" + name)
            .toAbsolutePath()
            .normalize();
    assertThat(schema).as(name).exists();
    return schema;
  }
}
