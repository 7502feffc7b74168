package org.massbalance.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.massbalance.engine.runtime.EngineRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance run --config FILE}: the engine against an existing cluster. The file is Java
 * properties: the engine's keys and any Kafka client or Streams setting (SASL, SSL, ...), passed
 * through. Environment variables {@code MASSBALANCE_<KEY>} override the file ({@code
 * MASSBALANCE_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}: upper case, dots as underscores).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the engine against an existing Kafka cluster and schema registry.",
      "Settings: a properties file; MASSBALANCE_<KEY> environment variables override it."
    })
public final class RunCommand implements Callable<Integer> {

  /** Prefix of environment variables that override settings. */
  public static final String ENV_PREFIX = "MASSBALANCE_";

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Properties file with the engine's and Kafka's settings.")
  Path config;

  @Override
  public Integer call() throws Exception {
    Properties settings = load(config);
    settings.putAll(fromEnvironment(System.getenv()));
    EngineRunner engine = EngineRunner.start(settings);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  engine.close();
                  try {
                    closed.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "massbalance-run-stop"));
    spec.commandLine().getOut().println("api=" + engine.apiUrl());
    spec.commandLine().getOut().flush();
    try {
      engine.awaitTermination();
      return engine.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR ? 1 : 0;
    } finally {
      closed.countDown();
    }
  }

  static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new IOException("config file " + file + " does not exist", e);
    }
    return p;
  }

  /**
   * Settings from {@code MASSBALANCE_<KEY>} variables: {@code MASSBALANCE_API_PORT} is api.port.
   */
  static Properties fromEnvironment(Map<String, String> env) {
    Properties p = new Properties();
    env.forEach(
        (k, v) -> {
          if (k.startsWith(ENV_PREFIX)
              && k.length() > ENV_PREFIX.length()
              && !k.equals("MASSBALANCE_JAVA_OPTS")
              && !k.equals("MASSBALANCE_DEBUG")) {
            String key =
                k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            p.put(key, v);
          }
        });
    return p;
  }
}
