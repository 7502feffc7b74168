package org.massbalance.engine.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One {@link MessageDigest} of an algorithm per thread: looking one up through the security
 * providers for every digest costs more than the digest of a short text.
 */
final class PerThreadDigest {

  private final ThreadLocal<MessageDigest> digest;

  /** Digests of {@code algorithm}, which every Java platform provides (MD5, SHA-256). */
  PerThreadDigest(String algorithm) {
    this.digest =
        ThreadLocal.withInitial(
            () -> {
              try {
                return MessageDigest.getInstance(algorithm);
              } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** The digest of {@code input}. */
  byte[] of(byte[] input) {
    return digest.get().digest(input);
  }
}
