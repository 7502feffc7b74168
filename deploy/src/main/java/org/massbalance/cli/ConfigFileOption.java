package org.massbalance.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, required: the engine's settings file of the commands that work on an
 * existing cluster ({@code run}, {@code topics create|check}), read with the {@code
 * MASSBALANCE_<KEY>} environment variables over it ({@link RunCommand#settings}).
 */
public final class ConfigFileOption {

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Properties file with the engine's and Kafka's settings.")
  Path config;

  /** The settings file. */
  public Path file() {
    return config;
  }

  /**
   * The file's settings with the {@code MASSBALANCE_<KEY>} variables of {@code env} over them.
   *
   * @throws IOException when the file cannot be read
   */
  public Properties settings(Map<String, String> env) throws IOException {
    return RunCommand.settings(config, env);
  }
}
