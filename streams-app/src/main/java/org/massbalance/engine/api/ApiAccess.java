package org.massbalance.engine.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the API: reader and writer bearer tokens, and the secret instances prove themselves
 * to each other with when they forward a request. Tokens are kept as SHA-256 digests and compared
 * with {@link MessageDigest#isEqual} against every one (no early exit), so neither the comparison
 * nor the position of a match tells an attacker anything about a token's bytes. With no token the
 * API is open (a loopback address, or {@code api.auth.disabled=true}).
 */
public final class ApiAccess {

  /** What a caller may do. */
  public enum Role {
    /** GET on {@code /api}. */
    READ,
    /** Every {@code /api} call, writes included. */
    WRITE
  }

  private static final String BEARER = "Bearer ";

  private final List<byte[]> readers;
  private final List<byte[]> writers;
  private final String secret;
  private final byte[] secretDigest;

  private ApiAccess(Collection<String> read, Collection<String> write, String secret) {
    this.readers = digests(read);
    this.writers = digests(write);
    this.secret = secret == null || secret.isEmpty() ? null : secret;
    this.secretDigest = this.secret == null ? null : sha256(this.secret);
  }

  /** An open API: no token; a forwarded request is trusted (there is nothing to protect). */
  public static ApiAccess open() {
    return new ApiAccess(List.of(), List.of(), null);
  }

  /**
   * Access by tokens: {@code read} tokens may GET, {@code write} tokens may do everything; peers
   * prove themselves with {@code secret} (null: without tokens, any forwarded request is trusted;
   * with tokens, none is).
   */
  public static ApiAccess of(Collection<String> read, Collection<String> write, String secret) {
    return new ApiAccess(read, write, secret);
  }

  /** True when no token is configured: every endpoint is open. */
  public boolean isOpen() {
    return readers.isEmpty() && writers.isEmpty();
  }

  /** The role of an {@code Authorization} header's bearer token; empty when it is none of ours. */
  public Optional<Role> role(String authorization) {
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return Optional.empty();
    }
    byte[] given = sha256(authorization.substring(BEARER.length()).strip());
    boolean write = matchesAny(writers, given);
    boolean read = matchesAny(readers, given);
    if (write) {
      return Optional.of(Role.WRITE);
    }
    return read ? Optional.of(Role.READ) : Optional.empty();
  }

  /**
   * Whether a request carrying {@code forwarded} (the {@code X-Massbalance-Forwarded} header) comes
   * from another instance: it names the internal secret, or, with no secret configured, the API is
   * open.
   */
  public boolean isPeer(String forwarded) {
    if (forwarded == null) {
      return false;
    }
    if (secretDigest == null) {
      return isOpen();
    }
    return MessageDigest.isEqual(secretDigest, sha256(forwarded));
  }

  /** The value this instance sends in {@code X-Massbalance-Forwarded} when it forwards. */
  String forwardedValue() {
    return secret == null ? "1" : secret;
  }

  /** Whether forwarded requests carry the secret (then the caller's token is not passed on). */
  boolean hasSecret() {
    return secret != null;
  }

  private static boolean matchesAny(List<byte[]> digests, byte[] given) {
    boolean match = false;
    for (byte[] d : digests) {
      match |= MessageDigest.isEqual(d, given);
    }
    return match;
  }

  private static List<byte[]> digests(Collection<String> tokens) {
    List<byte[]> out = new ArrayList<>();
    for (String t : tokens) {
      if (t != null && !t.isBlank()) {
        out.add(sha256(t.strip()));
      }
    }
    return List.copyOf(out);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
