package org.massbalance.commandline;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap HOST:PORT --registry URL}, both required: the Kafka cluster and schema
 * registry of a command that reads or writes topics ({@code ingest}, {@code export}, {@code
 * audit}). A command takes them with {@code @Mixin ClusterOptions cluster;}.
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

  /** The bootstrap servers given. */
  public String bootstrap() {
    return bootstrap;
  }

  /** The registry URL(s) given. */
  public String registry() {
    return registry;
  }

  /**
   * Client settings naming the cluster and registry ({@code bootstrap.servers}, {@code
   * schema.registry.url}), in a map the caller may add to.
   */
  public Map<String, Object> clientSettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("bootstrap.servers", bootstrap);
    settings.put("schema.registry.url", registry);
    return settings;
  }
}
