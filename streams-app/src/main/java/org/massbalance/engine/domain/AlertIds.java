package org.massbalance.engine.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic alert ids: a name-based UUID of what the alert is about (type, movement or
 * certificate, site, product, lot, period, threshold), so the same input never yields two ids and
 * consumers can de-duplicate on it.
 */
public final class AlertIds {

  private AlertIds() {}

  /** The id of an alert about the given subject; absent parts are null. */
  public static String of(
      AlertType type,
      String movementOrCertificate,
      String site,
      String product,
      String lot,
      String period,
      String threshold) {
    String name =
        String.join(
            "\u001f",
            "massbalance-alert-v1",
            type.name(),
            nz(movementOrCertificate),
            nz(site),
            nz(product),
            nz(lot),
            nz(period),
            nz(threshold));
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
