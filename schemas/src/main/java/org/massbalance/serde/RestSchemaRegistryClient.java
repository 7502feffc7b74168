package org.massbalance.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * A client of a Confluent-compatible schema registry over its REST API, with {@link
 * java.net.http.HttpClient} and Jackson.
 *
 * <p>Calls: {@code POST /subjects/{subject}/versions} to register, {@code POST /subjects/{subject}}
 * to look up, {@code GET /schemas/ids/{id}} to fetch. Answers are cached in both directions, so a
 * serde calls the registry once per schema. URLs ({@code schema.registry.url}, comma-separated) are
 * tried in order; connection failures and 5xx answers are retried a few times with a short,
 * bounded, doubling backoff; 4xx answers fail at once with Confluent's {@code error_code} and
 * message. Supports basic auth ({@code basic.auth.credentials.source} USER_INFO or URL), a static
 * bearer token ({@code bearer.auth.token}) and TLS ({@code schema.registry.ssl.*}). A schema that
 * is not Avro ({@code schemaType} PROTOBUF or JSON) or does not parse fails with {@link
 * SchemaRegistryException#unusableSchema}, not retriable. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  /** The registry's content type, sent with every request body. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> baseUrls;
  private final HttpClient http;
  private final String authorization;
  private final int maxRetries;
  private final long backoffMs;
  private final Duration requestTimeout;

  private final Map<String, Map<Schema, Integer>> registered = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<Integer, String> unusableById = new ConcurrentHashMap<>();

  /**
   * A client configured with Confluent's keys (see {@link SerdeConfig}).
   *
   * @throws IllegalArgumentException when the URL, credentials or TLS settings are unusable
   */
  public RestSchemaRegistryClient(Map<String, ?> configs) {
    String urls = SerdeConfig.string(configs, SerdeConfig.SCHEMA_REGISTRY_URL);
    if (urls == null) {
      throw new IllegalArgumentException(SerdeConfig.SCHEMA_REGISTRY_URL + " is not set");
    }
    List<String> parsed = new ArrayList<>();
    String urlUserInfo = null;
    for (String part : urls.split(",")) {
      String url = part.trim();
      if (url.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid schema registry URL '" + url + "'", e);
      }
      if (uri.getScheme() == null
          || !(uri.getScheme().equalsIgnoreCase("http")
              || uri.getScheme().equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "invalid schema registry URL '" + url + "': expected http(s)://host[:port]");
      }
      if (uri.getUserInfo() != null && urlUserInfo == null) {
        urlUserInfo = uri.getUserInfo();
      }
      String withoutUserInfo =
          uri.getScheme()
              + "://"
              + uri.getHost()
              + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
              + (uri.getRawPath() == null ? "" : uri.getRawPath());
      parsed.add(
          withoutUserInfo.endsWith("/")
              ? withoutUserInfo.substring(0, withoutUserInfo.length() - 1)
              : withoutUserInfo);
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException(SerdeConfig.SCHEMA_REGISTRY_URL + " names no URL");
    }
    this.baseUrls = List.copyOf(parsed);
    this.authorization = authorization(configs, urlUserInfo);
    this.maxRetries = (int) Math.min(10, SerdeConfig.number(configs, SerdeConfig.MAX_RETRIES, 3));
    this.backoffMs =
        Math.min(5_000, SerdeConfig.number(configs, SerdeConfig.RETRY_BACKOFF_MS, 100));
    this.requestTimeout =
        Duration.ofMillis(SerdeConfig.number(configs, SerdeConfig.REQUEST_TIMEOUT_MS, 10_000));
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER);
    SSLContext ssl = sslContext(configs);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.http = builder.build();
  }

  /**
   * The registry's subjects ({@code GET /subjects}): a check that the registry answers this client,
   * its TLS and credentials included.
   *
   * @throws SchemaRegistryException when it cannot be reached or refuses (HTTP status checked)
   */
  public List<String> subjects() {
    JsonNode answer = call("GET", "/subjects", null);
    List<String> out = new ArrayList<>();
    answer.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The registry base URLs, in the order they are tried. */
  public List<String> baseUrls() {
    return baseUrls;
  }

  @Override
  public int register(String subject, Schema schema) {
    Integer cached = registered.getOrDefault(subject, Map.of()).get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", body(schema));
    int id = idOf(answer, "registering a schema under subject " + subject);
    remember(subject, schema, id);
    return id;
  }

  @Override
  public int lookup(String subject, Schema schema) {
    Integer cached = registered.getOrDefault(subject, Map.of()).get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + encode(subject), body(schema));
    int id = idOf(answer, "looking up a schema under subject " + subject);
    remember(subject, schema, id);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    String known = unusableById.get(id);
    if (known != null) {
      throw SchemaRegistryException.unusableSchema(known, null);
    }
    JsonNode answer = call("GET", "/schemas/ids/" + id, null);
    JsonNode type = answer.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
      throw unusable(id, "schema id " + id + " is a " + type.asText() + " schema, not Avro", null);
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw unusable(
          id, "schema registry answer for schema id " + id + " has no schema: " + answer, null);
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text.asText());
    } catch (AvroRuntimeException e) {
      // SchemaParseException, and AvroTypeException for an undefined name (a reference)
      JsonNode refs = answer.get("references");
      throw unusable(
          id,
          "schema id "
              + id
              + " is not a valid Avro schema"
              + (refs != null && refs.size() > 0 ? " (it has references, not supported)" : "")
              + ": "
              + e.getMessage(),
          e);
    }
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  /** Remembers an unusable answer (the registry's answer for an id never changes). */
  private SchemaRegistryException unusable(int id, String message, Throwable cause) {
    String m = abbreviate(message);
    if (unusableById.size() < 10_000) {
      unusableById.putIfAbsent(id, m);
    }
    return SchemaRegistryException.unusableSchema(m, cause);
  }

  private void remember(String subject, Schema schema, int id) {
    registered.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    schemasById.putIfAbsent(id, schema);
  }

  private static String body(Schema schema) {
    ObjectNode node = JSON.createObjectNode();
    node.put("schema", schema.toString());
    return node.toString();
  }

  private static int idOf(JsonNode answer, String what) {
    JsonNode id = answer.get("id");
    if (id == null || !id.canConvertToInt()) {
      throw new SchemaRegistryException(
          "schema registry answer to " + what + " has no id: " + answer, null);
    }
    return id.intValue();
  }

  static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * One call, with URLs tried in order and retries of connection failures and 5xx answers.
   *
   * @return the parsed JSON answer of a 2xx response
   */
  private JsonNode call(String method, String path, String body) {
    List<String> failures = new ArrayList<>();
    SchemaRegistryException last = null;
    long backoff = backoffMs;
    for (int attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) {
        pause(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
      for (String base : baseUrls) {
        try {
          return once(base, method, path, body);
        } catch (SchemaRegistryException e) {
          if (!e.isRetriable()) {
            throw e;
          }
          last = e;
          failures.add(e.getMessage());
        }
      }
    }
    String message =
        baseUrls.size() == 1 && last != null
            ? last.getMessage()
            : String.join(
                "; ",
                failures.subList(Math.max(0, failures.size() - baseUrls.size()), failures.size()));
    message += " (" + (maxRetries + 1) + " attempts)";
    if (last != null && last.httpStatus() > 0) {
      throw new SchemaRegistryException(message, last.httpStatus(), last.errorCode());
    }
    throw new SchemaRegistryException(message, last);
  }

  private JsonNode once(String base, String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(requestTimeout)
            .header("Accept", ACCEPT);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE);
      request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new SchemaRegistryException(
          "schema registry " + base + " timed out on " + method + " " + path, e);
    } catch (ConnectException e) {
      throw new SchemaRegistryException(
          "schema registry "
              + base
              + " unreachable: "
              + (e.getMessage() == null ? "Connection refused" : e.getMessage()),
          e);
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "schema registry " + base + " failed on " + method + " " + path + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while calling schema registry " + base, e);
    }
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    if (status >= 200 && status < 300) {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new SchemaRegistryException(
            "schema registry "
                + base
                + " answered "
                + method
                + " "
                + path
                + " with invalid JSON: "
                + abbreviate(text),
            e);
      }
    }
    int errorCode = status;
    String message = abbreviate(text);
    try {
      JsonNode error = JSON.readTree(text);
      if (error != null && error.has("error_code")) {
        errorCode = error.get("error_code").asInt(status);
      }
      if (error != null && error.has("message")) {
        message = error.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: keep the raw text
    }
    throw new SchemaRegistryException(
        "schema registry "
            + base
            + " refused "
            + method
            + " "
            + path
            + ": HTTP "
            + status
            + ", error_code "
            + errorCode
            + ": "
            + message,
        status,
        errorCode);
  }

  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (message == null) {
      return cause.getClass().getSimpleName();
    }
    return message;
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while retrying the schema registry", e);
    }
  }

  private static String authorization(Map<String, ?> configs, String urlUserInfo) {
    String basic = basicAuthorization(configs, urlUserInfo);
    String bearer = bearerAuthorization(configs);
    if (basic != null && bearer != null) {
      throw new IllegalArgumentException(
          "schema registry credentials: set basic auth ("
              + SerdeConfig.BASIC_AUTH_USER_INFO
              + ") or a bearer token ("
              + SerdeConfig.BEARER_AUTH_TOKEN
              + "), not both");
    }
    return basic != null ? basic : bearer;
  }

  private static String bearerAuthorization(Map<String, ?> configs) {
    String source = SerdeConfig.string(configs, SerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE);
    String token = SerdeConfig.string(configs, SerdeConfig.BEARER_AUTH_TOKEN);
    if (source != null && !source.equalsIgnoreCase("STATIC_TOKEN")) {
      throw new IllegalArgumentException(
          SerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE
              + " must be STATIC_TOKEN (the token in "
              + SerdeConfig.BEARER_AUTH_TOKEN
              + "), not '"
              + source
              + "'");
    }
    if (token == null) {
      if (source != null) {
        throw new IllegalArgumentException(
            SerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE
                + "=STATIC_TOKEN needs "
                + SerdeConfig.BEARER_AUTH_TOKEN);
      }
      return null;
    }
    if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException(
          SerdeConfig.BEARER_AUTH_TOKEN + " holds a space or a character not allowed in a header");
    }
    return "Bearer " + token;
  }

  private static String basicAuthorization(Map<String, ?> configs, String urlUserInfo) {
    String source = SerdeConfig.string(configs, SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE);
    String userInfo = SerdeConfig.string(configs, SerdeConfig.BASIC_AUTH_USER_INFO);
    if (userInfo == null) {
      userInfo = SerdeConfig.string(configs, SerdeConfig.SR_BASIC_AUTH_USER_INFO);
    }
    if (source == null) {
      source = userInfo != null ? "USER_INFO" : urlUserInfo != null ? "URL" : null;
    }
    if (source == null) {
      return null;
    }
    String credentials;
    switch (source.toUpperCase(Locale.ROOT)) {
      case "USER_INFO" -> credentials = userInfo;
      case "URL" -> credentials = urlUserInfo;
      default ->
          throw new IllegalArgumentException(
              SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE
                  + " must be USER_INFO or URL, not '"
                  + source
                  + "'");
    }
    if (credentials == null || !credentials.contains(":")) {
      throw new IllegalArgumentException(
          "basic auth source "
              + source
              + " needs credentials as user:password ("
              + (source.equalsIgnoreCase("URL")
                  ? "in " + SerdeConfig.SCHEMA_REGISTRY_URL
                  : SerdeConfig.BASIC_AUTH_USER_INFO)
              + ")");
    }
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The TLS context configured by {@code schema.registry.ssl.*}, or null when neither a trust store
   * nor a key store is configured (then the JDK's default trust applies to https URLs).
   *
   * @throws IllegalArgumentException naming the file when a store cannot be read
   */
  public static SSLContext sslContext(Map<String, ?> configs) {
    String trustLocation = SerdeConfig.string(configs, SerdeConfig.SSL_TRUSTSTORE_LOCATION);
    String keyLocation = SerdeConfig.string(configs, SerdeConfig.SSL_KEYSTORE_LOCATION);
    if (trustLocation == null && keyLocation == null) {
      return null;
    }
    try {
      TrustManagerFactory tmf = null;
      if (trustLocation != null) {
        KeyStore trust =
            load(
                "trust store",
                trustLocation,
                SerdeConfig.string(configs, SerdeConfig.SSL_TRUSTSTORE_TYPE),
                SerdeConfig.string(configs, SerdeConfig.SSL_TRUSTSTORE_PASSWORD));
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (keyLocation != null) {
        String storePassword = SerdeConfig.string(configs, SerdeConfig.SSL_KEYSTORE_PASSWORD);
        KeyStore keys =
            load(
                "key store",
                keyLocation,
                SerdeConfig.string(configs, SerdeConfig.SSL_KEYSTORE_TYPE),
                storePassword);
        String keyPassword = SerdeConfig.string(configs, SerdeConfig.SSL_KEY_PASSWORD);
        if (keyPassword == null) {
          keyPassword = storePassword;
        }
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, keyPassword == null ? new char[0] : keyPassword.toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("schema registry TLS setup failed: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String what, String location, String type, String password)
      throws GeneralSecurityException {
    String storeType = type == null ? "JKS" : type;
    KeyStore store = KeyStore.getInstance(storeType);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      store.load(in, password == null ? null : password.toCharArray());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "schema registry "
              + what
              + " "
              + location
              + " ("
              + storeType
              + ") cannot be read: "
              + describe(e),
          e);
    }
    return store;
  }
}
