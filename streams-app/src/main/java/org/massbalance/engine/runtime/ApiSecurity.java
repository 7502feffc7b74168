package org.massbalance.engine.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.types.Password;
import org.massbalance.engine.api.ApiAccess;
import org.massbalance.engine.api.ApiServer;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.security.TlsStores;

/**
 * The API's security settings, checked at start (ADR 25): an instance refuses to start open on a
 * non-loopback address unless {@code api.auth.disabled=true} says so; tokens and the internal
 * secret must be at least {@link #MIN_LENGTH} characters and no placeholder; tokens need the
 * internal secret (peers prove themselves with it); the key and trust stores must open. Messages
 * name the key, never the token.
 */
final class ApiSecurity {

  /** The shortest token or secret accepted. */
  static final int MIN_LENGTH = 24;

  /** Fewer distinct characters than this is no random token. */
  static final int MIN_DISTINCT = 8;

  /** Words of placeholders and examples, compared without case and punctuation. */
  private static final List<String> PLACEHOLDERS =
      List.of(
          "changeme",
          "replaceme",
          "placeholder",
          "yourtoken",
          "yoursecret",
          "example",
          "password",
          "secret",
          "token");

  private ApiSecurity() {}

  /**
   * The API server's settings from {@code config}.
   *
   * @throws StartupException naming the key when a setting is refused
   */
  static ApiServer.Settings settings(EngineConfig config, int port) {
    String host = config.getString(EngineConfig.API_HOST_CONFIG);
    List<String> read = tokens(config, EngineConfig.API_TOKENS_READ_CONFIG);
    List<String> write = new ArrayList<>(tokens(config, EngineConfig.API_TOKENS_WRITE_CONFIG));
    write.addAll(tokens(config, EngineConfig.API_TOKEN_CONFIG));
    for (String t : read) {
      if (write.contains(t)) {
        throw new StartupException(
            "the same token is in "
                + EngineConfig.API_TOKENS_READ_CONFIG
                + " and in "
                + EngineConfig.API_TOKENS_WRITE_CONFIG
                + " (or "
                + EngineConfig.API_TOKEN_CONFIG
                + "): a token has one role; remove it from one of them");
      }
    }
    boolean tokens = !read.isEmpty() || !write.isEmpty();
    boolean disabled = config.getBoolean(EngineConfig.API_AUTH_DISABLED_CONFIG);
    String secret = value(config.getPassword(EngineConfig.API_INTERNAL_SECRET_CONFIG));
    if (secret != null) {
      check(EngineConfig.API_INTERNAL_SECRET_CONFIG, secret);
      if (read.contains(secret) || write.contains(secret)) {
        throw new StartupException(
            EngineConfig.API_INTERNAL_SECRET_CONFIG
                + " must differ from every token: a caller holding it passes as an instance");
      }
    }
    if (disabled && tokens) {
      throw new StartupException(
          EngineConfig.API_AUTH_DISABLED_CONFIG
              + "=true and tokens are set: either serve the API open (remove the tokens) or"
              + " with tokens (remove "
              + EngineConfig.API_AUTH_DISABLED_CONFIG
              + ")");
    }
    if (tokens && secret == null) {
      throw new StartupException(
          "tokens are set but "
              + EngineConfig.API_INTERNAL_SECRET_CONFIG
              + " is not: set it (the same on every instance, "
              + MIN_LENGTH
              + " characters or more) so that instances can forward queries to each other");
    }
    if (!tokens && !disabled && !isLoopback(host)) {
      throw new StartupException(
          EngineConfig.API_HOST_CONFIG
              + "="
              + host
              + " is reachable from other machines and no token is set: set "
              + EngineConfig.API_TOKENS_READ_CONFIG
              + " and "
              + EngineConfig.API_TOKENS_WRITE_CONFIG
              + " (and "
              + EngineConfig.API_INTERNAL_SECRET_CONFIG
              + "), bind a loopback address (api.host=127.0.0.1), or set "
              + EngineConfig.API_AUTH_DISABLED_CONFIG
              + "=true to serve everyone who reaches the port");
    }
    ApiAccess access = tokens ? ApiAccess.of(read, write, secret) : accessOpen(secret);
    return new ApiServer.Settings(host, port, access, tls(config), peerTls(config));
  }

