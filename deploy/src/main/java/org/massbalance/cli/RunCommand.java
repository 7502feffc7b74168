package org.massbalance.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.runtime.EngineRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance run --config FILE [--strict]}: the engine against an existing cluster. The
 * file is Java properties: the engine's keys and any Kafka client, Streams or registry setting
 * (SASL, SSL, {@code producer.*}, {@code basic.auth.*}, ...), passed through. Environment variables
 * {@code MASSBALANCE_<KEY>} override the file ({@code MASSBALANCE_BOOTSTRAP_SERVERS} sets {@code
 * bootstrap.servers}: upper case, dots as underscores) and are checked like it: an unknown key is
 * named in one warning, or with {@code --strict} stops the start.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the engine against an existing Kafka cluster and schema registry.",
      "Settings: a properties file; MASSBALANCE_<KEY> environment variables override it.",
      "Unknown keys are named in a warning at start (with --strict, an error)."
    })
public final class RunCommand implements Callable<Integer> {

  /** Prefix of environment variables that override settings. */
  public static final String ENV_PREFIX = "MASSBALANCE_";

  @Spec CommandSpec spec;

  @Mixin ConfigFileOption config;

  @Option(
      names = "--strict",
      description =
          "Refuse to start when a key is neither the engine's nor Kafka's nor the registry's.")
  boolean strict;

  @Override
  public Integer call() throws Exception {
    EngineRunner engine = start(config.file(), System.getenv(), strict);
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

  /**
   * Starts the engine as {@code run} does: the settings of {@code file} with the {@code
   * MASSBALANCE_<KEY>} variables of {@code env} over them, checked, then the engine.
   *
   * @throws IOException when the file cannot be read
   */
  public static EngineRunner start(Path file, Map<String, String> env, boolean strict)
      throws IOException {
    return EngineRunner.start(settings(file, env), strict);
  }

  /**
   * The settings {@code run} starts with: those of {@code file}, with the {@code MASSBALANCE_<KEY>}
   * variables of {@code env} over them.
   *
   * @throws IOException when the file cannot be read
   */
  public static Properties settings(Path file, Map<String, String> env) throws IOException {
    Properties settings = load(file);
    settings.putAll(fromEnvironment(env));
    return settings;
  }

  static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new IOException(
          "config file " + file + " does not exist: give --config the path of a properties file",
          e);
    } catch (AccessDeniedException e) {
      throw new IOException("config file " + file + " cannot be read: permission denied", e);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IOException("config file " + file + " is not UTF-8 text", e);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "config file " + file + " is not a valid properties file: " + e.getMessage(), e);
    }
    return p;
  }

  /**
   * The help's footer: every engine key with its default and meaning, from {@link
   * EngineConfig#definition()}, so the help cannot list a key that does not work.
   */
  static String[] keysHelp() {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Engine keys (default; MASSBALANCE_<KEY> overrides; Kafka keys pass through):");
    for (ConfigDef.ConfigKey k : EngineConfig.definition().configKeys().values()) {
      Object d = k.defaultValue;
      String shown =
          !k.hasDefault() || d == null || "".equals(d)
              ? "none"
              : d instanceof List<?> l
                  ? l.stream().map(String::valueOf).collect(Collectors.joining(","))
                  : String.valueOf(d);
      lines.add("  " + k.name + " = " + shown);
      lines.add("      " + k.documentation);
    }
    return lines.toArray(String[]::new);
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
