package org.massbalance.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server's guard rails without Kafka: an instance that has not been given its streams yet
 * answers {@code /api} calls that pass the guard with 503 ("not ready"), so a 503 says "let in" and
 * a 401/403/413 says "refused".
 */
class ApiServerSecurityTest {

  private static final String READER = "r3ader-Tok3n-0123456789abcdefXYZ";
  private static final String WRITER = "wr1ter-Tok3n-0123456789abcdefXYZ";
  private static final String SECRET = "peer-S3cret-0123456789abcdefXYZ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private ApiServer server;

  @TempDir Path tmp;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String startWithTokens() {
    server =
        ApiServer.start(
            new ApiServer.Settings(
                "127.0.0.1", 0, ApiAccess.of(List.of(READER), List.of(WRITER), SECRET), null, null),
            new Readiness(),
            metrics);
    return "http://127.0.0.1:" + server.port();
  }

  private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private static void assertJsonError(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode j = JSON.readTree(r.body());
    assertThat(j.path("status").asInt()).isEqualTo(status);
    assertThat(j.path("error").asText()).isNotBlank();
  }

  private double failures(String reason) {
    return metrics.get(ApiServer.AUTH_FAILURES).tag("reason", reason).counter().count();
  }

  @Test
  void shouldLetAReaderReadAndRefuseItsWriteWith403() throws Exception {
    String base = startWithTokens();
    assertThat(get(base + "/api/v1/alerts", bearer(READER)).statusCode()).isEqualTo(503);
    assertThat(get(base + "/api/v1/alerts", bearer(WRITER)).statusCode()).isEqualTo(503);
    HttpResponse<String> readerPost = post(base + "/api/v1/investigations", "{}", bearer(READER));
    assertJsonError(readerPost, 403);
    assertThat(readerPost.body()).contains("writer token");
    assertThat(post(base + "/api/v1/investigations", "{}", bearer(WRITER)).statusCode())
        .isEqualTo(503);
    assertThat(failures("read_only_token")).isEqualTo(1.0);
  }

  @Test
  void shouldRefuseMissingAndWrongTokensWith401AndCountThem() throws Exception {
    String base = startWithTokens();
    HttpResponse<String> none = get(base + "/api/v1/alerts", Map.of());
    assertJsonError(none, 401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"massbalance\"");
    assertJsonError(get(base + "/api/v1/alerts", bearer(READER + "x")), 401);
    assertJsonError(get(base + "/api/v1/alerts", Map.of("Authorization", READER)), 401);
    assertJsonError(post(base + "/api/v1/investigations", "{}", Map.of()), 401);
    assertThat(failures("missing_token")).isEqualTo(2.0);
    assertThat(failures("wrong_token")).isEqualTo(2.0);
    assertThat(metrics.scrape())
        .contains("massbalance_api_auth_failures_total{reason=\"wrong_token\"} 2.0");
  }

  @Test
  void shouldNotTrustAForgedForwardedHeaderFromAClientWithoutTheSecret() throws Exception {
    String base = startWithTokens();
    HttpResponse<String> forged =
        get(base + "/api/v1/balances/A/B", Map.of(InstanceRouter.FORWARDED, "1"));
    assertJsonError(forged, 401);
    assertJsonError(
        get(base + "/api/v1/balances/A/B", Map.of(InstanceRouter.FORWARDED, SECRET + "x")), 401);
    assertThat(failures("forged_forwarded")).isEqualTo(2.0);
    // A peer proves itself with the secret and may read without a token, never write.
    assertThat(
            get(base + "/api/v1/balances/A/B", Map.of(InstanceRouter.FORWARDED, SECRET))
                .statusCode())
        .isEqualTo(503);
    assertJsonError(
        post(base + "/api/v1/investigations", "{}", Map.of(InstanceRouter.FORWARDED, SECRET)), 401);
  }

