package org.massbalance.serde;

import java.util.Map;

/** Configuration keys of the serdes and the registry client, named as Confluent names them. */
public final class SerdeConfig {

  /** Comma-separated registry URLs, tried in order; {@code mock://scope} for an in-memory one. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** Whether the serializer registers its schema (default true) or only looks it up. */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  /** Source of basic-auth credentials: {@code USER_INFO} or {@code URL}. */
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

  /** {@code user:password} for basic auth when the source is {@code USER_INFO}. */
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  /** Alternative spelling of {@link #BASIC_AUTH_USER_INFO} that Confluent also accepts. */
  public static final String SR_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";

  /** Source of a bearer token: {@code STATIC_TOKEN} (the token in {@link #BEARER_AUTH_TOKEN}). */
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";

  /** A bearer token sent as {@code Authorization: Bearer <token>} (instead of basic auth). */
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";

  /** Trust store file for TLS to the registry. */
  public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";

  /** Trust store password. */
  public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";

  /** Trust store type (default JKS; PKCS12 also works). */
  public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

  /** Key store file for TLS client authentication to the registry. */
  public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";

  /** Key store password. */
  public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";

  /** Key store type (default JKS; PKCS12 also works). */
  public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";

  /** Password of the private key (default: the key store password). */
  public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

  /** Retries of a registry call after a connection failure or a 5xx answer (default 3). */
  public static final String MAX_RETRIES = "schema.registry.max.retries";

  /** First backoff between retries in milliseconds, doubled each retry (default 100). */
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";

  /** Timeout of one registry request in milliseconds (default 10000). */
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  private SerdeConfig() {}

  static String string(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof org.apache.kafka.common.config.types.Password password) {
      value = password.value();
    }
    String s = value.toString().trim();
    return s.isEmpty() ? null : s;
  }

  static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
    String s = string(configs, key);
    if (s == null) {
      return defaultValue;
    }
    if (s.equalsIgnoreCase("true")) {
      return true;
    }
    if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(key + " must be true or false, not '" + s + "'");
  }

  static long number(Map<String, ?> configs, String key, long defaultValue) {
    String s = string(configs, key);
    if (s == null) {
      return defaultValue;
    }
    try {
      long n = Long.parseLong(s);
      if (n < 0) {
        throw new NumberFormatException("negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a non-negative integer, not '" + s + "'");
    }
  }
}
