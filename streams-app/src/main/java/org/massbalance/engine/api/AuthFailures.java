package org.massbalance.engine.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code massbalance_api_auth_failures_total{reason}}: requests refused for who made them ({@code
 * missing_token}, {@code wrong_token}, {@code read_only_token}) and forwarded-request headers not
 * from a peer ({@code forged_forwarded}). Every reason is registered at start, so an alert rule
 * sees 0 before the first failure.
 */
final class AuthFailures {

  static final java.util.List<String> REASONS =
      java.util.List.of("missing_token", "wrong_token", "read_only_token", "forged_forwarded");

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  AuthFailures(MeterRegistry registry) {
    for (String reason : REASONS) {
      counters.put(
          reason,
          Counter.builder(ApiServer.AUTH_FAILURES)
              .tag("reason", reason)
              .description("API requests refused for who made them, by reason")
              .register(registry));
    }
  }

  void count(String reason) {
    Counter c = counters.get(reason);
    if (c != null) {
      c.increment();
    }
  }
}
