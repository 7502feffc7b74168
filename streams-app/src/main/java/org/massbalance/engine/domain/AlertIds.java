package org.massbalance.engine.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic alert ids: a name-based UUID of what the alert is about (type, movement or
 * certificate, site, product, lot, period, threshold), so the same input never yields two ids and
 * consumers can de-duplicate on it.
 */
public final class AlertIds {

  /** MD5, one instance per thread: {@link UUID#nameUUIDFromBytes} looks up a new one per call. */
  private static final PerThreadDigest MD5 = new PerThreadDigest("MD5");

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
    return nameUuid(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The version 3 (name-based, MD5) UUID of {@code name}, as {@link UUID#nameUUIDFromBytes}. */
  static UUID nameUuid(byte[] name) {
    byte[] md5 = MD5.of(name);
    md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
    md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (md5[i] & 0xff);
      lsb = (lsb << 8) | (md5[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
