package org.massbalance.engine.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Request lines and headers over this size are refused (431). */
  static final int MAX_HEADER_BYTES = 8 * 1024;

  private final Javalin app;
  private volatile QueryRoutes routes;

  /** The base of the lots' GS1 Digital Link URIs; null: this instance's own URL. */
  private volatile String resolverBase;

  private ApiServer(Javalin app) {
    this.app = app;
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
      InvestigationWriter writer,
      RecentAlerts recentAlerts,
      java.time.Clock clock) {
    String base = resolverBase != null ? resolverBase : "http://" + self.host() + ":" + self.port();
    this.routes =
        QueryRoutes.of(
            streams,
            new InstanceRouter(streams, self),
            queries,
            rules,
            writer,
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

  private QueryRoutes routes() {
    QueryRoutes r = routes;
    if (r == null) {
      throw new ApiException(503, "not ready: the engine is starting");
    }
    return r;
  }

  /**
   * Starts the server on {@code host:port} (0 = any free port).
   *
   * @param readiness whether the instance can answer queries, read on each readiness check
   */
  public static ApiServer start(
      String host, int port, Readiness readiness, PrometheusMeterRegistry metrics, String token) {
    ApiServer[] self = new ApiServer[1];
    byte[] expected =
        token == null || token.isEmpty()
            ? null
            : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              // Requests refused before routing (oversized headers, malformed requests) get
              // the same JSON error body instead of Jetty's HTML page.
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setRequestHeaderSize(MAX_HEADER_BYTES);
                    http.setSendServerVersion(false);
                  });
              var routes = config.routes;
              routes.exception(
                  ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
              routes.before(
                  "/api/*",
                  ctx -> {
                    if (expected == null) {
                      return;
                    }
                    String given = ctx.header("Authorization");
                    if (given == null
                        || !MessageDigest.isEqual(
                            expected, given.getBytes(StandardCharsets.UTF_8))) {
                      throw new ApiException(401, "missing or wrong bearer token");
                    }
                  });
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
                  "/api/v1/transformations/{site}/{transformation}",
                  ctx -> self[0].routes().transformations().transformation(ctx));
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
                  ctx -> self[0].routes().labels().link(ctx, expected == null));
              routes.get(
                  "/api/v1/trace/{site}/{product}/{movement}",
                  ctx -> self[0].routes().lots().trace(ctx));
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
    ApiServer server = new ApiServer(app);
    self[0] = server;
    app.start(host, port);
    return server;
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
      response.write(true, ByteBuffer.wrap(bytes), callback);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
