package org.massbalance.engine.spec;

import io.micrometer.core.instrument.Counter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.Alert;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.testing.EngineDriver;

/** Shared vocabulary of the specs: sites, products, alert types and small readers of outputs. */
final class Spec {

  private Spec() {}

  // Sites
  static final String LONDON = "LONDON"; // UTC
  static final String FRESNO = "FRESNO"; // America/Los_Angeles
  static final String RENO = "RENO"; // America/Los_Angeles
  static final String UTC = "UTC";
  static final String LOS_ANGELES = "America/Los_Angeles";

  // Products
  static final String OATS = "OATS"; // kg, 5.0 %
  static final String ALMONDS = "ALMONDS"; // lb, 5.0 %
  static final String RICE = "RICE"; // t, 2.5 %
  static final String SAFFRON = "SAFFRON"; // g, 0 %

  // Alert types the contract names
  static final String OVERSELL = "OVERSELL";
  static final String VARIANCE_EXCEEDED = "VARIANCE_EXCEEDED";
  static final String WASTE_UNDOCUMENTED = "WASTE_UNDOCUMENTED";
  static final String LATE_MOVEMENT = "LATE_MOVEMENT";

  // Dates (all well before the default wall clock 2026-01-15T00:00Z)
  static final String NOV_01 = "2025-11-01T08:00:00Z";
  static final String NOV_05 = "2025-11-05T08:00:00Z";
  static final String NOV_10 = "2025-11-10T08:00:00Z";
  static final String NOV_15 = "2025-11-15T12:00:00Z";
  static final String NOV_20 = "2025-11-20T10:00:00Z";
  static final String NOV_25 = "2025-11-25T10:00:00Z";

  /** A fresh engine with the spec's sites and products loaded, at the default wall clock. */
  static EngineDriver engine() {
    return engine(EngineDriver.DEFAULT_WALL_CLOCK);
  }

  /** A fresh engine with the spec's sites and products loaded, at {@code wallClock}. */
  static EngineDriver engine(Instant wallClock) {
    return withReferenceData(new EngineDriver(wallClock, Map.of()));
  }

  /** A supplier certified since 2019: receipts from it make lots certified at receipt. */
  static final String CERTIFIED_NOP = "8150000016";

  static EngineDriver withReferenceData(EngineDriver e) {
    return e.certificate(CERTIFIED_NOP, "CERTIFIED", "2019-04-01", null)
        .site(LONDON, UTC, "GB")
        .site(FRESNO, LOS_ANGELES, "US")
        .site(RENO, LOS_ANGELES, "US")
        .product(OATS, "kg", "5.0", "OAT")
        .product(ALMONDS, "lb", "5.0", "ALM")
        .product(RICE, "t", "2.5", "RCE")
        .product(SAFFRON, "g", "0", "SAF");
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  static List<Alert> ofType(List<Alert> alerts, String type) {
    return alerts.stream().filter(a -> type.equals(a.getType())).toList();
  }

  /** Alerts among {@code alerts} about movement {@code movementId}. */
  static List<Alert> about(List<Alert> alerts, String movementId) {
    return alerts.stream().filter(a -> movementId.equals(a.getMovementId())).toList();
  }

  /** Total of the rejected-records counters over every reason. */
  static double rejectedTotal(EngineMetrics metrics) {
    return metrics.registry().find(EngineMetrics.REJECTED).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** Total of the duplicates counters. */
  static double duplicatesTotal(EngineMetrics metrics) {
    return metrics.registry().find(EngineMetrics.DUPLICATES).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** Parses an ISO-8601 instant written with Z or with an offset. */
  static Instant instant(String iso) {
    try {
      return Instant.parse(iso);
    } catch (RuntimeException e) {
      return OffsetDateTime.parse(iso).toInstant();
    }
  }
}
