package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.topics.TopicDefaults;

/**
 * Two engines of one application on a four-partition stack, with a standby of every task: every key
 * is answered by both (forwarded to its owner), the lists are gathered from both, and when one
 * engine leaves the survivor answers every key again from its standbys.
 */
class QueryApiIT {

  private static final String APP_ID = "massbalance-query-api-it";
  private static final String NOVEMBER = "2025-11";

  @TempDir Path tmp;

  @Test
  void everyKeyIsAnsweredByBothInstancesAndThenByTheSurvivor() throws Exception {
    try (LocalStack stack = ApiItSupport.startStack(tmp.resolve("stack"), 4)) {
      ApiItSupport.ingestReference(stack);
      EngineRunner a =
          EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state-a"), APP_ID, null));
      EngineRunner b = null;
      try {
        b = EngineRunner.start(ApiItSupport.settings(stack, tmp.resolve("state-b"), APP_ID, null));
        EngineRunner[] both = {a, b};
        ApiItSupport.awaitRunning(both);
        long movements = ApiItSupport.ingestMovements(stack);
        assertThat(movements).isEqualTo(13 + 12);
        await("both engines apply " + movements + " movements")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> ApiItSupport.applied(both) == movements);
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
        ApiItSupport.awaitRunning(both);

        // The keys cover every partition, and each engine owns some of them.
        List<String[]> keys = ApiItSupport.keys();
        Set<Integer> partitions = new TreeSet<>();
        for (String[] k : keys) {
          partitions.add(ApiItSupport.owner(a, k[0], k[1]).partition());
        }
        assertThat(partitions).containsExactly(0, 1, 2, 3);
        assertThat(ItSupport.applied(a)).as("books active on a").isPositive();
        assertThat(ItSupport.applied(b)).as("books active on b").isPositive();

        // The contract's November closes (idle close) with the contract's figures.
        JsonNode november = awaitClosed(a.apiUrl(), "/api/v1/snapshots/FRESNO/ALMONDS/" + NOVEMBER);
        assertNovember(november);

        // Every keyed path answers the same on both engines.
        List<String> paths = keyedPaths(keys);
        Map<String, JsonNode> written = new LinkedHashMap<>();
        await("both engines answer every key alike")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  for (String path : paths) {
                    ApiItSupport.Answer fromA = ApiItSupport.get(both[0].apiUrl(), path, null);
                    ApiItSupport.Answer fromB = ApiItSupport.get(both[1].apiUrl(), path, null);
                    assertThat(fromA.status()).as("a %s: %s", path, fromA.body()).isEqualTo(200);
                    assertThat(fromB.status()).as("b %s: %s", path, fromB.body()).isEqualTo(200);
                    assertThat(fromB.json()).as(path).isEqualTo(fromA.json());
                    assertThat(fromA.json().path("stale").asBoolean()).as(path).isFalse();
                    if (path.contains("/consolidated/")) {
                      assertThat(fromA.json().path("sites").asInt()).as(path).isEqualTo(5);
                    } else if (path.contains("/snapshots/")) {
                      assertThat(fromA.json().path("status").asText())
                          .as(path)
                          .isNotEqualTo("OPEN");
                    }
                    written.put(path, fromA.json());
                  }
                });

