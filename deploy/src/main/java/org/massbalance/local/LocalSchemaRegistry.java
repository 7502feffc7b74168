package org.massbalance.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry for Avro, serving the REST subset that Confluent clients
 * (Java and Python) call. State lives in a compacted Kafka topic ({@code _schemas} by default):
 * each change is written there before it is answered, and the topic is read to its end on start, so
 * ids, subjects, versions and compatibility levels survive restarts. Reads are served from memory.
 *
 * <p>Endpoints: {@code POST /subjects/{s}/versions}, {@code POST /subjects/{s}}, {@code GET
 * /schemas/ids/{id}}, {@code GET /schemas/ids/{id}/schema}, {@code GET /schemas/ids/{id}/subjects},
 * {@code GET /schemas/ids/{id}/versions}, {@code GET /schemas/types}, {@code GET /subjects}, {@code
 * GET /subjects/{s}/versions}, {@code GET /subjects/{s}/versions/{v}}, {@code GET
 * /subjects/{s}/versions/{v}/schema}, {@code POST /compatibility/subjects/{s}/versions/{v}}, {@code
 * GET|PUT /config} and {@code GET|PUT /config/{s}}. Errors are {@code
 * {"error_code":N,"message":..}} with Confluent's codes (40401, 40402, 40403, 42201, 42202, 42203,
 * 409, 50001).
 */
public final class LocalSchemaRegistry implements AutoCloseable {

  /** The content type Confluent's registry answers with. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** Default name of the topic holding the registry's state. */
  public static final String DEFAULT_TOPIC = "_schemas";

