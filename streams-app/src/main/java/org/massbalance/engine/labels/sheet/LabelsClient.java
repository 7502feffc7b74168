package org.massbalance.engine.labels.sheet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.massbalance.engine.labels.DigitalLink;
import org.massbalance.engine.labels.LabelData;

/**
 * The engine's HTTP API as {@code labels} reads it: readiness, a site's products (its balances),
 * every page of a site|product's lots, and a lot's label.
 */
final class LabelsClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 1000;

  private final String base;
  private final String token;
  private final Consumer<String> warnings;
  private final HttpClient http;

  /** One lot of a lots page: what picks it for a sheet. */
  record LotEntry(String lotId, String receivedPeriod, boolean adjustment) {}

  /**
   * @param tls the trust for an HTTPS API, or null for the JDK's
   */
  LabelsClient(
      String baseUrl, String token, javax.net.ssl.SSLContext tls, Consumer<String> warnings) {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      client.sslContext(tls);
    }
    this.http = client.build();
    String b = baseUrl.strip();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.token = token;
    this.warnings = warnings;
  }

  /** Fails with a readable message unless the engine answers ready. */
  void requireReady() {
    HttpResponse<String> r = get("/health/ready");
    if (r.statusCode() != 200) {
      throw new LabelsException(
          "the engine at " + base + " is not ready (HTTP " + r.statusCode() + "); retry later");
    }
  }

  /** The products with a book at {@code site}, gathered from every instance; empty for none. */
  List<String> products(String site) {
    JsonNode body = json("/api/v1/balances/" + DigitalLink.encode(site) + "?limit=1000");
    List<String> out = new ArrayList<>();
    if (body == null) {
      return out;
    }
    if (!body.path("complete").asBoolean(true)) {
      warnings.accept(
          "warning: an engine instance did not answer: products of " + site + " may be missing");
    }
    for (JsonNode b : body.path("balances")) {
      out.add(b.path("product_id").asText());
    }
    return out;
  }

  /** Every lot of site|product (page after page), or none when the engine holds none. */
  List<LotEntry> lots(String site, String product) {
    List<LotEntry> out = new ArrayList<>();
    String after = null;
    do {
      JsonNode page =
          json(
              "/api/v1/lots/"
                  + DigitalLink.encode(site)
                  + "/"
                  + DigitalLink.encode(product)
                  + "?limit="
                  + PAGE
                  + (after == null ? "" : "&page_token=" + DigitalLink.encode(after)));
      if (page == null) {
        return out;
      }
      for (JsonNode l : page.path("lots")) {
        out.add(
            new LotEntry(
                l.path("lot_id").asText(),
                l.path("received_period").asText(""),
                l.path("adjustment").asBoolean(false)));
      }
      JsonNode next = page.get("next_page_token");
      after = next == null || next.isNull() ? null : next.asText();
    } while (after != null);
    return out;
  }

  /** The label of a lot, as the engine draws it. */
  LabelData label(String site, String product, String lot) {
    String path =
        "/api/v1/lots/"
            + DigitalLink.encode(site)
            + "/"
            + DigitalLink.encode(product)
            + "/"
            + DigitalLink.encode(lot)
            + "/label";
    JsonNode body = json(path);
    if (body == null) {
      throw new LabelsException("the engine no longer knows lot " + lot + " of " + product);
    }
    return LabelData.fromJson(body);
  }

  /** An answer as JSON; null for 404 (the engine holds nothing of that key). */
  private JsonNode json(String pathAndQuery) {
    HttpResponse<String> r = get(pathAndQuery);
    if (r.statusCode() == 404) {
      return null;
    }
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw new LabelsException(
          "the engine at " + base + " refused the request: missing or wrong --token");
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new LabelsException("the engine at " + base + " answered something that is not JSON");
    }
    if (r.statusCode() != 200) {
      throw new LabelsException(
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
      b =
          HttpRequest.newBuilder(URI.create(base + pathAndQuery))
              .timeout(Duration.ofSeconds(60))
              .header("Accept", "application/json");
    } catch (IllegalArgumentException e) {
      throw new LabelsException("--api must be a URL such as http://localhost:8080, got " + base);
    }
    if (token != null && !token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (javax.net.ssl.SSLException e) {
      throw new LabelsException(
          "cannot reach the engine API at "
              + base
              + " over HTTPS: "
              + e.getMessage()
              + " (its certificate must be trusted: api.tls.truststore.location in"
              + " --client-config)",
          e);
    } catch (IOException e) {
      throw new LabelsException("cannot reach the engine API at " + base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabelsException("interrupted while reading the engine API at " + base, e);
    }
  }
}
