package org.massbalance.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A protocol fixture: a tiny HTTP server answering the few calls of a Confluent schema registry and
 * recording every request it receives. Scripted failures (e.g. 503) are answered first.
 */
final class FakeRegistry implements AutoCloseable {

  /** A request as received. */
  record Request(String method, String rawPath, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return String.join(",", e.getValue());
        }
      }
      return null;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Queue<int[]> scriptedStatuses = new ArrayDeque<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Map<String, Integer>> subjects = new HashMap<>();
  private final Map<Integer, String> typesById = new HashMap<>();

  FakeRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Stores a schema of another type (e.g. PROTOBUF) under a new id, as a shared registry may. */
  synchronized int addForeign(String schemaType, String schema) {
    int id = 1000 + schemasById.size();
    schemasById.put(id, schema);
    typesById.put(id, schemaType);
    return id;
  }

  /** The next {@code times} requests are answered with this status and a Confluent error body. */
  synchronized void failNext(int times, int status) {
    for (int i = 0; i < times; i++) {
      scriptedStatuses.add(new int[] {status});
    }
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    requests.add(
        new Request(
            exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
    int[] scripted = scriptedStatuses.poll();
    if (scripted != null) {
      answer(exchange, scripted[0], error(scripted[0] * 100, "scripted failure"));
      return;
    }
    String[] parts = path.split("/");
    try {
      if (exchange.getRequestMethod().equals("POST")
          && parts.length == 4
          && parts[1].equals("subjects")
          && parts[3].equals("versions")) {
        String schema = JSON.readTree(body).get("schema").asText();
        String canonical = JSON.readTree(schema).toString();
        int id = idsBySchema.computeIfAbsent(canonical, s -> idsBySchema.size() + 1);
        schemasById.put(id, schema);
        subjects.computeIfAbsent(decode(parts[2]), s -> new HashMap<>()).put(canonical, id);
        answer(exchange, 200, "{\"id\":" + id + "}");
      } else if (exchange.getRequestMethod().equals("POST")
          && parts.length == 3
          && parts[1].equals("subjects")) {
        String schema = JSON.readTree(body).get("schema").asText();
        String canonical = JSON.readTree(schema).toString();
        Map<String, Integer> versions = subjects.get(decode(parts[2]));
        if (versions == null) {
          answer(exchange, 404, error(40401, "Subject '" + decode(parts[2]) + "' not found."));
        } else if (!versions.containsKey(canonical)) {
          answer(exchange, 404, error(40403, "Schema not found"));
        } else {
          answer(
              exchange,
              200,
              "{\"subject\":\"x\",\"version\":1,\"id\":" + versions.get(canonical) + "}");
        }
      } else if (exchange.getRequestMethod().equals("GET")
          && parts.length == 4
          && parts[1].equals("schemas")
          && parts[2].equals("ids")) {
        String schema = schemasById.get(Integer.parseInt(parts[3]));
        if (schema == null) {
          answer(exchange, 404, error(40403, "Schema " + parts[3] + " not found"));
        } else {
          int id = Integer.parseInt(parts[3]);
          var node = JSON.createObjectNode();
          if (typesById.containsKey(id)) {
            node.put("schemaType", typesById.get(id));
          }
          answer(exchange, 200, node.put("schema", schema).toString());
        }
      } else {
        answer(exchange, 404, error(404, "HTTP 404 Not Found"));
      }
    } catch (RuntimeException e) {
      answer(exchange, 500, error(50001, e.toString()));
    }
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message).toString();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  static JsonNode parse(String json) throws IOException {
    return JSON.readTree(json);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
