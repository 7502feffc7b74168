package org.massbalance.commandline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.massbalance.serde.RestSchemaRegistryClient;
import org.massbalance.serde.SchemaRegistryException;
import org.massbalance.serde.SerdeConfig;

/**
 * Before a command reads or writes topics: does the schema registry answer these client settings
 * (TLS, credentials, HTTP status), and does the Kafka cluster? Either failure is one line naming
 * the address and what to check, instead of a client retrying until its own timeout (a plaintext
 * client at a SASL_SSL listener only sees connections closed, for a minute).
 */
public final class ClusterCheck {

  /** How long the cluster has to answer. */
  public static final Duration REACH = Duration.ofSeconds(10);

  private static final String HINT =
      " (a secured cluster needs --client-config FILE with security.protocol, sasl.* and ssl.*)";

  private ClusterCheck() {}

  /**
   * Checks the registry, then the cluster, of {@code settings}.
   *
   * @throws UncheckedIOException with a one-line message when either does not answer
   */
  public static void require(Map<String, Object> settings) {
    requireRegistry(settings);
    requireCluster(settings);
  }

  /**
   * Checks that the registry of {@code settings} answers {@code GET /subjects} with 2xx.
   *
   * @throws UncheckedIOException with a one-line message otherwise
   */
  public static void requireRegistry(Map<String, Object> settings) {
    String urls = String.valueOf(settings.get(SerdeConfig.SCHEMA_REGISTRY_URL));
    if (urls.startsWith("mock://")) {
      return;
    }
    Map<String, Object> once = new HashMap<>(settings);
    once.putIfAbsent(SerdeConfig.MAX_RETRIES, "1");
    try {
      new RestSchemaRegistryClient(once).subjects();
    } catch (SchemaRegistryException e) {
      String hint =
          e.httpStatus() == 401 || e.httpStatus() == 403
              ? " (check basic.auth.user.info or bearer.auth.token in --client-config)"
              : pkix(e)
                  ? " (the registry's certificate is not trusted: set"
                      + " schema.registry.ssl.truststore.location in --client-config)"
                  : "";
      String first = urls.split(",")[0].trim();
      throw failure(
          (e.httpStatus() > 0
                  ? "the schema registry at " + first + " refused the request: "
                  : "cannot reach the schema registry at " + first + ": ")
              + e.getMessage()
              + hint,
          e);
    } catch (IllegalArgumentException e) {
      throw failure("the schema registry settings are unusable: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the Kafka cluster of {@code settings} answers an admin client within {@link
   * #REACH}.
   *
   * @throws UncheckedIOException with a one-line message otherwise
   */
  public static void requireCluster(Map<String, Object> settings) {
    Object bootstrap = settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    Map<String, Object> admin = new HashMap<>();
    settings.forEach(
        (k, v) -> {
          if (AdminClientConfig.configNames().contains(k)) {
            admin.put(k, v);
          }
        });
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH.toMillis());
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH.toMillis());
    admin.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "massbalance-cluster-check");
    try (Admin a = Admin.create(admin)) {
      a.describeCluster().nodes().get(REACH.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof AuthenticationException || c instanceof AuthorizationException) {
        throw failure(
            "the Kafka cluster at "
                + bootstrap
                + " refused these credentials: "
                + c.getMessage()
                + " (check sasl.jaas.config in --client-config)",
            c);
      }
      throw failure(
          "cannot reach the Kafka cluster at "
              + bootstrap
              + ": "
              + (c == null ? e.getMessage() : c.getMessage())
              + HINT,
          e);
    } catch (TimeoutException e) {
      throw failure(
          "the Kafka cluster at "
              + bootstrap
              + " did not answer within "
              + REACH.toSeconds()
              + " s"
              + HINT,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while reaching the Kafka cluster at " + bootstrap, e);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw failure(
          "the Kafka client settings are unusable: "
              + e.getMessage()
              + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""),
          e);
    }
  }

  private static boolean pkix(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException
          || (t.getMessage() != null && t.getMessage().contains("PKIX"))) {
        return true;
      }
    }
    return false;
  }

  private static UncheckedIOException failure(String message, Throwable cause) {
    return new UncheckedIOException(new IOException(message, cause));
  }
}