  private static ApiAccess accessOpen(String secret) {
    return secret == null ? ApiAccess.open() : ApiAccess.of(List.of(), List.of(), secret);
  }

  /** The key store to serve HTTPS with, checked, or null for HTTP. */
  private static ApiServer.Tls tls(EngineConfig config) {
    String location = config.getString(EngineConfig.API_TLS_KEYSTORE_LOCATION_CONFIG);
    if (location == null || location.isBlank()) {
      return null;
    }
    String type = config.getString(EngineConfig.API_TLS_KEYSTORE_TYPE_CONFIG);
    String password = value(config.getPassword(EngineConfig.API_TLS_KEYSTORE_PASSWORD_CONFIG));
    String keyPassword = value(config.getPassword(EngineConfig.API_TLS_KEY_PASSWORD_CONFIG));
    try {
      TlsStores.checkKeyStore(
          EngineConfig.API_TLS_KEYSTORE_LOCATION_CONFIG, location, type, password, keyPassword);
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), e);
    }
    return new ApiServer.Tls(location.strip(), type, password, keyPassword);
  }

  /** The trust of the other instances' certificates, or null for the JVM's default. */
  private static javax.net.ssl.SSLContext peerTls(EngineConfig config) {
    String location = config.getString(EngineConfig.API_TLS_TRUSTSTORE_LOCATION_CONFIG);
    if (location == null || location.isBlank()) {
      return null;
    }
    try {
      return TlsStores.client(
          EngineConfig.API_TLS_TRUSTSTORE_LOCATION_CONFIG,
          location.strip(),
          config.getString(EngineConfig.API_TLS_TRUSTSTORE_TYPE_CONFIG),
          value(config.getPassword(EngineConfig.API_TLS_TRUSTSTORE_PASSWORD_CONFIG)));
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  /** The comma-separated tokens of {@code key}, each checked. */
  static List<String> tokens(EngineConfig config, String key) {
    String all = value(config.getPassword(key));
    List<String> out = new ArrayList<>();
    if (all == null) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (String part : all.split(",")) {
      String t = part.strip();
      if (t.isEmpty()) {
        continue;
      }
      check(key, t);
      if (seen.add(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Refuses a token or secret that is short, a placeholder, or not random-looking.
   *
   * @throws StartupException naming {@code key}
   */
  static void check(String key, String token) {
    String plain = token.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    for (String p : PLACEHOLDERS) {
      if (plain.contains(p)) {
        throw new StartupException(
            key
                + " holds a placeholder ('"
                + p
                + "'): replace it with random characters (e.g. openssl rand -base64 32)");
      }
    }
    if (token.length() < MIN_LENGTH) {
      throw new StartupException(
          key
              + ": a token of "
              + token.length()
              + " characters is too short; use "
              + MIN_LENGTH
              + " or more random characters (e.g. openssl rand -base64 32)");
    }
    if (token.chars().distinct().count() < MIN_DISTINCT) {
      throw new StartupException(
          key
              + " is not random enough (fewer than "
              + MIN_DISTINCT
              + " different characters): use e.g. openssl rand -base64 32");
    }
    if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new StartupException(
          key + " holds a space or a character a header cannot carry: use printable ASCII");
    }
  }

  /** True when every address {@code host} names is a loopback one. */
  static boolean isLoopback(String host) {
    if (host == null || host.isBlank() || AdvertisedHost.isWildcard(host.strip())) {
      return false;
    }
    try {
      InetAddress[] all = InetAddress.getAllByName(host.strip());
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String value(Password p) {
    return p == null || p.value() == null || p.value().isBlank() ? null : p.value().strip();
  }
}