  @Test
  void shouldHideAForgedForwardedHeaderFromTheRoutes() {
    ApiAccess access = ApiAccess.of(List.of(READER), List.of(WRITER), SECRET);
    assertThat(access.isPeer("1")).isFalse();
    assertThat(access.isPeer(READER)).isFalse();
    assertThat(access.isPeer(SECRET)).isTrue();
    assertThat(ApiAccess.open().isPeer("1")).as("open API, no secret: nothing to protect").isTrue();
    assertThat(ApiAccess.of(List.of(), List.of(), SECRET).isPeer("1")).isFalse();
    assertThat(access.role("Bearer " + READER)).hasValue(ApiAccess.Role.READ);
    assertThat(access.role("Bearer " + WRITER)).hasValue(ApiAccess.Role.WRITE);
    assertThat(access.role("Basic " + WRITER)).isEmpty();
    assertThat(access.role(null)).isEmpty();
  }

  @Test
  void shouldRefuseABodyOver64KibWith413Json() throws Exception {
    String base = startWithTokens();
    String big = "{\"x\":\"" + "a".repeat(ApiServer.MAX_BODY_BYTES) + "\"}";
    assertJsonError(post(base + "/api/v1/investigations", big, bearer(WRITER)), 413);
    String small = "{\"x\":\"" + "a".repeat(1000) + "\"}";
    assertThat(post(base + "/api/v1/investigations", small, bearer(WRITER)).statusCode())
        .isEqualTo(503);
  }

  @Test
  void shouldBoundOffset() throws Exception {
    String base = startWithTokens();
    assertJsonError(get(base + "/api/v1/balances?offset=1000001", bearer(READER)), 400);
    assertJsonError(
        get(base + "/api/v1/balances?offset=99999999999999999999", bearer(READER)), 400);
    assertThat(get(base + "/api/v1/balances?offset=1000000", bearer(READER)).statusCode())
        .isEqualTo(503);
  }

  @Test
  void shouldSetSecurityHeadersOnEveryAnswer() throws Exception {
    String base = startWithTokens();
    for (HttpResponse<String> r :
        List.of(
            get(base + "/api/v1/alerts", Map.of()),
            get(base + "/api/v1/alerts", bearer(READER)),
            get(base + "/health/live", Map.of()),
            get(base + "/nowhere", Map.of()),
            get(base + "/", Map.of()),
            get(base + "/api/v1/alerts", Map.of("X-Padding", "x".repeat(9 * 1024))))) {
      assertThat(r.headers().firstValue("X-Content-Type-Options"))
          .as(r.uri() + " " + r.statusCode())
          .hasValue("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(r.uri().toString()).hasValue("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
    // The dashboard keeps its own policy.
    assertThat(get(base + "/", Map.of()).headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("script-src 'self'");
  }

  @Test
  void shouldServeEveryEndpointOpenWithoutTokens() throws Exception {
    server =
        ApiServer.start(
            new ApiServer.Settings("127.0.0.1", 0, ApiAccess.open(), null, null),
            new Readiness(),
            metrics);
    String base = "http://127.0.0.1:" + server.port();
    assertThat(get(base + "/api/v1/alerts", Map.of()).statusCode()).isEqualTo(503);
    assertThat(post(base + "/api/v1/investigations", "{}", Map.of()).statusCode()).isEqualTo(503);
  }

  @Test
  void shouldServeHttpsOnlyWithTheKeyStore() throws Exception {
    Path store = tmp.resolve("api.p12");
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
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "store-pass");
    server =
        ApiServer.start(
            new ApiServer.Settings(
                "127.0.0.1",
                0,
                ApiAccess.of(List.of(READER), List.of(WRITER), SECRET),
                new ApiServer.Tls(store.toString(), "PKCS12", "store-pass", null),
                null),
            new Readiness(),
            metrics);
    assertThat(server.scheme()).isEqualTo("https");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(store)) {
      trust.load(in, "store-pass".toCharArray());
    }
    KeyStore trustOnly = KeyStore.getInstance("PKCS12");
    trustOnly.load(null, null);
    trustOnly.setCertificateEntry("api", trust.getCertificate("api"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustOnly);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
    HttpResponse<String> r =
        https.send(
            HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.port() + "/health/live"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue(SecurityHeaders.HSTS);
    assertThatThrownBy(() -> get("http://127.0.0.1:" + server.port() + "/health/live", Map.of()))
        .as("plain HTTP on the HTTPS port")
        .isInstanceOf(java.io.IOException.class);
  }

  static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
