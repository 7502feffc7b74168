package org.massbalance.engine.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers every answer carries: no content sniffing, no framing, no referrer, and, over HTTPS,
 * Strict-Transport-Security. The dashboard's pages set their own Content-Security-Policy over the
 * default one here ({@code default-src 'none'}: an API answer is never a page).
 */
final class SecurityHeaders {

  private static final Map<String, String> ALWAYS = new LinkedHashMap<>();

  static {
    ALWAYS.put("X-Content-Type-Options", "nosniff");
    ALWAYS.put("X-Frame-Options", "DENY");
    ALWAYS.put("Referrer-Policy", "no-referrer");
    ALWAYS.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    ALWAYS.put("Cross-Origin-Resource-Policy", "same-origin");
    ALWAYS.put("Cache-Control", "no-store");
  }

  /** One year, as browsers' preload lists ask. */
  static final String HSTS = "max-age=31536000";

  private SecurityHeaders() {}

  /** Each header and its value; Strict-Transport-Security too when {@code https}. */
  static void forEach(boolean https, BiConsumer<String, String> set) {
    ALWAYS.forEach(set);
    if (https) {
      set.accept("Strict-Transport-Security", HSTS);
    }
  }
}
