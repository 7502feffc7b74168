package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's three files, served from the jar at {@code /} and {@code /dashboard/}: no CDN, no
 * other origin. A Content-Security-Policy forbids inline script, inline style and every origin but
 * this one, so a value from data that slipped into markup could still not run.
 */
final class Dashboard {

  /** The policy every dashboard response carries. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private static final Map<String, String> TYPES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "app.css", "text/css; charset=utf-8");

  private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();

  private Dashboard() {}

  /** Serves {@code file}, one of the dashboard's own files, or 404. */
  static void serve(Context ctx, String file) {
    String type = TYPES.get(file);
    if (type == null) {
      throw new ApiException(404, "not found");
    }
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(type).result(FILES.computeIfAbsent(file, Dashboard::read));
  }

  private static byte[] read(String file) {
    try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + file)) {
      if (in == null) {
        throw new IllegalStateException("dashboard file missing from the jar: " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