        JsonNode almonds = written.get("/api/v1/balances/FRESNO/ALMONDS");
        assertThat(almonds.path("site_id").asText()).isEqualTo("FRESNO");
        assertThat(almonds.path("product_id").asText()).isEqualTo("ALMONDS");
        assertThat(almonds.path("unit").asText()).isEqualTo("lb");
        assertThat(almonds.path("book_balance").asText()).isEqualTo("715");
        assertThat(almonds.path("lots").isArray()).isTrue();
        assertThat(almonds.path("lots").get(0).path("lot_id").asText())
            .isEqualTo("ALM-20251120-001");
        assertThat(almonds.path("lots").get(0).path("remaining").asText()).isEqualTo("715");
        JsonNode lot = written.get("/api/v1/lots/FRESNO/ALMONDS/ALM-20251109-001");
        assertThat(lot.path("received").asText()).isEqualTo("1000");
        assertThat(lot.path("allocations").size()).isEqualTo(4);
        JsonNode trace = written.get("/api/v1/trace/FRESNO/ALMONDS/m-007");
        assertThat(trace.path("lots").size()).isEqualTo(2);
        assertThat(trace.path("lots").get(0).path("supplier_nop_id").asText())
            .isEqualTo("8150000016");
        assertThat(trace.path("lots").get(1).path("supplier_nop_id").asText())
            .isEqualTo("8150000016");
        assertNovember(written.get("/api/v1/snapshots/FRESNO/ALMONDS/" + NOVEMBER));
        assertThat(ids(written.get(LOTS_PAGE_1), "lots", "lot_id"))
            .containsExactly("ALM-20251014-001", "ALM-20251109-001");
        assertThat(written.get(LOTS_PAGE_1).path("next_page_token").asText())
            .isEqualTo("ALM-20251109-001");
        JsonNode lots2 = written.get(LOTS_PAGE_1 + "&page_token=ALM-20251109-001");
        assertThat(ids(lots2, "lots", "lot_id")).containsExactly("ALM-20251120-001");
        assertThat(lots2.path("next_page_token").isNull()).isTrue();
        assertThat(ids(written.get(TRACES_PAGE_1), "traces", "movement_id"))
            .containsExactly("m-003", "m-004", "m-006");
        JsonNode traces2 = written.get(TRACES_PAGE_1 + "&page_token=m-006");
        assertThat(ids(traces2, "traces", "movement_id")).containsExactly("m-007");
        assertThat(traces2.path("next_page_token").isNull()).isTrue();
        assertThat(traces2.path("traces").get(0).path("period").asText()).isEqualTo("2025-11");
        assertThat(written.get("/api/v1/balances/OAKLAND/WALNUTS").path("book_balance").asText())
            .isEqualTo("-50");
        JsonNode consolidatedAlmonds =
            written.get("/api/v1/snapshots/consolidated/ALMONDS/" + NOVEMBER);
        assertThat(consolidatedAlmonds.path("product_id").asText()).isEqualTo("ALMONDS");
        assertThat(consolidatedAlmonds.path("period").asText()).isEqualTo(NOVEMBER);
        assertThat(consolidatedAlmonds.path("sites").asInt()).isEqualTo(5);

        // Lists no single key routes are gathered from both engines.
        await("site balances and alerts are gathered from both engines")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  Set<String> listed = new HashSet<>();
                  for (String site : sites(keys)) {
                    String path = "/api/v1/balances/" + site;
                    ApiItSupport.Answer fromA = ApiItSupport.get(both[0].apiUrl(), path, null);
                    ApiItSupport.Answer fromB = ApiItSupport.get(both[1].apiUrl(), path, null);
                    assertThat(fromA.status()).as("a %s: %s", path, fromA.body()).isEqualTo(200);
                    assertThat(fromB.json()).as(path).isEqualTo(fromA.json());
                    assertThat(fromA.json().path("complete").asBoolean()).as(path).isTrue();
                    for (JsonNode bal : fromA.json().path("balances")) {
                      listed.add(
                          bal.path("site_id").asText() + "|" + bal.path("product_id").asText());
                      assertThat(bal.path("book_balance").asText())
                          .isEqualTo(
                              written
                                  .get(
                                      "/api/v1/balances/"
                                          + bal.path("site_id").asText()
                                          + "/"
                                          + bal.path("product_id").asText())
                                  .path("book_balance")
                                  .asText());
                    }
                  }
                  assertThat(listed).hasSize(keys.size());

