package org.massbalance.engine.domain;

import java.nio.charset.StandardCharsets;

/** SHA-256 of a text's UTF-8 bytes or of bytes, with one digest instance per thread. */
public final class Sha256 {

  private static final PerThreadDigest DIGEST = new PerThreadDigest("SHA-256");

  private Sha256() {}

  /** The 32-byte SHA-256 of {@code text} as UTF-8. */
  static byte[] of(CharSequence text) {
    return DIGEST.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
  public static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(DIGEST.of(bytes));
  }
}
