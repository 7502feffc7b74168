package org.massbalance.commandline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.massbalance.security.ClientConfigFile;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap HOST:PORT --registry URL [--client-config FILE]}: the Kafka cluster and schema
 * registry of a command that reads or writes topics ({@code ingest}, {@code export}, {@code audit},
 * {@code generate}), and how to reach a secured one. A command takes them with {@code @Mixin
 * ClusterOptions cluster;}.
 *
 * <p>{@code --client-config FILE} is a properties file of Kafka client settings ({@code
 * security.protocol}, {@code sasl.*}, {@code ssl.*}), the registry client's ({@code
 * schema.registry.ssl.*}, {@code basic.auth.*}, {@code bearer.auth.*}) and, for commands that call
 * the engine's HTTPS API, {@code api.tls.truststore.*}; {@code ./massbalance local --secure} writes
 * one.
 */
public final class ClusterOptions {

  @Option(
      names = "--bootstrap",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(
      names = "--registry",
      required = true,
      paramLabel = "URL",
      description = "Schema registry URL(s), comma-separated.")
  String registry;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Properties file of Kafka client settings (security.protocol, sasl.*, ssl.*), registry"
              + " settings (schema.registry.ssl.*, basic.auth.*, bearer.auth.*) and"
              + " api.tls.truststore.* for the engine's HTTPS API.")
  Path clientConfig;

  /** The bootstrap servers given. */
  public String bootstrap() {
    return bootstrap;
  }

  /** The registry URL(s) given. */
  public String registry() {
    return registry;
  }

  /** The client settings file given, or null. */
  public Path clientConfig() {
    return clientConfig;
  }

  /**
   * Client settings: those of {@code --client-config} (if given) with {@code bootstrap.servers} and
   * {@code schema.registry.url} from the options over them, in a map the caller may add to.
   *
   * @throws UncheckedIOException with a one-line message when the file cannot be read
   */
  public Map<String, Object> clientSettings() {
    Map<String, Object> settings = new HashMap<>();
    if (clientConfig != null) {
      settings.putAll(read("--client-config", clientConfig));
    }
    settings.put("bootstrap.servers", bootstrap);
    settings.put("schema.registry.url", registry);
    return settings;
  }

  /**
   * The settings of a properties file given to option {@code option}.
   *
   * @throws UncheckedIOException with a one-line message when the file cannot be read
   */
  public static Map<String, Object> read(String option, Path file) {
    try {
      return ClientConfigFile.read(option, file);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
  }
}
