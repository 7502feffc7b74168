package org.massbalance.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Site;
import org.massbalance.testing.SampleRecords;

class RestSchemaRegistryClientTest {

  private FakeRegistry fake;

  @BeforeEach
  void start() throws IOException {
    fake = new FakeRegistry();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private RestSchemaRegistryClient client(Map<String, Object> extra) {
    Map<String, Object> configs = new HashMap<>(extra);
    configs.putIfAbsent("schema.registry.url", fake.url());
    configs.putIfAbsent("schema.registry.retry.backoff.ms", "1");
    return new RestSchemaRegistryClient(configs);
  }

  @Test
  void registerPostsTheSchemaToTheSubjectVersions() throws IOException {
    int id = client(Map.of()).register("inventory-movements-value", Movement.getClassSchema());

    assertThat(id).isEqualTo(1);
    assertThat(fake.requests).hasSize(1);
    FakeRegistry.Request request = fake.requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/subjects/inventory-movements-value/versions");
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.header("Accept"))
        .contains("application/vnd.schemaregistry.v1+json")
        .contains("application/json");
    assertThat(request.header("Authorization")).isNull();
    var body = FakeRegistry.parse(request.body());
    assertThat(body.has("schemaType")).isFalse();
    assertThat(new Schema.Parser().parse(body.get("schema").asText()))
        .isEqualTo(Movement.getClassSchema());
  }

  @Test
  void registrationsAndSchemasAreCached() {
    RestSchemaRegistryClient client = client(Map.of());
    int first = client.register("sites-value", Site.getClassSchema());
    int again = client.register("sites-value", Site.getClassSchema());
    Schema byId = client.schemaById(first);

    assertThat(again).isEqualTo(first);
    assertThat(byId).isEqualTo(Site.getClassSchema());
    assertThat(fake.requests).hasSize(1);
  }

  @Test
  void schemaByIdGetsItOnceFromTheRegistry() {
    int id = client(Map.of()).register("sites-value", Site.getClassSchema());
    RestSchemaRegistryClient reader = client(Map.of());

    assertThat(reader.schemaById(id)).isEqualTo(Site.getClassSchema());
    assertThat(reader.schemaById(id)).isEqualTo(Site.getClassSchema());

    assertThat(fake.requests).hasSize(2);
    assertThat(fake.requests.get(1).method()).isEqualTo("GET");
    assertThat(fake.requests.get(1).rawPath()).isEqualTo("/schemas/ids/" + id);
  }

