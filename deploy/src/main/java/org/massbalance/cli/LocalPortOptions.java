package org.massbalance.cli;

import org.massbalance.local.LocalStack;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-port N --registry-port N --api-port N}: the ports of the local stack and its
 * engine ({@code local}, {@code demo}); 0 picks a free one.
 */
public final class LocalPortOptions {

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka port (0 picks a free one; default ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description = "Schema registry port (default ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--api-port",
      defaultValue = "8080",
      description = "Engine HTTP API port (default ${DEFAULT-VALUE}).")
  int apiPort;

  /** The broker's port. */
  public int kafkaPort() {
    return kafkaPort;
  }

  /** The schema registry's port. */
  public int registryPort() {
    return registryPort;
  }

  /** The engine API's port. */
  public int apiPort() {
    return apiPort;
  }

  /** A local stack on {@code host} with the broker's and the registry's ports. */
  public LocalStack.Builder stack(String host) {
    return LocalStack.builder().host(host).kafkaPort(kafkaPort).registryPort(registryPort);
  }
}
