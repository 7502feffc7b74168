package org.massbalance.engine.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.domain.InvestigationRules;
import org.massbalance.engine.query.LedgerQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's HTTP server: health ({@code /health/live}, {@code /health/ready}) and Prometheus
 * metrics ({@code /metrics}). Errors are JSON {@code {"error": "...", "status": N}}, never stack
 * traces.
 *
 * <p>Security lives here (ADR 25): HTTPS only when a key store is configured; reader and writer
 * tokens on {@code /api} ({@link ApiAccess}: 401 without a known token, 403 for a reader token on a
 * write), the forwarded-request header trusted only from peers ({@link PeerFilter}), request bodies
 * of at most {@link #MAX_BODY_BYTES} (413), {@code offset} bounded, security headers on every
 * answer, and failed authentications counted in {@code massbalance_api_auth_failures_total}.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Request lines and headers over this size are refused (431). */
  static final int MAX_HEADER_BYTES = 8 * 1024;

  /** Request bodies over this size are refused (413). */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** The largest {@code offset} a paged list accepts. */
  public static final int MAX_OFFSET = 1_000_000;

  /** The meter of refused authentications, by reason. */
  public static final String AUTH_FAILURES = "massbalance.api.auth.failures";

  /**
   * How the server listens and whom it lets in.
   *
   * @param host bind address
   * @param port port (0: any free one)
   * @param access tokens and the peers' secret
   * @param tls the key store to serve HTTPS with, or null for HTTP
   * @param peerTls the TLS context to forward to other instances with over HTTPS (trust store of
   *     their certificates), or null for the JVM's default trust
   */
  public record Settings(
      String host, int port, ApiAccess access, Tls tls, javax.net.ssl.SSLContext peerTls) {

    /** The scheme the API is served and forwarded with. */
    public String scheme() {
      return tls == null ? "http" : "https";
    }
  }

  /**
   * The API's certificate: a key store (PKCS12 by default) and its passwords.
   *
   * @param keyPassword the private key's password, or null for the store's
   */
  public record Tls(String keyStore, String type, String password, String keyPassword) {}

  private final Javalin app;
  private final Settings settings;
  private volatile QueryRoutes routes;

  /** The base of the lots' GS1 Digital Link URIs; null: this instance's own URL. */
  private volatile String resolverBase;

  private ApiServer(Javalin app, Settings settings) {
    this.app = app;
    this.settings = settings;
  }

  /** Serves the query API with {@code streams} (set once Kafka Streams exists). */
  public void serve(KafkaStreams streams, LedgerQueries queries, HostInfo self) {
    serve(
        streams,
        queries,
        self,
        InvestigationRules.defaults(),
        null,
        null,
        java.time.Clock.systemUTC());
  }

  /**
   * Serves the query API with {@code streams}, judging investigations by {@code rules} and writing
   * posted ones with {@code writer} (null: posting answers 503), listing {@code recentAlerts}
   * (null: the alert list answers 503), by the engine's wall {@code clock}.
   */
  public void serve(
      KafkaStreams streams,
      LedgerQueries queries,
      HostInfo self,
      InvestigationRules rules,
      Writers writers,
      RecentAlerts recentAlerts,
      java.time.Clock clock) {
    String base =
        resolverBase != null
            ? resolverBase
            : settings.scheme() + "://" + self.host() + ":" + self.port();
    this.routes =
        QueryRoutes.of(
            streams,
            new InstanceRouter(streams, self, forwarding()),
            queries,
            rules,
            writers,
            recentAlerts,
            clock,
            base);
  }

  /**
   * The base of the lots' GS1 Digital Link URIs ({@code labels.resolver.base}, or the API's own
   * URL); set before {@link #serve}.
   */
  public void resolverBase(String base) {
    this.resolverBase = base;
  }

  /** How this instance forwards to the others: scheme, TLS trust, peer credentials. */
  private InstanceRouter.Forwarding forwarding() {
    return new InstanceRouter.Forwarding(settings.scheme(), settings.peerTls(), settings.access());
  }

  private QueryRoutes routes() {
    QueryRoutes r = routes;
    if (r == null) {
      throw new ApiException(503, "not ready: the engine is starting");
    }
    return r;
  }

  /**
   * Starts the server as {@code settings} say.
   *
   * @param readiness whether the instance can answer queries, read on each readiness check
   */
  public static ApiServer start(
      Settings settings, Readiness readiness, PrometheusMeterRegistry metrics) {
    ApiServer[] self = new ApiServer[1];
    ApiAccess access = settings.access();
    AuthFailures failures = new AuthFailures(metrics);
    boolean https = settings.tls() != null;
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = MAX_BODY_BYTES;
              // Requests refused before routing (oversized headers, malformed requests) get
              // the same JSON error body instead of Jetty's HTML page.
              config.jetty.modifyServer(
                  server -> server.setErrorHandler(new JsonErrorHandler(https)));
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setRequestHeaderSize(MAX_HEADER_BYTES);
                    http.setSendServerVersion(false);
                  });
              config.jetty.modifyServletContextHandler(
                  handler ->
                      handler.addFilter(
                          new org.eclipse.jetty.ee10.servlet.FilterHolder(
                              new PeerFilter(access, failures, https)),
                          "/*",
                          java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
              if (https) {
                config.jetty.addConnector(
                    (server, http) -> TlsConnector.create(server, http, settings));
              }
              var routes = config.routes;
              routes.exception(
                  ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
              routes.before("/api/*", ctx -> guard(ctx, access, failures));
              routes.get("/api/v1/balances", ctx -> self[0].routes().balances().allBalances(ctx));
              routes.get(
                  "/api/v1/balances/{site}", ctx -> self[0].routes().balances().siteBalances(ctx));
              routes.get(
                  "/api/v1/balances/{site}/{product}",
                  ctx -> self[0].routes().balances().balance(ctx));
              routes.get(
                  "/api/v1/snapshots/consolidated/{product}/{period}",
                  ctx -> self[0].routes().snapshots().consolidated(ctx));
              routes.get(
                  "/api/v1/snapshots/{site}/{product}/{period}",
                  ctx -> self[0].routes().snapshots().snapshot(ctx));
              routes.get("/api/v1/alerts", ctx -> self[0].routes().alerts().alerts(ctx));
              routes.get(
                  "/api/v1/investigations",
                  ctx -> self[0].routes().investigations().investigations(ctx));
              routes.post(
                  "/api/v1/investigations",
                  ctx -> self[0].routes().investigations().postInvestigation(ctx));
              routes.get("/api/v1/suppliers", ctx -> self[0].routes().suppliers().suppliers(ctx));
              routes.get(
                  "/api/v1/lots/{site}/{product}/{lot}", ctx -> self[0].routes().lots().lot(ctx));
              routes.get(
                  "/api/v1/lots/{site}/{product}/{lot}/forward",
                  ctx -> self[0].routes().lots().forward(ctx));
              routes.get(
                  "/api/v1/lots/{site}/{product}", ctx -> self[0].routes().lots().lotsPage(ctx));
              routes.get(
                  "/api/v1/signoffs/{site}/{period}",
                  ctx -> self[0].routes().signOffs().months(ctx));
              routes.post("/api/v1/signoffs", ctx -> self[0].routes().signOffs().post(ctx));
              routes.get(
                  "/api/v1/availability/{site}/{product}",
                  ctx -> self[0].routes().reservations().availability(ctx));
              routes.post("/api/v1/reservations", ctx -> self[0].routes().reservations().post(ctx));
              routes.get(
                  "/api/v1/transformations/{site}/{transformation}",
                  ctx -> self[0].routes().transformations().transformation(ctx));
              routes.get(
                  "/api/v1/import-certificates",
                  ctx -> self[0].routes().importCertificates().certificates(ctx));
              routes.get(
                  "/api/v1/import-certificates/{number}",
                  ctx -> self[0].routes().importCertificates().certificate(ctx));
              routes.get(
                  "/api/v1/trace/{site}/{product}", ctx -> self[0].routes().lots().tracesPage(ctx));
              routes.get(
                  "/api/v1/lots/{site}/{product}/{lot}/label",
                  ctx -> self[0].routes().labels().label(ctx));
              routes.get(
                  "/api/v1/lots/{site}/{product}/{lot}/label.svg",
                  ctx -> self[0].routes().labels().labelSvg(ctx));
              routes.get(
                  "/api/v1/resolve/01/{gtin}/10/{lot}",
                  ctx -> self[0].routes().labels().resolve(ctx));
              // the GS1 Digital Link resolver, outside /api: a scanned label has no token
              routes.get(
                  "/01/{gtin}/10/{lot}",
                  ctx -> self[0].routes().labels().link(ctx, access.isOpen()));
              routes.get(
                  "/api/v1/trace/{site}/{product}/{movement}",
                  ctx -> self[0].routes().lots().trace(ctx));
              routes.get("/api/v1/instances", ctx -> self[0].routes().bulk().instances(ctx));
              routes.get("/api/v1/bulk/ledger", ctx -> self[0].routes().bulk().ledgerRange(ctx));
              routes.get(
                  "/api/v1/bulk/transformations",
                  ctx -> self[0].routes().bulk().transformationRange(ctx));
              routes.exception(
                  RegistryUnavailableException.class,
                  (e, ctx) -> {
                    LOG.warn("HTTP {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                    ctx.header("Retry-After", "5");
                    error(ctx, 503, "schema registry unavailable; retry later");
                  });
              routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.warn("HTTP {} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "internal error");
                  });
              routes.error(404, ctx -> errorIfEmpty(ctx, 404, "not found"));
              routes.error(431, ctx -> errorIfEmpty(ctx, 431, "request header too large"));
              routes.error(405, ctx -> errorIfEmpty(ctx, 405, "method not allowed"));
              routes.error(
                  413,
                  ctx ->
                      errorIfEmpty(
                          ctx,
                          413,
                          "request body too large: at most " + MAX_BODY_BYTES + " bytes"));
              routes.get("/", ctx -> Dashboard.serve(ctx, "index.html"));
              routes.get("/dashboard/{file}", ctx -> Dashboard.serve(ctx, ctx.pathParam("file")));
              routes.get("/health/live", ctx -> json(ctx, 200, Map.of("status", "UP")));
              routes.get(
                  "/health/ready",
                  ctx -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("state", readiness.state().name());
                    if (readiness.ready()) {
                      body.put("status", "UP");
                      json(ctx, 200, body);
                    } else {
                      body.put("error", readiness.reason());
                      body.put("status", 503);
                      json(ctx, 503, body);
                    }
                  });
              routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
            });
    ApiServer server = new ApiServer(app, settings);
    self[0] = server;
    if (https) {
      app.start();
    } else {
      app.start(settings.host(), settings.port());
    }
    return server;
  }

  /**
   * The checks of every {@code /api} call before its route: the body's size, {@code offset}, and
   * who is calling (a peer's forwarded read, a reader or a writer token, or an open API).
   */
  private static void guard(Context ctx, ApiAccess access, AuthFailures failures) {
    boolean write = !isRead(ctx.method().name());
    long length = ctx.contentLength();
    if (length > MAX_BODY_BYTES) {
      throw new ApiException(413, "request body too large: at most " + MAX_BODY_BYTES + " bytes");
    }
    if (write && length < 0 && ctx.header("Transfer-Encoding") != null) {
      throw new ApiException(411, "a request body needs a Content-Length");
    }
    String offset = ctx.queryParam("offset");
    if (offset != null && offset.strip().matches("\\d+")) {
      String digits = offset.strip().replaceFirst("^0+(?=\\d)", "");
      if (digits.length() > 9 || Long.parseLong(digits) > MAX_OFFSET) {
        throw new ApiException(400, "offset must be at most " + MAX_OFFSET);
      }
    }
    if (Boolean.TRUE.equals(ctx.attribute(PeerFilter.PEER)) && !write) {
      return;
    }
    if (access.isOpen()) {
      return;
    }
    String authorization = ctx.header("Authorization");
    java.util.Optional<ApiAccess.Role> role = access.role(authorization);
    if (role.isEmpty()) {
      failures.count(authorization == null ? "missing_token" : "wrong_token");
      ctx.header("WWW-Authenticate", "Bearer realm=\"massbalance\"");
      throw new ApiException(401, "missing or wrong bearer token");
    }
    if (write && role.get() != ApiAccess.Role.WRITE) {
      failures.count("read_only_token");
      throw new ApiException(
          403, "this token may only read: " + ctx.method() + " needs a writer token");
    }
  }

  private static boolean isRead(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  /** The scheme the API is served with: {@code https} with a key store, else {@code http}. */
  public String scheme() {
    return settings.scheme();
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (Exception e) {
      ctx.status(500)
          .contentType("application/json")
          .result("{\"error\":\"internal error\",\"status\":500}");
    }
  }

  static void error(Context ctx, int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    json(ctx, status, body);
  }

  private static void errorIfEmpty(Context ctx, int status, String message) {
    String current = ctx.result();
    if (current == null || current.isEmpty() || !current.startsWith("{")) {
      error(ctx, status, message);
    }
  }

  /** Jetty's error page as {@code {"error": "...", "status": N}}; never a stack trace. */
  private static final class JsonErrorHandler extends ErrorHandler {

    private final boolean https;

    JsonErrorHandler(boolean https) {
      this.https = https;
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put(
          "error",
          code == 431 ? "request header too large" : HttpStatus.getMessage(code).toLowerCase());
      body.put("status", code);
      byte[] bytes;
      try {
        bytes = JSON.writeValueAsBytes(body);
      } catch (Exception e) {
        bytes = ("{\"error\":\"error\",\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
      }
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      SecurityHeaders.forEach(https, (name, value) -> response.getHeaders().put(name, value));
      response.write(true, ByteBuffer.wrap(bytes), callback);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