  @Test
  void lookupPostsToTheSubjectAndReportsAMissingSchema() {
    RestSchemaRegistryClient client = client(Map.of());
    assertThatThrownBy(() -> client.lookup("sites-value", Site.getClassSchema()))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40401);
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.isRetriable()).isFalse();
            })
        .hasMessageContaining(fake.url())
        .hasMessageContaining("POST /subjects/sites-value")
        .hasMessageContaining("error_code 40401")
        .hasMessageContaining("Subject 'sites-value' not found.");

    int id = client(Map.of()).register("sites-value", Site.getClassSchema());
    assertThat(client.lookup("sites-value", Site.getClassSchema())).isEqualTo(id);
    assertThat(fake.requests.get(fake.requests.size() - 1).rawPath())
        .isEqualTo("/subjects/sites-value");
  }

  @Test
  void aProtobufSchemaIsUnusableNotRetriableAndAskedOnce() {
    int id = fake.addForeign("PROTOBUF", "syntax = \"proto3\"; message M { string a = 1; }");
    RestSchemaRegistryClient client = client(Map.of());
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.schemaById(id))
          .isInstanceOfSatisfying(
              SchemaRegistryException.class,
              e -> {
                assertThat(e.isUnusableSchema()).isTrue();
                assertThat(e.isRetriable()).isFalse();
              })
          .hasMessage("schema id " + id + " is a PROTOBUF schema, not Avro");
    }
    assertThat(fake.requests).hasSize(1);
  }

  @Test
  void anAvroSchemaThatDoesNotParseIsUnusableNotRetriable() {
    int id =
        fake.addForeign(
            "AVRO",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"com.example.Other\"}]}");
    assertThatThrownBy(() -> client(Map.of()).schemaById(id))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("is not a valid Avro schema");
  }

  @Test
  void unknownIdIsANotFoundError() {
    assertThatThrownBy(() -> client(Map.of()).schemaById(42))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403))
        .hasMessageContaining("GET /schemas/ids/42");
  }

  @Test
  void subjectsAreUrlEncoded() {
    client(Map.of()).register("weird topic/é-value", Site.getClassSchema());
    assertThat(fake.requests.get(0).rawPath())
        .isEqualTo("/subjects/weird%20topic%2F%C3%A9-value/versions");
  }

  @Test
  void basicAuthUserInfoIsSentAsAuthorizationHeader() {
    client(
            Map.of(
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                "ann:s3cr:et"))
        .register("sites-value", Site.getClassSchema());

    String expected =
        "Basic "
            + Base64.getEncoder().encodeToString("ann:s3cr:et".getBytes(StandardCharsets.UTF_8));
    assertThat(fake.requests.get(0).header("Authorization")).isEqualTo(expected);
  }

  @Test
  void basicAuthFromTheUrlIsSentAndStrippedFromTheUrl() {
    String url = fake.url().replace("http://", "http://bob:pw@");
    RestSchemaRegistryClient client =
        client(Map.of("schema.registry.url", url, "basic.auth.credentials.source", "URL"));
    client.register("sites-value", Site.getClassSchema());

    assertThat(client.baseUrls()).containsExactly(fake.url());
    assertThat(fake.requests.get(0).header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aStaticBearerTokenIsSentAsAuthorizationHeader() {
    client(
            Map.of(
                "bearer.auth.credentials.source", "STATIC_TOKEN",
                "bearer.auth.token", "eyJhbGciOi.token-value"))
        .register("sites-value", Site.getClassSchema());

    assertThat(fake.requests.get(0).header("Authorization"))
        .isEqualTo("Bearer eyJhbGciOi.token-value");
  }

  @Test
  void basicAuthAndABearerTokenTogetherAreAConfigurationError() {
    assertThatThrownBy(
            () ->
                client(
                    Map.of(
                        "basic.auth.user.info", "ann:pw",
                        "bearer.auth.token", "tok")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> client(Map.of("bearer.auth.credentials.source", "OAUTHBEARER")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be STATIC_TOKEN");
  }

  @Test
  void subjectsAreListedWithTheStatusChecked() {
    fake.failNext(1, 401);
    assertThatThrownBy(() -> client(Map.of()).subjects())
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 401");
  }

  @Test
  void userInfoSourceWithoutCredentialsIsAConfigurationError() {
    assertThatThrownBy(() -> client(Map.of("basic.auth.credentials.source", "USER_INFO")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("basic.auth.user.info");
  }

  @Test
  void serverErrorsAreRetriedThenSucceed() {
    fake.failNext(2, 503);
    int id = client(Map.of()).register("sites-value", Site.getClassSchema());

    assertThat(id).isEqualTo(1);
    assertThat(fake.requests).hasSize(3);
  }

  @Test
  void persistentServerErrorsGiveUpAfterBoundedRetries() {
    fake.failNext(10, 503);
    assertThatThrownBy(
            () ->
                client(Map.of("schema.registry.max.retries", "2"))
                    .register("sites-value", Site.getClassSchema()))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.isRetriable()).isTrue();
            })
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("3 attempts");
    assertThat(fake.requests).hasSize(3);
  }

  @Test
  void clientErrorsAreNotRetried() {
    fake.failNext(1, 422);
    assertThatThrownBy(() -> client(Map.of()).register("sites-value", Site.getClassSchema()))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42200))
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("scripted failure");
    assertThat(fake.requests).hasSize(1);
  }

  @Test
  void connectionRefusedNamesTheUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + port;
    RestSchemaRegistryClient client =
        client(Map.of("schema.registry.url", dead, "schema.registry.max.retries", "1"));

    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageStartingWith("schema registry " + dead + " unreachable: Connection refused")
        .hasMessageContaining("2 attempts");
  }

  @Test
  void urlsAreTriedInOrder() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    RestSchemaRegistryClient client =
        client(Map.of("schema.registry.url", "http://127.0.0.1:" + port + " , " + fake.url()));

    assertThat(client.register("sites-value", Site.getClassSchema())).isEqualTo(1);
    assertThat(client.baseUrls()).containsExactly("http://127.0.0.1:" + port, fake.url());
  }

  @Test
  void invalidUrlIsAConfigurationError() {
    assertThatThrownBy(() -> client(Map.of("schema.registry.url", "localhost:8081")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("localhost:8081");
  }

  @Test
  void serdeWorksThroughTheRestClient() {
    Map<String, Object> configs = Map.of("schema.registry.url", fake.url());
    ConfluentAvroSerde<Movement> writer = ConfluentAvroSerde.of(Movement.class, configs, false);
    ConfluentAvroSerde<Movement> reader = ConfluentAvroSerde.of(Movement.class, configs, false);

    byte[] bytes = writer.serializer().serialize("inventory-movements", SampleRecords.movement());

    assertThat(reader.deserializer().deserialize("inventory-movements", bytes))
        .isEqualTo(SampleRecords.movement());
    assertThat(fake.requests)
        .extracting(FakeRegistry.Request::rawPath)
        .containsExactly("/subjects/inventory-movements-value/versions", "/schemas/ids/1");
  }

  @Test
  void withoutStoresThereIsNoCustomTls() {
    assertThat(RestSchemaRegistryClient.sslContext(Map.of())).isNull();
  }

  @Test
  void trustAndKeyStoresBuildATlsContext(@TempDir Path dir) throws Exception {
    Path trust = dir.resolve("trust.p12");
    Path keys = dir.resolve("keys.jks");
    writeEmptyStore(trust, "PKCS12", "trustpw");
    writeEmptyStore(keys, "JKS", "keypw");

    SSLContext context =
        RestSchemaRegistryClient.sslContext(
            Map.of(
                "schema.registry.ssl.truststore.location", trust.toString(),
                "schema.registry.ssl.truststore.password", "trustpw",
                "schema.registry.ssl.truststore.type", "PKCS12",
                "schema.registry.ssl.keystore.location", keys.toString(),
                "schema.registry.ssl.keystore.password", "keypw",
                "schema.registry.ssl.keystore.type", "JKS"));

    assertThat(context).isNotNull();
    assertThat(context.getProtocol()).isEqualTo("TLS");
  }

  @Test
  void unreadableTrustStoreNamesTheFile(@TempDir Path dir) throws Exception {
    Path trust = dir.resolve("trust.p12");
    writeEmptyStore(trust, "PKCS12", "right");
    Path missing = dir.resolve("missing.jks");

    assertThatThrownBy(
            () ->
                RestSchemaRegistryClient.sslContext(
                    Map.of(
                        "schema.registry.ssl.truststore.location", trust.toString(),
                        "schema.registry.ssl.truststore.password", "wrong",
                        "schema.registry.ssl.truststore.type", "PKCS12")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(trust.toString());
    assertThatThrownBy(
            () ->
                RestSchemaRegistryClient.sslContext(
                    Map.of("schema.registry.ssl.truststore.location", missing.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  private static void writeEmptyStore(Path path, String type, String password) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    store.load(null, null);
    try (OutputStream out = Files.newOutputStream(path)) {
      store.store(out, password.toCharArray());
    }
  }
}
