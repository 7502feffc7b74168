package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.cli.MassBalanceCli;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalSecurity;
import org.massbalance.local.LocalStack;
import org.massbalance.security.TlsStores;

/**
 * The secured local stack ({@code local --secure}: SASL_SSL with SCRAM-SHA-512 on the broker, HTTPS
 * and basic auth on the registry, HTTPS with reader and writer tokens on two engines): every
 * command succeeds with the {@code client.properties} the stack wrote and fails without it in one
 * line naming what to set; the API answers HTTPS only, a reader may read and not write, a writer
 * may write, and a query forwarded between the two instances goes over HTTPS with the internal
 * secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureStackIT {

  private static final String APP_ID = "massbalance-secure-it";

  @TempDir static Path tmp;

  private LocalStack stack;
  private LocalSecurity security;
  private Path client;
  private Path files;
  private EngineRunner a;
  private EngineRunner b;
  private HttpClient https;

  record Run(int exit, String out, String err) {
    /** The lines the command itself wrote to stderr (not a library's log lines). */
    List<String> ownLines() {
      return err.lines().filter(l -> l.startsWith("massbalance")).toList();
    }
  }

  @BeforeAll
  void start() throws Exception {
    stack =
        LocalStack.builder()
            .kafkaPort(0)
            .registryPort(0)
            .partitions(4)
            .dataDir(tmp.resolve("stack"))
            .secure(true)
            .build()
            .start();
    security = stack.security();
    client = stack.clientConfig();
    files = Files.createDirectories(tmp.resolve("files"));
    for (String f :
        List.of(
            "sites.csv",
            "extra-sites.csv",
            "products.csv",
            "extra-products.csv",
            "certificates.csv",
            "almonds-2025-11.csv",
            "extra-movements.csv",
            "integrity-sample.xlsx",
            "epcis-sample.jsonld",
            "epcis-locations.csv",
            "epcis-products.csv")) {
      try (InputStream in = SecureStackIT.class.getResourceAsStream("/demo/" + f)) {
        Files.copy(in, files.resolve(f));
      }
    }
    Files.writeString(
        files.resolve("investigations.csv"),
        "site_id,product_id,period,cause,explanation,corrective_action,certifier_notified_on,"
            + "investigated_by,recorded_at\n"
            + "OAKLAND,PECANS,2025-11,SHRINKAGE,Moisture loss in storage,Re-weigh on receipt,"
            + "2025-12-05,J. Doe,\n");
    https =
        HttpClient.newBuilder()
            .sslContext(
                TlsStores.client(
                    "trust", security.trustStore().toString(), "PKCS12", security.storePassword()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    // Reference data first, through the commands, then the engines.
    for (String[] ingest :
        List.of(
            new String[] {"sites", "sites.csv"},
            new String[] {"sites", "extra-sites.csv"},
            new String[] {"products", "products.csv"},
            new String[] {"products", "extra-products.csv"},
            new String[] {"certificates", "certificates.csv"})) {
      Run r = ingest(true, ingest[0], ingest[1]);
      assertThat(r.exit()).as(r.err()).isZero();
    }
    a = EngineRunner.start(engineSettings("a"));
    b = EngineRunner.start(engineSettings("b"));
    ApiItSupport.awaitRunning(a, b);
  }

  private Properties engineSettings(String name) {
    Properties p = ApiItSupport.settings(stack, tmp.resolve("state-" + name), APP_ID, null);
    p.putAll(security.engineSettings());
    p.put("api.advertised.host", "localhost");
    return p;
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
  @Order(1)
  void shouldWriteTheClientConfigAndTokensForTheirOwnerOnly() throws Exception {
    Properties p = new Properties();
    try (var in = Files.newInputStream(client)) {
      p.load(in);
    }
    assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    assertThat(p.getProperty("basic.auth.user.info")).startsWith("massbalance:");
    assertThat(stack.registryUrl()).startsWith("https://");
    assertThat(a.apiUrl()).startsWith("https://localhost:");
    for (Path f :
        List.of(
            client,
            LocalSecurity.readTokenFile(stack.dataDir()),
            LocalSecurity.writeTokenFile(stack.dataDir()))) {
      assertThat(Files.getPosixFilePermissions(f))
          .as(f.toString())
          .extracting(Object::toString)
          .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
    assertThat(Files.readString(LocalSecurity.readTokenFile(stack.dataDir())).strip())
        .hasSizeGreaterThanOrEqualTo(24);
  }

  @Test
  @Order(2)
  void shouldIngestEveryKindWithTheClientConfigAndRefuseWithoutIt() throws Exception {
    List<String[]> kinds =
        List.of(
            new String[] {"movements", "almonds-2025-11.csv"},
            new String[] {"movements", "extra-movements.csv"},
            new String[] {"investigations", "investigations.csv"},
            new String[] {"integrity", "integrity-sample.xlsx"},
            new String[] {
              "epcis",
              "epcis-sample.jsonld",
              "--locations",
              files.resolve("epcis-locations.csv").toString(),
              "--products",
              files.resolve("epcis-products.csv").toString()
            });
    for (String[] k : kinds) {
      Run refused = ingest(false, k);
      assertOneLineRefusal(refused, "schema.registry.ssl.truststore.location");
    }
    for (String[] k : kinds) {
      Run sent = ingest(true, k);
      assertThat(sent.exit()).as(k[0] + ": " + sent.err()).isZero();
      assertThat(sent.out()).as(k[0]).containsPattern("(sent|movements sent)");
    }
    // A wrong SCRAM password is named as such.
    Path wrong = tmp.resolve("wrong-password.properties");
    Files.writeString(
        wrong, Files.readString(client).replaceAll("password=\"[^\"]*\"", "password=\"nope\""));
    Run badLogin = ingest(wrong, "sites", "sites.csv");
    assertOneLineRefusal(badLogin, "refused these credentials");
  }

  @Test
  @Order(3)
  void shouldGenerateToTheSecuredClusterWithTheClientConfigOnly() {
    List<String> args =
        List.of(
            "generate",
            "--movements",
            "40",
            "--sites",
            "2",
            "--keys",
            "4",
            "--to",
            "kafka",
            "--bootstrap",
            stack.bootstrapServers(),
            "--registry",
            stack.registryUrl());
    assertOneLineRefusal(run(args), "--client-config");
    List<String> with = new ArrayList<>(args);
    with.addAll(List.of("--client-config", client.toString()));
    Run ok = run(with);
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("generated 40 movements");
  }

  @Test
  @Order(4)
  void shouldCheckTheTopicsWithTheClientConfigOnly() throws Exception {
    Path config = tmp.resolve("engine.properties");
    Files.writeString(
        config,
        "bootstrap.servers="
            + stack.bootstrapServers()
            + "\nschema.registry.url="
            + stack.registryUrl()
            + "\nreplication.factor=1\n");
    Run refused = run(List.of("topics", "check", "--config", config.toString()));
    assertOneLineRefusal(refused, "--client-config");
    Run ok =
        run(
            List.of(
                "topics",
                "check",
                "--config",
                config.toString(),
                "--client-config",
                client.toString()));
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("as the contract wants");
  }

  @Test
  @Order(5)
  void shouldAnswerHttpsWithTheReadTokenAndForwardBetweenInstancesOverHttps() throws Exception {
    await("both engines hold the demo's books")
        .atMost(ItSupport.DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                get(a.apiUrl(), "/api/v1/balances/OAKLAND", security.readToken()).statusCode()
                        == 200
                    && json(get(a.apiUrl(), "/api/v1/balances/OAKLAND", security.readToken()))
                            .path("balances")
                            .size()
                        >= 2);
    int forwarded = 0;
    for (String[] k : ApiItSupport.keys().subList(0, 3)) {
      KeyQueryMetadata m = ApiItSupport.owner(a, k[0], k[1]);
      EngineRunner notOwner =
          a.apiUrl().equals("https://" + m.activeHost().host() + ":" + m.activeHost().port())
              ? b
              : a;
      String path = "/api/v1/balances/" + k[0] + "/" + k[1];
      HttpResponse<String> r = get(notOwner.apiUrl(), path, security.readToken());
      assertThat(r.statusCode()).as(path + " via the other instance: " + r.body()).isEqualTo(200);
      assertThat(json(r).path("stale").asBoolean()).isFalse();
      assertThat(json(r).path("site_id").asText()).isEqualTo(k[0]);
      forwarded++;
    }
    assertThat(forwarded).isEqualTo(3);
    for (EngineRunner e : List.of(a, b)) {
      JsonNode all = json(get(e.apiUrl(), "/api/v1/balances?limit=1000", security.readToken()));
      assertThat(all.path("complete").asBoolean()).as(all.toString()).isTrue();
      assertThat(get(e.apiUrl(), "/api/v1/alerts", null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  @Order(6)
  void shouldRefuseAReadersWriteWith403AndTakeAWritersAndRefusePlainHttp() throws Exception {
    String investigation =
        "{\"site_id\":\"OAKLAND\",\"product_id\":\"WALNUTS\",\"period\":\"2025-11\","
            + "\"cause\":\"DATA_ENTRY_ERROR\",\"explanation\":\"Keyed twice\","
            + "\"corrective_action\":\"Double check\",\"certifier_notified_on\":\"2025-12-06\","
            + "\"investigated_by\":\"A. Roe\"}";
    HttpResponse<String> reader = post(a.apiUrl(), investigation, security.readToken());
    assertThat(reader.statusCode()).as(reader.body()).isEqualTo(403);
    assertThat(json(reader).path("status").asInt()).isEqualTo(403);
    HttpResponse<String> writer = post(a.apiUrl(), investigation, security.writeToken());
    assertThat(writer.statusCode()).as(writer.body()).isEqualTo(201);
    String plain = a.apiUrl().replace("https://", "http://");
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(plain + "/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
    String metrics = get(a.apiUrl(), "/metrics", null).body();
    assertThat(metrics)
        .containsPattern(
            "massbalance_api_auth_failures_total\\{reason=\"read_only_token\"\\} [1-9]");
  }

  @Test
  @Order(7)
  void shouldExportAuditAndSignOffWithTheClientConfigAndATokenFile() throws Exception {
    List<String> export =
        List.of(
            "export",
            "snapshots",
            "--period",
            "2025-11",
            "--bootstrap",
            stack.bootstrapServers(),
            "--registry",
            stack.registryUrl());
    assertOneLineRefusal(run(export), "--client-config");
    List<String> exportWith = new ArrayList<>(export);
    exportWith.addAll(List.of("--client-config", client.toString()));
    await("the closed November is exported")
        .atMost(ItSupport.DEADLINE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> run(exportWith).out().contains("FRESNO,ALMONDS,2025-11"));

    List<String> audit =
        List.of(
            "audit",
            "--from",
            "2025-11",
            "--to",
            "2025-11",
            "--out",
            tmp.resolve("audit").toString(),
            "--bootstrap",
            stack.bootstrapServers(),
            "--registry",
            stack.registryUrl(),
            "--api",
            a.apiUrl(),
            "--token-file",
            LocalSecurity.readTokenFile(stack.dataDir()).toString());
    Run refused = run(audit);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err().lines().filter(l -> l.startsWith("massbalance audit:")))
        .singleElement()
        .asString()
        .contains("--client-config");
    List<String> auditWith = new ArrayList<>(audit);
    auditWith.addAll(List.of("--client-config", client.toString()));
    Run ok = run(auditWith);
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(tmp.resolve("audit").resolve("audit.xlsx")).exists();

    List<String> signoff =
        List.of(
            "signoff",
            "--site",
            "FRESNO",
            "--period",
            "2025-11",
            "--by",
            "auditor",
            "--bootstrap",
            stack.bootstrapServers(),
            "--registry",
            stack.registryUrl());
    assertOneLineRefusal(run(signoff), "--client-config");
    List<String> signoffWith = new ArrayList<>(signoff);
    signoffWith.addAll(List.of("--client-config", client.toString()));
    Run signed = run(signoffWith);
    assertThat(signed.exit()).as(signed.out() + signed.err()).isZero();
    assertThat(signed.out()).contains("FRESNO").contains("2025-11");
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static void assertOneLineRefusal(Run r, String hint) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.ownLines()).as(r.err()).singleElement().asString().contains(hint);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  private Run ingest(boolean withConfig, String... kindFileAndMore) {
    return ingest(withConfig ? client : null, kindFileAndMore);
  }

  private Run ingest(Path config, String... kindFileAndMore) {
    List<String> args = new ArrayList<>(List.of("ingest", kindFileAndMore[0]));
    args.add(files.resolve(kindFileAndMore[1]).toString());
    for (int i = 2; i < kindFileAndMore.length; i++) {
      args.add(kindFileAndMore[i]);
    }
    args.addAll(
        List.of("--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl()));
    if (config != null) {
      args.addAll(List.of("--client-config", config.toString()));
    }
    return run(args);
  }

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        MassBalanceCli.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private HttpResponse<String> get(String base, String path, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return https.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String base, String body, String token) throws Exception {
    return https.send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/investigations"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return ApiItSupport.JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }
}
