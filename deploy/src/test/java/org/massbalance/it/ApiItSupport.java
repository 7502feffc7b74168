package org.massbalance.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.producers.ingest.IngestSummary;
import org.massbalance.producers.ingest.Ingester;

/** Steps shared by the query API integration tests: two engines, data, HTTP calls. */
final class ApiItSupport {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The internal secret of the engines of a test that sets a token. */
  static final String SECRET = "Ps5hV2kN8xQ3tRm7wLz1cYb9";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /** Sites added to the demo's so that the keys spread over every partition. */
  static final List<String> EXTRA_SITES = List.of("ITA", "ITB", "ITC", "ITD");

  static final List<String> PRODUCTS = List.of("ALMONDS", "WALNUTS", "PECANS");

  private ApiItSupport() {}

  /** An HTTP answer. */
  record Answer(int status, String body, String contentType) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  static LocalStack startStack(Path dataDir, int partitions) {
    return LocalStack.builder()
        .kafkaPort(0)
        .registryPort(0)
        .partitions(partitions)
        .dataDir(dataDir)
        .build()
        .start();
  }

  static Properties settings(LocalStack stack, Path stateDir, String appId, String token) {
    Properties p = ItSupport.engineSettings(stack, stateDir, appId);
    p.put("num.standby.replicas", "1");
    p.put("commit.interval.ms", "100");
    p.put("period.idle.close.ms", "1000");
    p.put("period.close.check.ms", "300");
    if (token != null) {
      p.put("api.token", token);
      p.put("api.internal.secret", SECRET);
    }
    return p;
  }

  /** Sites, products and certificates (the demo's and the extra sites). */
  static void ingestReference(LocalStack stack) throws Exception {
    Ingester ingester = ItSupport.ingester(stack);
    for (Map.Entry<Dataset<?>, String> f : ItSupport.DEMO_FILES) {
      if (f.getKey() != Dataset.MOVEMENTS) {
        ingestResource(stack, ingester, f.getKey(), f.getValue());
      }
    }
    StringBuilder sites = new StringBuilder("site_id,name,time_zone,country\n");
    for (String s : EXTRA_SITES) {
      sites.append(s).append(",Test site ").append(s).append(",America/Los_Angeles,US\n");
    }
    ingestText(stack, ingester, Dataset.SITES, sites.toString());
  }

  /**
   * The demo movements plus one receipt of every product at every extra site; returns the number of
   * movements sent.
   */
  static long ingestMovements(LocalStack stack) throws Exception {
    Ingester ingester = ItSupport.ingester(stack);
    long n = 0;
    for (Map.Entry<Dataset<?>, String> f : ItSupport.DEMO_FILES) {
      if (f.getKey() == Dataset.MOVEMENTS) {
        n += ingestResource(stack, ingester, f.getKey(), f.getValue());
      }
    }
    StringBuilder m =
        new StringBuilder(
            "movement_id,type,occurred_at,site_id,product_id,quantity,unit,supplier_id,"
                + "supplier_lot,supplier_nop_id,document_ref\n");
    int i = 0;
    for (String s : EXTRA_SITES) {
      for (String p : PRODUCTS) {
        i++;
        m.append("x-")
            .append(i)
            .append(",RECEIPT,2025-11-05,")
            .append(s)
            .append(',')
            .append(p)
            .append(",100,")
            .append(p.equals("ALMONDS") ? "lb" : "kg")
            .append(",VNG,VNG-X")
            .append(i)
            .append(",8150000016,PO-X")
            .append(i)
            .append('\n');
      }
    }
    n += ingestText(stack, ingester, Dataset.MOVEMENTS, m.toString());
    return n;
  }

  /** Every site|product key of the data, as [site, product]. */
  static List<String[]> keys() {
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"FRESNO", "ALMONDS"});
    out.add(new String[] {"OAKLAND", "WALNUTS"});
    out.add(new String[] {"OAKLAND", "PECANS"});
    for (String s : EXTRA_SITES) {
      for (String p : PRODUCTS) {
        out.add(new String[] {s, p});
      }
    }
    return out;
  }

  private static long ingestResource(LocalStack stack, Ingester ingester, Dataset<?> d, String file)
      throws Exception {
    try (InputStream in = ItSupport.class.getResourceAsStream("/demo/" + file)) {
      if (in == null) {
        throw new IllegalStateException("demo file missing: " + file);
      }
      return check(file, ingester.ingest(d, in, ItSupport.topicOf(d)));
    }
  }

  static long ingestText(LocalStack stack, Ingester ingester, Dataset<?> d, String csv)
      throws Exception {
    try (InputStream in = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))) {
      return check("generated " + d, ingester.ingest(d, in, ItSupport.topicOf(d)));
    }
  }

  private static long check(String what, IngestSummary summary) {
    if (summary.refusedCount() != 0) {
      throw new IllegalStateException(what + " refused rows: " + summary);
    }
    return summary.sent();
  }

  /** Waits until both engines are RUNNING. */
  static void awaitRunning(EngineRunner... engines) {
    await("engines RUNNING")
        .atMost(ItSupport.DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (EngineRunner e : engines) {
                if (e.state() != KafkaStreams.State.RUNNING) {
                  return false;
                }
              }
              return true;
            });
  }

  /** Movements applied over all the engines' active books. */
  static long applied(EngineRunner... engines) {
    long sum = 0;
    for (EngineRunner e : engines) {
      long a = ItSupport.applied(e);
      if (a < 0) {
        return -1;
      }
      sum += a;
    }
    return sum;
  }

  /** Where the book of site|product lives, as this engine sees it. */
  static KeyQueryMetadata owner(EngineRunner engine, String site, String product) {
    return engine
        .streams()
        .queryMetadataForKey(StoreNames.BOOK, site + "|" + product, new StringSerializer());
  }

  static boolean isAt(EngineRunner engine, HostInfo host) {
    return engine.apiUrl().equals("http://" + host.host() + ":" + host.port());
  }

  /** A POST of {@code json} to {@code path}. */
  static Answer post(String baseUrl, String path, String json, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
  }

  static Answer get(String baseUrl, String path, String token) throws Exception {
    return get(baseUrl, path, token, Map.of());
  }

  static Answer get(String baseUrl, String path, String token, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
  }
}
