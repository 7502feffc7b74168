package org.massbalance.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The secured local stack's certificates and secrets ({@code local --secure}), under {@code
 * security/} of the data directory: a certificate authority made here, a server certificate it
 * signs for {@code localhost} and {@code 127.0.0.1} (PKCS12 key store), a trust store holding the
 * authority, and random passwords, SCRAM credentials, registry credentials, API tokens and the
 * internal secret. Made once and kept with the data directory. The certificates are made by the
 * JDK's {@code keytool} (ADR 25: no library for what the JDK does), every file readable by its
 * owner only.
 *
 * <p>It also writes what a client needs into the data directory: {@code client.properties} (Kafka
 * SASL_SSL, the registry's TLS and basic auth, the API's trust store) and the tokens ({@code
 * api-read.token}, {@code api-write.token}).
 */
public final class LocalSecurity {

  /** The Kafka user the broker's own connections use. */
  public static final String KAFKA_ADMIN = "admin";

  /** The Kafka user of the engine and the commands. */
  public static final String KAFKA_USER = "massbalance";

  /** The registry's basic-auth user. */
  public static final String REGISTRY_USER = "massbalance";

  /** The SCRAM mechanism of the broker's listener. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  private static final String SECRETS = "secrets.properties";
  private static final int VALIDITY_DAYS = 825;

  private final Path dir;
  private final Properties secrets;

  private LocalSecurity(Path dir, Properties secrets) {
    this.dir = dir;
    this.secrets = secrets;
  }

  /**
   * The security of the stack whose data directory is {@code dataDir}: what is there, or made now.
   *
   * @throws IllegalStateException when keytool fails or is missing
   */
  public static LocalSecurity prepare(Path dataDir) {
    Path dir = dataDir.resolve("security");
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(SECRETS);
      Properties secrets = new Properties();
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          secrets.load(in);
        }
      } else {
        for (String key :
            List.of(
                "store.password",
                "kafka.admin.password",
                "kafka.user.password",
                "registry.password",
                "api.read.token",
                "api.write.token",
                "api.internal.secret")) {
          secrets.setProperty(key, random());
        }
        Files.createFile(file);
        LocalFiles.ownerOnly(file);
        try (OutputStream out = Files.newOutputStream(file)) {
          secrets.store(out, "local --secure: passwords, tokens and secrets made for this stack");
        }
      }
      LocalSecurity security = new LocalSecurity(dir, secrets);
      if (!Files.exists(security.keyStore()) || !Files.exists(security.trustStore())) {
        security.makeCertificates();
      }
      return security;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
  }

  /** 32 random characters (24 random bytes, URL-safe Base64). */
  static String random() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The server's key store (its key and certificate, signed by the stack's authority). */
  public Path keyStore() {
    return dir.resolve("server.p12");
  }

  /** The trust store holding the stack's authority. */
  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  /** The password of the key and trust stores. */
  public String storePassword() {
    return secrets.getProperty("store.password");
  }

  /** The reader token of the engine's API. */
  public String readToken() {
    return secrets.getProperty("api.read.token");
  }

  /** The writer token of the engine's API. */
  public String writeToken() {
    return secrets.getProperty("api.write.token");
  }

  /** {@code user:password} of the registry's basic auth. */
  public String registryUserInfo() {
    return REGISTRY_USER + ":" + secrets.getProperty("registry.password");
  }

  /** The SCRAM users to format the broker's metadata with: the broker's own and the clients'. */
  List<String> scramCredentials() {
    return List.of(
        MECHANISM + "=[name=" + KAFKA_ADMIN + ",password=" + secret("kafka.admin.password") + "]",
        MECHANISM + "=[name=" + KAFKA_USER + ",password=" + secret("kafka.user.password") + "]");
  }

  /** The broker's settings for its SASL_SSL listener. */
  Map<String, String> brokerSettings() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("sasl.enabled.mechanisms", MECHANISM);
    b.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    b.put(
        "listener.name.sasl_ssl." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
        jaas(KAFKA_ADMIN, secret("kafka.admin.password")));
    b.put("ssl.keystore.location", keyStore().toString());
    b.put("ssl.keystore.type", "PKCS12");
    b.put("ssl.keystore.password", storePassword());
    b.put("ssl.key.password", storePassword());
    b.put("ssl.truststore.location", trustStore().toString());
    b.put("ssl.truststore.type", "PKCS12");
    b.put("ssl.truststore.password", storePassword());
    return b;
  }

  /** Kafka client settings: SASL_SSL with SCRAM as the clients' user, trusting the authority. */
  public Map<String, Object> kafkaClientSettings() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("security.protocol", "SASL_SSL");
    c.put("sasl.mechanism", MECHANISM);
    c.put("sasl.jaas.config", jaas(KAFKA_USER, secret("kafka.user.password")));
    c.put("ssl.truststore.location", trustStore().toString());
    c.put("ssl.truststore.type", "PKCS12");
    c.put("ssl.truststore.password", storePassword());
    return c;
  }

  /**
   * Every client setting: Kafka's, the registry's (TLS and basic auth) and the API's trust store,
   * as {@code client.properties} holds them.
   */
  public Map<String, Object> clientSettings() {
    Map<String, Object> c = new LinkedHashMap<>(kafkaClientSettings());
    c.put("schema.registry.ssl.truststore.location", trustStore().toString());
    c.put("schema.registry.ssl.truststore.type", "PKCS12");
    c.put("schema.registry.ssl.truststore.password", storePassword());
    c.put("basic.auth.credentials.source", "USER_INFO");
    c.put("basic.auth.user.info", registryUserInfo());
    c.put("api.tls.truststore.location", trustStore().toString());
    c.put("api.tls.truststore.type", "PKCS12");
    c.put("api.tls.truststore.password", storePassword());
    return c;
  }

  /**
   * The engine's settings on the secured stack: the client settings, HTTPS with the stack's
   * certificate, reader and writer tokens and the internal secret.
   */
  public Properties engineSettings() {
    Properties p = new Properties();
    p.putAll(clientSettings());
    p.put("api.tls.keystore.location", keyStore().toString());
    p.put("api.tls.keystore.type", "PKCS12");
    p.put("api.tls.keystore.password", storePassword());
    p.put("api.tokens.read", readToken());
    p.put("api.tokens.write", writeToken());
    p.put("api.internal.secret", secret("api.internal.secret"));
    return p;
  }

  /**
   * Writes {@code client.properties}, {@code api-read.token} and {@code api-write.token} into
   * {@code dataDir}, readable by their owner only; returns the client settings file.
   */
  public Path writeClientFiles(Path dataDir) {
    StringBuilder text =
        new StringBuilder(
            "# massbalance local --secure: give it to any command as --client-config "
                + dataDir.resolve("client.properties")
                + "\n");
    clientSettings().forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
    Path client = dataDir.resolve("client.properties");
    LocalFiles.writeSecret(client, text.toString());
    LocalFiles.writeSecret(readTokenFile(dataDir), readToken() + "\n");
    LocalFiles.writeSecret(writeTokenFile(dataDir), writeToken() + "\n");
    return client;
  }

  /** Where {@link #writeClientFiles} puts the reader token. */
  public static Path readTokenFile(Path dataDir) {
    return dataDir.resolve("api-read.token");
  }

  /** Where {@link #writeClientFiles} puts the writer token. */
  public static Path writeTokenFile(Path dataDir) {
    return dataDir.resolve("api-write.token");
  }

  private static String escape(Object v) {
    return String.valueOf(v).replace("\\", "\\\\");
  }

  private String secret(String key) {
    return secrets.getProperty(key);
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /** The authority, then the server's key and certificate signed by it, then the trust store. */
  private void makeCertificates() throws IOException {
    String pw = storePassword();
    Path ca = dir.resolve("ca.p12");
    Path caPem = dir.resolve("ca.pem");
    Path csr = dir.resolve("server.csr");
    Path signed = dir.resolve("server.pem");
    for (Path p : List.of(ca, caPem, csr, signed, keyStore(), trustStore())) {
      Files.deleteIfExists(p);
    }
    String validity = String.valueOf(VALIDITY_DAYS);
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=massbalance local CA",
        "-ext",
        "bc:c",
        "-ext",
        "KU=keyCertSign,cRLSign",
        "-validity",
        validity,
        "-keystore",
        ca.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        pw);
    keytool(
        "-exportcert",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-storepass",
        pw,
        "-rfc",
        "-file",
        caPem.toString());
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-validity",
        validity,
        "-keystore",
        keyStore().toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        pw);
    keytool(
        "-certreq",
        "-alias",
        "server",
        "-keystore",
        keyStore().toString(),
        "-storepass",
        pw,
        "-file",
        csr.toString());
    keytool(
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-storepass",
        pw,
        "-infile",
        csr.toString(),
        "-outfile",
        signed.toString(),
        "-rfc",
        "-validity",
        validity,
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-ext",
        "KU=digitalSignature",
        "-ext",
        "EKU=serverAuth,clientAuth");
    keytool(
        "-importcert",
        "-alias",
        "ca",
        "-file",
        caPem.toString(),
        "-keystore",
        keyStore().toString(),
        "-storepass",
        pw,
        "-noprompt");
    keytool(
        "-importcert",
        "-alias",
        "server",
        "-file",
        signed.toString(),
        "-keystore",
        keyStore().toString(),
        "-storepass",
        pw,
        "-noprompt");
    keytool(
        "-importcert",
        "-alias",
        "ca",
        "-file",
        caPem.toString(),
        "-keystore",
        trustStore().toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        pw,
        "-noprompt");
    Files.deleteIfExists(csr);
    for (Path p : List.of(ca, caPem, signed, keyStore(), trustStore())) {
      LocalFiles.ownerOnly(p);
    }
  }

  private static void keytool(String... args) {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new IllegalStateException(
          "local --secure makes its certificates with the JDK's keytool, not found at " + keytool);
    }
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " failed: " + out.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + keytool, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }
}
