package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.topics.TopicDefaults;

/**
 * Variance investigations across two engines of one application: on the demo data OAKLAND PECANS
 * (count variance -10 %) is listed open by either engine; an investigation posted to one engine
 * (token required, every problem of a bad one named) is written to variance-investigations and
 * moves the case to done as the other engine lists it.
 */
class InvestigationsIT {

  private static final String APP_ID = "massbalance-investigations-it";
  private static final String TOKEN = "Iv2mQ7sX4nRk9pZt1wLc6hYb";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @TempDir Path tmp;

  @Test
  void anInvestigationPostedToOneEngineClosesTheCaseListedByTheOther() throws Exception {
    try (LocalStack stack = ApiItSupport.startStack(tmp.resolve("stack"), 4)) {
      ApiItSupport.ingestReference(stack);
      EngineRunner a =
          EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state-a"), APP_ID, TOKEN));
      EngineRunner b = null;
      try {
        b = EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state-b"), APP_ID, TOKEN));
        EngineRunner[] both = {a, b};
        ApiItSupport.awaitRunning(both);
        long movements = ApiItSupport.ingestMovements(stack);
        await("both engines apply " + movements + " movements")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> ApiItSupport.applied(both) == movements);
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);

        // The demo's short pecan count is an open case, listed alike by both engines.
        String open = "/api/v1/investigations?status=open";
        await("OAKLAND PECANS 2025-11 listed open by both engines")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  ApiItSupport.Answer fromA = ApiItSupport.get(a.apiUrl(), open, TOKEN);
                  ApiItSupport.Answer fromB = ApiItSupport.get(both[1].apiUrl(), open, TOKEN);
                  assertThat(fromA.status()).as(fromA.body()).isEqualTo(200);
                  assertThat(fromA.json().path("complete").asBoolean()).isTrue();
                  assertThat(fromB.json()).isEqualTo(fromA.json());
                  JsonNode c = only(fromA.json(), "OAKLAND", "PECANS", "2025-11");
                  assertThat(c.path("status").asText()).isEqualTo("open");
                  assertThat(c.path("variance_pct").asText()).isEqualTo("-10");
                  assertThat(c.path("count_variance").asText()).isEqualTo("-60");
                  assertThat(c.path("unit").asText()).isEqualTo("kg");
                  assertThat(c.path("due_on").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
                  assertThat(c.path("overdue").asBoolean()).isFalse();
                  assertThat(c.path("investigation").isNull()).isTrue();
                });
        assertThat(ApiItSupport.get(a.apiUrl(), open, null).status()).isEqualTo(401);

        String good =
            "{\"site_id\":\"OAKLAND\",\"product_id\":\"PECANS\",\"period\":\"2025-11\","
                + "\"cause\":\"shrinkage\",\"explanation\":\"moisture loss in storage\","
                + "\"corrective_action\":\"humidity control in bay 3\","
                + "\"certifier_notified_on\":\"2025-12-05\",\"investigated_by\":\"QA lead\"}";
        // No token: refused. Not JSON (what a cross-site form could send): refused.
        assertThat(post(a.apiUrl(), good, null).statusCode()).isEqualTo(401);
        assertThat(post(a.apiUrl(), good, TOKEN, "text/plain").statusCode()).isEqualTo(415);
        // Every problem of a bad one is named.
        HttpResponse<String> bad =
            post(
                a.apiUrl(),
                "{\"site_id\":\"OAKLAND\",\"product_id\":\"PECANS\",\"period\":\"2025-13\","
                    + "\"cause\":\"ALIENS\",\"explanation\":\"\",\"corrective_action\":7}",
                TOKEN);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        JsonNode problems = ApiItSupport.JSON.readTree(bad.body()).path("problems");
        List<String> reasons = new ArrayList<>();
        problems.forEach(p -> reasons.add(p.asText()));
        assertThat(reasons)
            .anyMatch(r -> r.startsWith("period must be yyyy-MM"))
            .anyMatch(r -> r.startsWith("cause must be one of"))
            .anyMatch(r -> r.equals("explanation is required"))
            .anyMatch(r -> r.equals("corrective_action must be a string"))
            .anyMatch(r -> r.equals("investigated_by is required"));

        // A good one is written and answered with the record as stored.
        HttpResponse<String> created = post(a.apiUrl(), good, TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode stored = ApiItSupport.JSON.readTree(created.body());
        assertThat(stored.path("cause").asText()).isEqualTo("SHRINKAGE");
        assertThat(stored.path("key").asText()).isEqualTo("OAKLAND|PECANS|2025-11");
        assertThat(stored.path("topic").asText()).isEqualTo("variance-investigations");
        assertThat(stored.path("recorded_at").asText()).isNotEmpty();

        // The other engine lists it done, and open no more.
        EngineRunner other = both[1];
        await("OAKLAND PECANS 2025-11 done on the other engine")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  ApiItSupport.Answer done =
                      ApiItSupport.get(other.apiUrl(), "/api/v1/investigations?status=done", TOKEN);
                  assertThat(done.status()).as(done.body()).isEqualTo(200);
                  JsonNode c = only(done.json(), "OAKLAND", "PECANS", "2025-11");
                  assertThat(c.path("status").asText()).isEqualTo("done");
                  assertThat(c.path("outcome").asText()).isEqualTo("notified");
                  assertThat(c.path("reason").asText()).isEqualTo("certifier notified");
                  assertThat(c.path("late").asBoolean()).isFalse();
                  assertThat(c.path("investigation").path("cause").asText()).isEqualTo("SHRINKAGE");
                  assertThat(c.path("investigation").path("certifier_notified_on").asText())
                      .isEqualTo("2025-12-05");
                  ApiItSupport.Answer stillOpen = ApiItSupport.get(other.apiUrl(), open, TOKEN);
                  assertThat(find(stillOpen.json(), "OAKLAND", "PECANS", "2025-11")).isEmpty();
                });
      } finally {
        if (b != null) {
          b.close();
        }
        a.close();
      }
    }
  }

  private static JsonNode only(JsonNode list, String site, String product, String period) {
    List<JsonNode> found = find(list, site, product, period);
    assertThat(found).as(list.toString()).hasSize(1);
    return found.get(0);
  }

  private static List<JsonNode> find(JsonNode list, String site, String product, String period) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : list.path("investigations")) {
      if (n.path("site_id").asText().equals(site)
          && n.path("product_id").asText().equals(product)
          && n.path("period").asText().equals(period)) {
        out.add(n);
      }
    }
    return out;
  }

  private static HttpResponse<String> post(String baseUrl, String json, String token)
      throws Exception {
    return post(baseUrl, json, token, "application/json");
  }

  private static HttpResponse<String> post(
      String baseUrl, String json, String token, String contentType) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/investigations"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }
}