                  ApiItSupport.Answer alertsA =
                      ApiItSupport.get(both[0].apiUrl(), "/api/v1/alerts", null);
                  ApiItSupport.Answer alertsB =
                      ApiItSupport.get(both[1].apiUrl(), "/api/v1/alerts", null);
                  assertThat(alertsA.status()).as(alertsA.body()).isEqualTo(200);
                  assertThat(alertsB.json()).isEqualTo(alertsA.json());
                  assertThat(alertsA.json().path("complete").asBoolean()).isTrue();
                  Set<String> types = new HashSet<>();
                  alertsA.json().path("alerts").forEach(al -> types.add(al.path("type").asText()));
                  assertThat(types).contains("OVERSELL", "VARIANCE_EXCEEDED");

                  ApiItSupport.Answer oversell =
                      ApiItSupport.get(
                          both[1].apiUrl(), "/api/v1/alerts?type=OVERSELL&site=OAKLAND", null);
                  assertThat(oversell.json().path("alerts")).hasSize(1);
                  JsonNode o = oversell.json().path("alerts").get(0);
                  assertThat(o.path("product_id").asText()).isEqualTo("WALNUTS");
                  assertThat(o.path("quantity").asText()).isEqualTo("50");
                });

        // Lot labels and their GS1 Digital Links, answered alike by both engines.
        await("both engines resolve Digital Links and draw labels")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertLabelsAndLinks(both[0].apiUrl(), both[1].apiUrl()));

        // One engine leaves (the owner of the almonds): the survivor answers every key.
        KeyQueryMetadata m = ApiItSupport.owner(a, "FRESNO", "ALMONDS");
        EngineRunner leaving = ApiItSupport.isAt(a, m.activeHost()) ? a : b;
        EngineRunner survivor = leaving == a ? b : a;
        leaving.close();
        if (leaving == b) {
          b = null;
        } else {
          a = null;
        }
        String url = survivor.apiUrl();
        java.util.concurrent.atomic.AtomicInteger staleAnswers =
            new java.util.concurrent.atomic.AtomicInteger();
        await("the survivor answers every key within 10 s")
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .untilAsserted(
                () -> {
                  for (String path : paths) {
                    ApiItSupport.Answer r = ApiItSupport.get(url, path, null);
                    assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(200);
                    if (r.json().path("stale").asBoolean()) {
                      staleAnswers.incrementAndGet();
                    }
                    assertThat(withoutStale(r.json()))
                        .as(path)
                        .isEqualTo(withoutStale(written.get(path)));
                  }
                });
        System.out.printf(
            "QueryApiIT: %d stale answers during the take-over%n", staleAnswers.get());
        // Once the group has settled the survivor owns every task and answers as the owner.
        await("the survivor answers every key as its owner")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  for (String path : paths) {
                    ApiItSupport.Answer r = ApiItSupport.get(url, path, null);
                    assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(200);
                    assertThat(r.json().path("stale").asBoolean()).as(path).isFalse();
                    assertThat(withoutStale(r.json()))
                        .as(path)
                        .isEqualTo(withoutStale(written.get(path)));
                  }
                });
      } finally {
        closeQuietly(b);
        closeQuietly(a);
      }
    }
  }

  /** The demo's GTIN of ALMONDS (products.csv); PECANS has none. */
  private static final String ALMONDS_GTIN = "00614141123452";

  /**
   * The resolver and the labels, asked of both engines: ALM-20251105-001 is an engine-assigned id
   * at each of the four extra sites (a page to choose the site, or the one the {@code s} hint
   * names), ALM-20251109-001 is at FRESNO only (a redirect to its dashboard page).
   */
  private static void assertLabelsAndLinks(String a, String b) throws Exception {
    String shared = "ALM-20251105-001";
    for (String url : List.of(a, b)) {
      ApiItSupport.Answer choice =
          ApiItSupport.get(url, "/01/" + ALMONDS_GTIN + "/10/" + shared, null);
      assertThat(choice.status()).as(choice.body()).isEqualTo(200);
      assertThat(choice.contentType()).startsWith("text/html");
      for (String site : ApiItSupport.EXTRA_SITES) {
        assertThat(choice.body())
            .contains(
                "href=\"/#/trace?site=" + site + "&amp;product=ALMONDS&amp;lot=" + shared + "\"");
      }
      assertThat(choice.body()).doesNotContain("<script").doesNotContain("FRESNO");

      ApiItSupport.Answer hinted =
          ApiItSupport.get(url, "/01/" + ALMONDS_GTIN + "/10/" + shared + "?s=ITC", null, Map.of());
      assertThat(hinted.status()).isEqualTo(303);
      assertThat(hinted.body()).contains("/#/trace?site=ITC&product=ALMONDS&lot=" + shared);
      ApiItSupport.Answer fresno =
          ApiItSupport.get(url, "/01/614141123452/10/ALM-20251109-001", null); // a GTIN-12
      assertThat(fresno.status()).as(fresno.body()).isEqualTo(303);
      assertThat(fresno.body())
          .contains("/#/trace?site=FRESNO&product=ALMONDS&lot=ALM-20251109-001");

      assertThat(ApiItSupport.get(url, "/01/" + ALMONDS_GTIN + "/10/NO-SUCH-LOT", null).status())
          .isEqualTo(404);
      assertThat(ApiItSupport.get(url, "/01/09506000134352/10/" + shared, null).status())
          .as("a GTIN no product has")
          .isEqualTo(404);
      assertThat(ApiItSupport.get(url, "/01/00614141123453/10/" + shared, null).status())
          .as("a wrong check digit")
          .isEqualTo(400);

      JsonNode resolved =
          ApiItSupport.get(url, "/api/v1/resolve/01/" + ALMONDS_GTIN + "/10/" + shared, null)
              .json();
      assertThat(ids(resolved, "lots", "site_id")).containsExactly("ITA", "ITB", "ITC", "ITD");
      assertThat(resolved.path("complete").asBoolean()).isTrue();
      assertThat(resolved.path("products").get(0).asText()).isEqualTo("ALMONDS");

      JsonNode label =
          ApiItSupport.get(url, "/api/v1/lots/ITB/ALMONDS/" + shared + "/label", null).json();
      assertThat(label.path("digital_link").asText())
          .isEqualTo(url + "/01/" + ALMONDS_GTIN + "/10/" + shared);
      assertThat(label.path("received_on").asText()).isEqualTo("2025-11-05");
      assertThat(label.path("supplier_lot").asText()).isEqualTo("VNG-X4");
      assertThat(label.path("supplier_nop_id").asText()).isEqualTo("8150000016");
      assertThat(label.path("certifier").asText()).isNotBlank();
      assertThat(label.path("organic_claim").asText()).isEqualTo("ORGANIC");
      JsonNode pecans =
          ApiItSupport.get(url, "/api/v1/lots/ITA/PECANS/PEC-20251105-001/label", null).json();
      assertThat(pecans.path("gtin").isNull()).isTrue();
      assertThat(pecans.path("qr_uri").asText())
          .isEqualTo(url + "/#/trace?site=ITA&product=PECANS&lot=PEC-20251105-001");
      assertThat(pecans.path("note").asText()).contains("No GTIN");
      ApiItSupport.Answer svg =
          ApiItSupport.get(url, "/api/v1/lots/ITD/ALMONDS/" + shared + "/label.svg", null);
      assertThat(svg.status()).isEqualTo(200);
      assertThat(svg.contentType()).startsWith("image/svg+xml");
      assertThat(svg.body()).contains(">" + shared + "</text>").doesNotContain("<script");
    }
    assertThat(
            ApiItSupport.get(b, "/api/v1/resolve/01/" + ALMONDS_GTIN + "/10/" + shared, null)
                .json())
        .isEqualTo(
            ApiItSupport.get(a, "/api/v1/resolve/01/" + ALMONDS_GTIN + "/10/" + shared, null)
                .json());
  }

  private static final String LOTS_PAGE_1 = "/api/v1/lots/FRESNO/ALMONDS?limit=2";
  private static final String TRACES_PAGE_1 =
      "/api/v1/trace/FRESNO/ALMONDS?from=2025-11&to=2025-11&limit=3";

  private static List<String> keyedPaths(List<String[]> keys) {
    List<String> paths = new java.util.ArrayList<>();
    Set<String> products = new TreeSet<>();
    for (String[] k : keys) {
      paths.add("/api/v1/balances/" + k[0] + "/" + k[1]);
      paths.add("/api/v1/snapshots/" + k[0] + "/" + k[1] + "/" + NOVEMBER);
      products.add(k[1]);
    }
    for (String p : products) {
      paths.add("/api/v1/snapshots/consolidated/" + p + "/" + NOVEMBER);
    }
    // the example's lots and trace back (contract: Lots and traceability)
    paths.add("/api/v1/lots/FRESNO/ALMONDS/ALM-20251109-001");
    paths.add("/api/v1/lots/FRESNO/ALMONDS/ALM-20251120-001");
    paths.add("/api/v1/trace/FRESNO/ALMONDS/m-007");
    // paged reads (ADR 11): the query string travels with a forwarded request
    paths.add(LOTS_PAGE_1);
    paths.add(LOTS_PAGE_1 + "&page_token=ALM-20251109-001");
    paths.add(TRACES_PAGE_1);
    paths.add(TRACES_PAGE_1 + "&page_token=m-006");
    return paths;
  }

  private static List<String> ids(JsonNode page, String list, String field) {
    List<String> out = new java.util.ArrayList<>();
    page.path(list).forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  private static Set<String> sites(List<String[]> keys) {
    Set<String> out = new TreeSet<>();
    keys.forEach(k -> out.add(k[0]));
    return out;
  }

  private static JsonNode awaitClosed(String url, String path) {
    JsonNode[] out = new JsonNode[1];
    await("the November snapshot closes")
        .atMost(ItSupport.DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              ApiItSupport.Answer r = ApiItSupport.get(url, path, null);
              if (r.status() != 200 || "OPEN".equals(r.json().path("status").asText())) {
                return false;
              }
              out[0] = r.json();
              return true;
            });
    return out[0];
  }

  static void assertNovember(JsonNode s) {
    assertThat(s.path("site_id").asText()).isEqualTo("FRESNO");
    assertThat(s.path("product_id").asText()).isEqualTo("ALMONDS");
    assertThat(s.path("period").asText()).isEqualTo(NOVEMBER);
    assertThat(s.path("unit").asText()).isEqualTo("lb");
    assertThat(s.path("opening").asText()).isEqualTo("500");
    assertThat(s.path("receipts").asText()).isEqualTo("1750");
    assertThat(s.path("sales").asText()).isEqualTo("1500");
    assertThat(s.path("waste").asText()).isEqualTo("30");
    assertThat(s.path("expected_closing").asText()).isEqualTo("720");
    assertThat(s.path("counted").asText()).isEqualTo("715");
    assertThat(s.path("count_variance").asText()).isEqualTo("-5");
    assertThat(s.path("variance_pct").asText()).isEqualTo("-0.694444");
    assertThat(s.path("closing").asText()).isEqualTo("715");
    assertThat(s.path("waste_pct").asText()).isEqualTo("1.333333");
    assertThat(s.path("status").asText()).isEqualTo("WITHIN_TOLERANCE");
  }

  private static JsonNode withoutStale(JsonNode n) {
    ObjectNode copy = n.deepCopy();
    copy.remove("stale");
    return copy;
  }

  private static void closeQuietly(EngineRunner e) {
    if (e != null) {
      e.close();
    }
  }
}
