package org.massbalance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalSchemaRegistryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"a\",\"type\":\"string\"}]}";
  // Same schema, other whitespace and field order of the JSON object: same canonical form.
  private static final String V1_REFORMATTED =
      "{ \"namespace\": \"t\", \"name\": \"Thing\", \"type\": \"record\",\n"
          + "  \"fields\": [ {\"type\": \"string\", \"name\": \"a\"} ] }";
  private static final String V2_WITH_DEFAULT =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";
  private static final String V2_NO_DEFAULT =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"long\"}]}";

  private static EmbeddedKafkaBroker broker;
  private static LocalSchemaRegistry registry;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.builder().port(0).build().start();
    registry = startRegistry();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static LocalSchemaRegistry startRegistry() {
    return LocalSchemaRegistry.builder()
        .bootstrapServers(broker.bootstrapServers())
        .port(0)
        .build()
        .start();
  }

  @Test
  void registersLooksUpChecksAndSurvivesRestart() throws Exception {
    // Register: same schema twice (even reformatted) => one id, one version.
    Response r1 = post("/subjects/things-value/versions", schemaBody(V1));
    assertThat(r1.status).isEqualTo(200);
    assertThat(r1.contentType).startsWith(LocalSchemaRegistry.CONTENT_TYPE);
    int id1 = r1.json.get("id").asInt();
    assertThat(
            post("/subjects/things-value/versions", schemaBody(V1_REFORMATTED))
                .json
                .get("id")
                .asInt())
        .isEqualTo(id1);
    assertThat(get("/subjects/things-value/versions").json.toString()).isEqualTo("[1]");
    // Same schema under another subject => same global id, version 1 there.
    assertThat(post("/subjects/other-value/versions", schemaBody(V1)).json.get("id").asInt())
        .isEqualTo(id1);
    assertThat(get("/subjects").json.toString()).isEqualTo("[\"other-value\",\"things-value\"]");

    // Reads.
    assertThat(JSON.readTree(get("/schemas/ids/" + id1).json.get("schema").asText()))
        .isEqualTo(JSON.readTree(V1));
    Response raw = get("/schemas/ids/" + id1 + "/schema");
    assertThat(JSON.readTree(raw.body)).isEqualTo(JSON.readTree(V1));
    assertThat(get("/schemas/ids/" + id1 + "/subjects").json.toString())
        .isEqualTo("[\"other-value\",\"things-value\"]");
    assertThat(get("/schemas/ids/" + id1 + "/versions").json).hasSize(2);
    assertThat(get("/schemas/types").json.toString()).isEqualTo("[\"AVRO\"]");
    JsonNode latest = get("/subjects/things-value/versions/latest").json;
    assertThat(latest.get("subject").asText()).isEqualTo("things-value");
    assertThat(latest.get("version").asInt()).isEqualTo(1);
    assertThat(latest.get("id").asInt()).isEqualTo(id1);
    assertThat(get("/subjects/things-value/versions/1").json).isEqualTo(latest);
    assertThat(get("/subjects/things-value/versions/-1").json).isEqualTo(latest);
    assertThat(JSON.readTree(get("/subjects/things-value/versions/1/schema").body))
        .isEqualTo(JSON.readTree(V1));

    // Lookup, also with the content types other clients send.
    JsonNode found = post("/subjects/things-value", schemaBody(V1_REFORMATTED)).json;
    assertThat(found.get("id").asInt()).isEqualTo(id1);
    assertThat(found.get("version").asInt()).isEqualTo(1);
    assertThat(found.get("subject").asText()).isEqualTo("things-value");
    assertThat(found.has("schema")).isTrue();
    Response octet =
        send("POST", "/subjects/things-value", schemaBody(V1), "application/octet-stream");
    assertThat(octet.status).isEqualTo(200);
    Response plainJson = send("POST", "/subjects/things-value", schemaBody(V1), "application/json");
    assertThat(plainJson.json.get("id").asInt()).isEqualTo(id1);

    // Compatibility (default BACKWARD): a new field without default is rejected.
    assertThat(get("/config").json.get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    assertThat(
            post("/compatibility/subjects/things-value/versions/latest", schemaBody(V2_NO_DEFAULT))
                .json
                .get("is_compatible")
                .asBoolean())
        .isFalse();
    assertThat(
            post("/compatibility/subjects/things-value/versions/1", schemaBody(V2_WITH_DEFAULT))
                .json
                .get("is_compatible")
                .asBoolean())
        .isTrue();
    Response rejected = post("/subjects/things-value/versions", schemaBody(V2_NO_DEFAULT));
    assertThat(rejected.status).isEqualTo(409);
    assertThat(rejected.json.get("error_code").asInt()).isEqualTo(409);
    assertThat(rejected.json.get("message").asText()).contains("incompatible");
    int id2 =
        post("/subjects/things-value/versions", schemaBody(V2_WITH_DEFAULT)).json.get("id").asInt();
    assertThat(id2).isNotEqualTo(id1);
    assertThat(get("/subjects/things-value/versions").json.toString()).isEqualTo("[1,2]");

    // Config: subject level overrides the global one; NONE lets anything through.
    Response put = put("/config/other-value", "{\"compatibility\":\"NONE\"}");
    assertThat(put.json.get("compatibility").asText()).isEqualTo("NONE");
    assertThat(get("/config/other-value").json.get("compatibilityLevel").asText())
        .isEqualTo("NONE");
    assertThat(get("/config/things-value").json.get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
    int id3 =
        post("/subjects/other-value/versions", schemaBody(V2_NO_DEFAULT)).json.get("id").asInt();
    assertThat(
            put("/config", "{\"compatibility\":\"FULL_TRANSITIVE\"}")
                .json
                .get("compatibility")
                .asText())
        .isEqualTo("FULL_TRANSITIVE");
    assertThat(get("/config").json.get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");

    // Errors.
    assertError(get("/subjects/nope/versions"), 404, 40401, "Subject 'nope' not found.");
    assertError(get("/subjects/nope/versions/latest"), 404, 40401, "Subject 'nope' not found.");
    assertError(post("/subjects/nope", schemaBody(V1)), 404, 40401, "Subject 'nope' not found.");
    assertError(post("/subjects/things-value", schemaBody(V2_NO_DEFAULT)), 404, 40403, null);
    assertError(get("/schemas/ids/999"), 404, 40403, "Schema 999 not found");
    assertError(get("/subjects/things-value/versions/7"), 404, 40402, null);
    assertError(get("/subjects/things-value/versions/zero"), 422, 42202, null);
    assertError(
        post("/subjects/x/versions", schemaBody("{\"type\":\"nonsense\"}")), 422, 42201, null);
    assertError(
        post("/subjects/x/versions", "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax\"}"),
        422,
        42201,
        null);
    assertError(put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203, null);

    // Restart on the same broker: ids, versions and levels come back from the topic.
    registry.close();
    registry = startRegistry();
    assertThat(get("/subjects").json.toString()).isEqualTo("[\"other-value\",\"things-value\"]");
    assertThat(get("/subjects/things-value/versions").json.toString()).isEqualTo("[1,2]");
    assertThat(get("/subjects/things-value/versions/2").json.get("id").asInt()).isEqualTo(id2);
    assertThat(get("/schemas/ids/" + id3).status).isEqualTo(200);
    assertThat(post("/subjects/things-value/versions", schemaBody(V1)).json.get("id").asInt())
        .isEqualTo(id1);
    assertThat(get("/config").json.get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
    assertThat(get("/config/other-value").json.get("compatibilityLevel").asText())
        .isEqualTo("NONE");
    String fresh =
        "{\"type\":\"record\",\"name\":\"Fresh\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";
    int id4 = post("/subjects/fresh-value/versions", schemaBody(fresh)).json.get("id").asInt();
    assertThat(id4).isGreaterThan(Math.max(id1, Math.max(id2, id3)));
  }

  private static void assertError(Response r, int status, int code, String message) {
    assertThat(r.status).as(r.body).isEqualTo(status);
    assertThat(r.json.get("error_code").asInt()).as(r.body).isEqualTo(code);
    if (message != null) {
      assertThat(r.json.get("message").asText()).isEqualTo(message);
    }
  }

  private static String schemaBody(String schema) throws Exception {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  private record Response(int status, String body, JsonNode json, String contentType) {}

  private static Response get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  private static Response post(String path, String body) throws Exception {
    return send("POST", path, body, LocalSchemaRegistry.CONTENT_TYPE);
  }

  private static Response put(String path, String body) throws Exception {
    return send("PUT", path, body, LocalSchemaRegistry.CONTENT_TYPE);
  }

  private static Response send(String method, String path, String body, String contentType)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(registry.url() + path));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> resp = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    try {
      json = JSON.readTree(resp.body());
    } catch (Exception ignored) {
      // raw schema answers are still JSON; anything else stays null
    }
    return new Response(
        resp.statusCode(), resp.body(), json, resp.headers().firstValue("Content-Type").orElse(""));
  }
}
