package org.massbalance.engine.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A tiny Confluent-compatible schema registry over the JDK's HTTP server, for specs that need the
 * real REST client: registers and serves Avro schemas, and serves schemas of other types (e.g.
 * {@code "schemaType":"PROTOBUF"}) put there with {@link #addForeign}, as a shared registry may
 * hold.
 */
public final class RegistryStub implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Integer> ids = new HashMap<>();
  private final Map<Integer, String> schemas = new HashMap<>();
  private final Map<Integer, String> types = new HashMap<>();
  private final Map<String, Map<String, Integer>> subjects = new HashMap<>();
  private int requests;

  /** Starts on a free loopback port. */
  public RegistryStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, for {@code schema.registry.url}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Stores a schema of {@code type} (PROTOBUF, JSON, ...) under a new id and returns it. */
  public synchronized int addForeign(String type, String schema) {
    int id = 100 + schemas.size();
    schemas.put(id, schema);
    types.put(id, type);
    return id;
  }

  /** Requests answered so far. */
  public synchronized int requests() {
    return requests;
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    requests++;
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String[] parts = ex.getRequestURI().getRawPath().split("/");
    String method = ex.getRequestMethod();
    if (method.equals("POST") && parts.length >= 3 && parts[1].equals("subjects")) {
      String schema = JSON.readTree(body).get("schema").asText();
      String canonical = JSON.readTree(schema).toString();
      String subject = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
      Integer id;
      if (parts.length == 4) {
        id = ids.computeIfAbsent(canonical, c -> 1 + ids.size());
        schemas.put(id, schema);
        subjects.computeIfAbsent(subject, s -> new HashMap<>()).put(canonical, id);
      } else {
        id = subjects.getOrDefault(subject, Map.of()).get(canonical);
      }
      if (id == null) {
        answer(ex, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
      } else {
        answer(ex, 200, "{\"id\":" + id + "}");
      }
    } else if (method.equals("GET") && parts.length == 4 && parts[1].equals("schemas")) {
      int id = Integer.parseInt(parts[3]);
      String schema = schemas.get(id);
      if (schema == null) {
        answer(ex, 404, "{\"error_code\":40403,\"message\":\"Schema " + id + " not found\"}");
      } else {
        ObjectNode node = JSON.createObjectNode();
        if (types.containsKey(id)) {
          node.put("schemaType", types.get(id));
        }
        answer(ex, 200, node.put("schema", schema).toString());
      }
    } else {
      answer(ex, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    }
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
