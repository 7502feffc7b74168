package org.massbalance.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
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
import org.massbalance.engine.audit.AuditData.Allocation;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/**
 * The engine's HTTP API as the audit reads it: readiness, and every page of a site|product's lots
 * and back traces ({@code /api/v1/lots/{site}/{product}}, {@code /api/v1/trace/{site}/{product}}).
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
                dec(d, "quantity"),
                dec(d, "movement_quantity"),
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
            text(first, "certified") == null ? null : dec(first, "certified"),
            dec(first, "received"),
            text(first, "remaining") == null ? null : dec(first, "remaining"),
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

  /** Every lot of site|product, with its allocations. */
  public List<LotRecord> lots(String site, String product) {
    List<LotRecord> out = new ArrayList<>();
    String token = null;
    do {
      JsonNode page =
          page("/api/v1/lots/" + site + "/" + product + "?limit=" + PAGE + tokenParam(token));
      if (page == null) {
        return out;
      }
      for (JsonNode l : page.path("lots")) {
        List<Allocation> allocations = new ArrayList<>();
        for (JsonNode a : l.path("allocations")) {
          allocations.add(
              new Allocation(
                  text(a, "movement_id"),
                  text(a, "type"),
                  dec(a, "quantity"),
                  text(a, "occurred_at"),
                  text(a, "counterparty_id"),
                  text(a, "document_ref"),
                  text(a, "to_site_id")));
        }
        out.add(
            new LotRecord(
                text(l, "site_id"),
                text(l, "product_id"),
                text(l, "lot_id"),
                text(l, "unit"),
                dec(l, "received"),
                dec(l, "remaining"),
                text(l, "received_at"),
                text(l, "received_period"),
                text(l, "supplier_id"),
                text(l, "supplier_lot"),
                text(l, "supplier_nop_id"),
                bool(l, "certified_at_receipt"),
                text(l, "import_certificate"),
                text(l, "origin_country"),
                text(l, "origin_site_id"),
                l.path("adjustment").asBoolean(false),
                allocations));
      }
      token = text(page, "next_page_token");
    } while (token != null);
    return out;
  }

  /** The back traces of site|product's outbound movements dated in {@code from..to}. */
  public List<TracedMovement> traces(String site, String product, YearMonth from, YearMonth to) {
    List<TracedMovement> out = new ArrayList<>();
    String token = null;
    do {
      JsonNode page =
          page(
              "/api/v1/trace/"
                  + site
                  + "/"
                  + product
                  + "?from="
                  + from
                  + "&to="
                  + to
                  + "&limit="
                  + PAGE
                  + tokenParam(token));
      if (page == null) {
        return out;
      }
      for (JsonNode t : page.path("traces")) {
        List<TracedLot> lots = new ArrayList<>();
        for (JsonNode l : t.path("lots")) {
          lots.add(
              new TracedLot(
                  text(l, "lot_id"),
                  dec(l, "quantity"),
                  text(l, "received_at"),
                  text(l, "supplier_id"),
                  text(l, "supplier_lot"),
                  text(l, "supplier_nop_id"),
                  bool(l, "certified_at_receipt"),
                  text(l, "import_certificate"),
                  text(l, "origin_country")));
        }
        out.add(
            new TracedMovement(
                text(t, "site_id"),
                text(t, "product_id"),
                text(t, "movement_id"),
                text(t, "type"),
                text(t, "occurred_at"),
                text(t, "period"),
                dec(t, "quantity"),
                text(t, "unit"),
                dec(t, "uncovered"),
                text(t, "counterparty_id"),
                text(t, "document_ref"),
                text(t, "to_site_id"),
                text(t, "reason"),
                lots));
      }
      token = text(page, "next_page_token");
    } while (token != null);
    return out;
  }

  private static String tokenParam(String token) {
    return token == null ? "" : "&page_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  /** A page as JSON; null for 404 (the engine holds nothing of that key). */
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

  private static BigDecimal dec(JsonNode n, String field) {
    String v = text(n, field);
    return v == null ? BigDecimal.ZERO : new BigDecimal(v);
  }

  private static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asBoolean();
  }
}