  private static final Logger LOG = LoggerFactory.getLogger(LocalSchemaRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrapServers;
  private final String host;
  private final int requestedPort;
  private final String topic;
  private final short replicationFactor;
  private final java.util.Map<String, Object> clientSettings;
  private final java.nio.file.Path keyStore;
  private final String keyStorePassword;
  private final byte[] basicAuth;
  private SchemaStore store;
  private Javalin app;
  private int boundPort;

  private LocalSchemaRegistry(Builder builder) {
    if (builder.bootstrapServers == null) {
      throw new IllegalArgumentException("bootstrapServers is required");
    }
    this.bootstrapServers = builder.bootstrapServers;
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.topic = builder.topic;
    this.replicationFactor = builder.replicationFactor;
    this.clientSettings = java.util.Map.copyOf(builder.clientSettings);
    this.keyStore = builder.keyStore;
    this.keyStorePassword = builder.keyStorePassword;
    this.basicAuth =
        builder.basicAuthUserInfo == null
            ? null
            : digest(
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(
                            builder.basicAuthUserInfo.getBytes(
                                java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static byte[] digest(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A builder with defaults: host 127.0.0.1, port 8081, topic {@code _schemas}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the state topic (creating it when absent) and starts serving HTTP. After {@link #stop()}
   * it starts again on the port it had.
   *
   * @throws PortInUseException when the port is taken
   */
  public synchronized LocalSchemaRegistry start() {
    if (app != null) {
      throw new IllegalStateException("registry is already running");
    }
    int port = boundPort != 0 ? boundPort : requestedPort;
    PortInUseException.checkFree("schema registry", host, port);
    store = new SchemaStore(bootstrapServers, topic, replicationFactor, clientSettings);
    try {
      app = Javalin.create(this::configure);
      if (keyStore != null) {
        app.start();
      } else {
        app.start(host, port);
      }
    } catch (RuntimeException e) {
      store.close();
      store = null;
      if (port != 0 && isBindFailure(e)) {
        throw new PortInUseException("schema registry", host, port);
      }
      throw e;
    }
    boundPort = app.port();
    LOG.info("schema registry listening on {}", url());
    return this;
  }

  /**
   * Stops serving (clients then find nothing listening), keeping the port for {@link #start()}; the
   * state stays in its topic.
   */
  public synchronized void stop() {
    close();
  }

  /** True while serving HTTP. */
  public synchronized boolean isRunning() {
    return app != null;
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  /** Base URL, e.g. {@code http://127.0.0.1:8081} ({@code https} with a key store). */
  public synchronized String url() {
    return (keyStore != null ? "https://" : "http://") + host + ":" + port();
  }

  /** The port served (the chosen one when built with port 0; kept while stopped). */
  public synchronized int port() {
    if (app == null && boundPort == 0) {
      throw new IllegalStateException("registry not started");
    }
    return app != null ? app.port() : boundPort;
  }

  /** Stops serving and closes the store's Kafka clients (it can be started again). */
  @Override
  public synchronized void close() {
    if (app != null) {
      app.stop();
      app = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
  }

  private void configure(io.javalin.config.JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.defaultContentType = CONTENT_TYPE;
    if (keyStore != null) {
      int port = boundPort != 0 ? boundPort : requestedPort;
      config.jetty.addConnector(
          (server, http) -> {
            org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl =
                new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
            ssl.setKeyStorePath(keyStore.toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(keyStorePassword);
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            org.eclipse.jetty.server.HttpConfiguration https =
                new org.eclipse.jetty.server.HttpConfiguration(http);
            org.eclipse.jetty.server.SecureRequestCustomizer customizer =
                new org.eclipse.jetty.server.SecureRequestCustomizer();
            customizer.setSniHostCheck(false);
            https.addCustomizer(customizer);
            org.eclipse.jetty.server.ServerConnector connector =
                new org.eclipse.jetty.server.ServerConnector(
                    server,
                    new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                    new org.eclipse.jetty.server.HttpConnectionFactory(https));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
          });
    }
    var routes = config.routes;
    if (basicAuth != null) {
      routes.before(
          ctx -> {
            String given = ctx.header("Authorization");
            if (given == null || !java.security.MessageDigest.isEqual(basicAuth, digest(given))) {
              ctx.header("WWW-Authenticate", "Basic realm=\"schema-registry\"");
              throw new RegistryException(401, 401, "Unauthorized");
            }
          });
    }
    routes.exception(
        RegistryException.class, (e, ctx) -> error(ctx, e.status(), e.errorCode(), e.getMessage()));
    routes.exception(
        JsonProcessingException.class,
        (e, ctx) -> error(ctx, 400, 400, "Unrecognized request body: " + e.getOriginalMessage()));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.warn("schema registry request failed", e);
          error(ctx, 500, 50001, "Internal error: " + e.getMessage());
        });
    routes.error(404, ctx -> errorIfEmpty(ctx, 404, 404, "HTTP 404 Not Found"));
    routes.error(405, ctx -> errorIfEmpty(ctx, 405, 405, "HTTP 405 Method Not Allowed"));

    routes.get("/", ctx -> json(ctx, JSON.createObjectNode()));
    routes.get("/schemas/types", ctx -> json(ctx, List.of("AVRO")));
    routes.post("/subjects/{subject}/versions", this::register);
    routes.post("/subjects/{subject}", this::lookup);
    routes.get("/subjects", ctx -> json(ctx, store().subjects()));
    routes.get(
        "/subjects/{subject}/versions",
        ctx -> json(ctx, store().versions(ctx.pathParam("subject"))));
    routes.get(
        "/subjects/{subject}/versions/{version}",
        ctx ->
            json(
                ctx,
                versionJson(store().version(ctx.pathParam("subject"), ctx.pathParam("version")))));
    routes.get(
        "/subjects/{subject}/versions/{version}/schema",
        ctx ->
            raw(ctx, store().version(ctx.pathParam("subject"), ctx.pathParam("version")).schema()));
    routes.get(
        "/schemas/ids/{id}",
        ctx -> json(ctx, JSON.createObjectNode().put("schema", store().schemaById(id(ctx)))));
    routes.get("/schemas/ids/{id}/schema", ctx -> raw(ctx, store().schemaById(id(ctx))));
    routes.get(
        "/schemas/ids/{id}/subjects",
        ctx ->
            json(
                ctx,
                store().versionsOfId(id(ctx)).stream()
                    .map(SchemaStore.Version::subject)
                    .distinct()
                    .toList()));
    routes.get(
        "/schemas/ids/{id}/versions",
        ctx -> {
          ArrayNode out = JSON.createArrayNode();
          for (SchemaStore.Version v : store().versionsOfId(id(ctx))) {
            out.addObject().put("subject", v.subject()).put("version", v.version());
          }
          json(ctx, out);
        });
    routes.post(
        "/compatibility/subjects/{subject}/versions/{version}",
        ctx -> {
          String schema = schemaOf(ctx);
          boolean ok =
              store()
                  .checkCompatibility(ctx.pathParam("subject"), ctx.pathParam("version"), schema);
          json(ctx, JSON.createObjectNode().put("is_compatible", ok));
        });
    routes.get("/config", ctx -> json(ctx, levelJson("compatibilityLevel", store().globalLevel())));
    routes.put("/config", ctx -> putConfig(ctx, null));
    routes.get(
        "/config/{subject}",
        ctx ->
            json(
                ctx,
                levelJson("compatibilityLevel", store().effectiveLevel(ctx.pathParam("subject")))));
    routes.put("/config/{subject}", ctx -> putConfig(ctx, ctx.pathParam("subject")));
  }

  private SchemaStore store() {
    SchemaStore current = store;
    if (current == null) {
      throw new RegistryException(503, 50003, "Schema registry is not running");
    }
    return current;
  }

  private void register(Context ctx) throws JsonProcessingException {
    String schema = schemaOf(ctx);
    int id = store().register(ctx.pathParam("subject"), schema);
    json(ctx, JSON.createObjectNode().put("id", id));
  }

  private void lookup(Context ctx) throws JsonProcessingException {
    String schema = schemaOf(ctx);
    json(ctx, versionJson(store().lookup(ctx.pathParam("subject"), schema)));
  }

  private void putConfig(Context ctx, String subject) throws JsonProcessingException {
    JsonNode body = body(ctx);
    JsonNode level = body.get("compatibility");
    if (level == null) {
      level = body.get("compatibilityLevel");
    }
    SchemaStore.Level parsed = SchemaStore.Level.parse(level == null ? null : level.asText());
    store().setLevel(subject, parsed);
    json(ctx, levelJson("compatibility", parsed));
  }

  private static ObjectNode levelJson(String field, SchemaStore.Level level) {
    return JSON.createObjectNode().put(field, level.name());
  }

  private static ObjectNode versionJson(SchemaStore.Version v) {
    return JSON.createObjectNode()
        .put("subject", v.subject())
        .put("version", v.version())
        .put("id", v.id())
        .put("schema", v.schema());
  }

  private static JsonNode body(Context ctx) throws JsonProcessingException {
    String text = ctx.body();
    if (text == null || text.isBlank()) {
      throw new RegistryException(422, 42201, "Invalid schema: empty request body");
    }
    return JSON.readTree(text);
  }

  /** The Avro schema text of a register/lookup/compatibility request; rejects other types. */
  private static String schemaOf(Context ctx) throws JsonProcessingException {
    JsonNode body = body(ctx);
    JsonNode type = body.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
      throw new RegistryException(
          422, 42201, "Invalid schema: schemaType " + type.asText() + " is not supported");
    }
    JsonNode refs = body.get("references");
    if (refs != null && refs.isArray() && !refs.isEmpty()) {
      throw new RegistryException(422, 42201, "Invalid schema: references are not supported");
    }
    JsonNode schema = body.get("schema");
    if (schema == null || schema.isNull()) {
      throw new RegistryException(422, 42201, "Invalid schema: no schema given");
    }
    return schema.isTextual() ? schema.asText() : schema.toString();
  }

  private static int id(Context ctx) {
    String text = ctx.pathParam("id");
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw SchemaStore.schemaNotFound(text);
    }
  }

  private static void json(Context ctx, Object value) throws JsonProcessingException {
    ctx.contentType(CONTENT_TYPE).result(JSON.writeValueAsString(value));
  }

  private static void raw(Context ctx, String schema) {
    ctx.contentType(CONTENT_TYPE).result(schema);
  }

  private static void error(Context ctx, int status, int code, String message) {
    ObjectNode body = JSON.createObjectNode().put("error_code", code).put("message", message);
    ctx.status(status).contentType(CONTENT_TYPE).result(body.toString());
  }

  private static void errorIfEmpty(Context ctx, int status, int code, String message) {
    String current = ctx.result();
    if (current == null || current.isEmpty() || !current.startsWith("{\"error_code\"")) {
      error(ctx, status, code, message);
    }
  }

  /** Builder of {@link LocalSchemaRegistry}. */
  public static final class Builder {
    private String bootstrapServers;
    private String host = "127.0.0.1";
    private int port = 8081;
    private String topic = DEFAULT_TOPIC;
    private short replicationFactor = 1;
    private final java.util.Map<String, Object> clientSettings = new java.util.HashMap<>();
    private java.nio.file.Path keyStore;
    private String keyStorePassword;
    private String basicAuthUserInfo;

    private Builder() {}

    /** Kafka client settings of the state topic's clients (a secured cluster's SASL and SSL). */
    public Builder clientSettings(java.util.Map<String, ?> settings) {
      this.clientSettings.putAll(settings);
      return this;
    }

    /** Serves HTTPS only, with this PKCS12 key store. */
    public Builder tls(java.nio.file.Path keyStore, String password) {
      this.keyStore = keyStore;
      this.keyStorePassword = password;
      return this;
    }

    /** Requires HTTP basic auth with {@code user:password} on every request (401 otherwise). */
    public Builder basicAuth(String userInfo) {
      this.basicAuthUserInfo = userInfo;
      return this;
    }

    /** The broker holding the state topic (required). */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /** Host to listen on; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** HTTP port; 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** Name of the compacted state topic; default {@code _schemas}. */
    public Builder topic(String topic) {
      this.topic = topic;
      return this;
    }

    /** Replication factor of the state topic when the registry creates it; default 1. */
    public Builder replicationFactor(short replicationFactor) {
      if (replicationFactor < 1) {
        throw new IllegalArgumentException("replication factor must be at least 1");
      }
      this.replicationFactor = replicationFactor;
      return this;
    }

    /** A registry, not yet started. */
    public LocalSchemaRegistry build() {
      return new LocalSchemaRegistry(this);
    }
  }
}
