package org.massbalance.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's HTTP API as the audit reads it: readiness, the instances and their partitions, the
 * bulk reads of each instance as streams, the investigation cases, and keyed answers (a movement's
 * back trace, a lot, a transformation).
 */
public final class EngineClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 1000;

  private final String base;
  private final String token;
  private final Consumer<String> warnings;
  private final HttpClient http;

  /**
   * A client of the API at {@code baseUrl} ({@code http://host:port}).
   *
   * @param token bearer token, or null
   * @param warnings told when an answer came from a standby (stale)
   */
  public EngineClient(String baseUrl, String token, Consumer<String> warnings) {
    this(baseUrl, token, null, warnings);
  }

  /**
   * A client of the API at {@code baseUrl} ({@code http://host:port} or {@code https://host:port}).
   *
   * @param token bearer token, or null
   * @param tls the TLS context for an https URL (the trust store of the engine's certificate), or
   *     null for the JDK's default trust
   * @param warnings told when an answer came from a standby (stale)
   */
  public EngineClient(
      String baseUrl, String token, javax.net.ssl.SSLContext tls, Consumer<String> warnings) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
    this.warnings = warnings;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      b.sslContext(tls);
    }
    this.http = b.build();
  }

  /** Fails with a readable message unless the engine answers ready. */
  public void requireReady() {
    HttpResponse<String> r = get("/health/ready");
    if (r.statusCode() != 200) {
      throw new AuditException(
          "the engine at " + base + " is not ready (HTTP " + r.statusCode() + "); retry later");
    }
  }

  /**
   * Every investigation case the engine lists (open and done), gathered from every instance, a page
   * of 1,000 at a time.
   */
  public List<AuditData.InvestigationRecord> investigations() {
    List<AuditData.InvestigationRecord> out = new ArrayList<>();
    int total;
    do {
      JsonNode body = page("/api/v1/investigations?limit=1000&offset=" + out.size());
      if (body == null) {
        return out;
      }
      if (!body.path("complete").asBoolean(true)) {
        warnings.accept("warning: an engine instance did not answer the investigations list");
      }
      total = body.path("total").asInt(0);
      JsonNode page = body.path("investigations");
      if (page.isEmpty()) {
        return out;
      }
      for (JsonNode c : page) {
        out.add(investigation(c));
      }
    } while (out.size() < total);
    return out;
  }

  /**
   * Every import certificate drawn by a movement dated in {@code from..to} (gathered from every
   * instance), each with every movement drawn from it, a page of 1,000 at a time.
   */
  List<ImportCertificatesSheet.Certificate> importCertificates(YearMonth from, YearMonth to) {
    List<String> numbers = new ArrayList<>();
    int total;
    do {
      JsonNode body =
          page(
              "/api/v1/import-certificates?from="
                  + from
                  + "&to="
                  + to
                  + "&limit="
                  + PAGE
                  + "&offset="
                  + numbers.size());
      if (body == null) {
        break;
      }
      if (!body.path("complete").asBoolean(true)) {
        warnings.accept("warning: an engine instance did not answer the import certificates list");
      }
      total = body.path("total").asInt(0);
      JsonNode page = body.path("import_certificates");
      if (page.isEmpty()) {
        break;
      }
      for (JsonNode c : page) {
        numbers.add(text(c, "certificate_number"));
      }
    } while (numbers.size() < total);
    List<ImportCertificatesSheet.Certificate> out = new ArrayList<>();
    for (String number : numbers) {
      importCertificate(number).ifPresent(out::add);
    }
    return out;
  }

  /** One import certificate with every movement drawn from it; empty when the engine has none. */
  java.util.Optional<ImportCertificatesSheet.Certificate> importCertificate(String number) {
    List<ImportCertificatesSheet.Draw> draws = new ArrayList<>();
    JsonNode first = null;
    String token = null;
    do {
      JsonNode page =
          page("/api/v1/import-certificates/" + number + "?limit=" + PAGE + tokenParam(token));
      if (page == null) {
        return java.util.Optional.empty();
      }
      first = first == null ? page : first;
      for (JsonNode d : page.path("movements")) {
        List<String> alerts = new ArrayList<>();
        for (JsonNode a : d.path("alerts")) {
          alerts.add(a.asText());
        }
        draws.add(
            new ImportCertificatesSheet.Draw(
                d.path("sequence").asLong(),
                text(d, "site_id"),
                text(d, "product_id"),
                text(d, "movement_id"),
                text(d, "type"),
                text(d, "lot_id"),
                text(d, "date"),
                EngineJson.dec(d, "quantity"),
                EngineJson.dec(d, "movement_quantity"),
                text(d, "movement_unit"),
                alerts));
      }
      token = text(page, "next_page_token");
    } while (token != null);
    return java.util.Optional.of(
        new ImportCertificatesSheet.Certificate(
            text(first, "certificate_number"),
            first.path("known").asBoolean(false),
            text(first, "product_id"),
            text(first, "hts_code"),
            text(first, "unit"),
            text(first, "certified") == null ? null : EngineJson.dec(first, "certified"),
            EngineJson.dec(first, "received"),
            text(first, "remaining") == null ? null : EngineJson.dec(first, "remaining"),
            text(first, "valid_from"),
            text(first, "valid_to"),
            text(first, "exporter"),
            text(first, "importer_nop_id"),
            text(first, "certifier"),
            text(first, "origin_country"),
            draws));
  }

  private static AuditData.InvestigationRecord investigation(JsonNode c) {
    JsonNode i = c.path("investigation");
    boolean has = i.isObject();
    return new AuditData.InvestigationRecord(
        text(c, "site_id"),
        text(c, "product_id"),
        text(c, "period"),
        text(c, "status"),
        text(c, "due_on"),
        c.path("overdue").asBoolean(false),
        c.path("late").asBoolean(false),
        has ? text(i, "cause") : null,
        has ? text(i, "explanation") : null,
        has ? text(i, "corrective_action") : null,
        has ? text(i, "certifier_notified_on") : null,
        has ? text(i, "investigated_by") : null,
        has ? text(i, "recorded_at") : null);
  }

  /**
   * The instances of the engine and the partitions each holds active ({@code GET
   * /api/v1/instances}).
   */
  public JsonNode instances() {
    JsonNode body = page("/api/v1/instances");
    if (body == null) {
      throw new AuditException(
          "the engine at " + base + " has no /api/v1/instances (an engine older than the audit?)");
    }
    return body;
  }

  /** The back trace of one movement ({@code GET /api/v1/trace/{site}/{product}/{movement}}). */
  public AuditData.TracedMovement trace(String site, String product, String movementId) {
    JsonNode t =
        page(
            "/api/v1/trace/" + enc(site) + "/" + enc(product) + "/" + enc(movementId) + "?depth=1");
    return t == null ? null : EngineJson.trace(site, product, null, t);
  }

  /** A keyed answer ({@code pathAndQuery} of the API), or null for 404. */
  public JsonNode json(String pathAndQuery) {
    return page(pathAndQuery);
  }

  /** The API's base URL. */
  public String base() {
    return base;
  }

  /**
   * The body of {@code GET baseUrl + pathAndQuery} as it streams in (NDJSON of the bulk reads); the
   * caller closes it.
   *
   * @throws java.io.IOException when the instance cannot be reached
   * @throws AuditException when it answers anything but 200
   */
  public java.io.InputStream stream(String baseUrl, String pathAndQuery) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(60));
    if (token != null && !token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<java.io.InputStream> r;
    try {
      r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException("interrupted while reading the engine API at " + baseUrl, e);
    }
    if (r.statusCode() != 200) {
      String body;
      try (java.io.InputStream in = r.body()) {
        body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      }
      throw new AuditException(
          "the engine at "
              + baseUrl
              + " answered HTTP "
              + r.statusCode()
              + " to "
              + pathAndQuery
              + (r.statusCode() == 401 ? " (missing or wrong token)" : ": " + body));
    }
    return r.body();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A page as JSON; null for 404 (the engine holds nothing of that key). */
  private static String tokenParam(String token) {
    return token == null ? "" : "&page_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  private JsonNode page(String pathAndQuery) {
    HttpResponse<String> r = get(pathAndQuery);
    if (r.statusCode() == 404) {
      return null;
    }
    if (r.statusCode() == 401) {
      throw new AuditException(
          "the engine at "
              + base
              + " refused the request: missing or wrong token (--token, --token-file or"
              + " MASSBALANCE_API_TOKEN)");
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AuditException("the engine at " + base + " answered something that is not JSON");
    }
    if (r.statusCode() != 200) {
      throw new AuditException(
          "the engine at "
              + base
              + " answered HTTP "
              + r.statusCode()
              + " to "
              + pathAndQuery
              + ": "
              + body.path("error").asText(""));
    }
    if (body.path("stale").asBoolean(false)) {
      warnings.accept("warning: " + pathAndQuery + " was answered by a standby (stale)");
    }
    return body;
  }

  private HttpResponse<String> get(String pathAndQuery) {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
    } catch (IllegalArgumentException e) {
      throw new AuditException("--api must be a URL such as http://localhost:8080, got " + base);
    }
    if (token != null && !token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (javax.net.ssl.SSLException e) {
      throw new AuditException(
          "cannot reach the engine API at "
              + base
              + " over TLS: "
              + e.getMessage()
              + " (its certificate must be trusted: api.tls.truststore.location in"
              + " --client-config)",
          e);
    } catch (IOException e) {
      throw new AuditException(
          "cannot reach the engine API at "
              + base
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + (base.startsWith("http://")
                  ? " (an HTTPS engine needs an https:// --api URL)"
                  : ""),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException("interrupted while reading the engine API at " + base, e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
