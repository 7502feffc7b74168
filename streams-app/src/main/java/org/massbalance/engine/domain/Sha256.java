package org.massbalance.engine.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a text's UTF-8 bytes, with one digest instance per thread. */
final class Sha256 {

  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private Sha256() {}

  /** The 32-byte SHA-256 of {@code text} as UTF-8. */
  static byte[] of(CharSequence text) {
    return DIGEST.get().digest(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
