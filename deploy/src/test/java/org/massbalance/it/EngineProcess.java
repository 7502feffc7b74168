package org.massbalance.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.massbalance.local.PortInUseException;

/**
 * The engine as a separate process, as an operator runs it: {@code java -cp ...
 * org.massbalance.cli.MassBalanceCli run --config FILE}, on a stable application id, state
 * directory and API port across restarts. Each start writes its output to its own log file under
 * the work directory ({@code engine-1.log}, {@code engine-2.log}, ...).
 */
final class EngineProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final Path dir;
  private final Path config;
  private final int apiPort;
  private final List<Path> logs = new ArrayList<>();
  private Process process;
  private Instant startedAt;

  /**
   * An engine process (not started) with {@code settings} written to {@code dir/engine.properties};
   * {@code api.port} is chosen here and kept across restarts.
   */
  EngineProcess(Path dir, Properties settings) {
    this.dir = dir;
    this.apiPort = PortInUseException.freePort("127.0.0.1");
    this.config = dir.resolve("engine.properties");
    Properties p = new Properties();
    p.putAll(settings);
    p.put("api.host", "127.0.0.1");
    p.put("api.port", String.valueOf(apiPort));
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(config)) {
        p.store(out, "reliability suite engine");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a new process (the previous one must have ended). */
  synchronized EngineProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("engine process still running");
    }
    Path log = dir.resolve("engine-" + (logs.size() + 1) + ".log");
    logs.add(log);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || classPath.isBlank()) {
      classPath = System.getProperty("java.class.path");
    }
    List<String> command =
        List.of(
            java,
            "-Xmx1g",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
            "-cp",
            classPath,
            "org.massbalance.cli.MassBalanceCli",
            "run",
            "--config",
            config.toString());
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("MASSBALANCE_"));
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the engine process", e);
    }
    startedAt = Instant.now();
    return this;
  }

  /** SIGKILL (on Linux {@link Process#destroyForcibly()}), and waits until it is gone. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("engine process did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Exit code of the last process, or null while it runs. */
  synchronized Integer exitCode() {
    return process == null || process.isAlive() ? null : process.exitValue();
  }

  synchronized long pid() {
    return process.pid();
  }

  synchronized Instant startedAt() {
    return startedAt;
  }

  /** Number of processes started. */
  synchronized int starts() {
    return logs.size();
  }

  String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  /** The HTTP status of GET {@code path}, or -1 when nothing answers. */
  int status(String path) {
    try {
      HttpRequest r =
          HttpRequest.newBuilder(URI.create(apiUrl() + path))
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build();
      return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The output of every start, in order. */
  String allLogs() {
    StringBuilder b = new StringBuilder();
    for (Path log : logs) {
      b.append("==== ").append(log.getFileName()).append('\n').append(read(log));
    }
    return b.toString();
  }

  /** The output of the latest start. */
  String log() {
    return logs.isEmpty() ? "" : read(logs.get(logs.size() - 1));
  }

  /** The last {@code lines} lines of the latest start's output. */
  String tail(int lines) {
    return ReliabilitySupport.tail(log(), lines);
  }

  /** Copies the logs to {@code target/reliability/<suite>-engine-N.log} for a look afterwards. */
  void keepLogs(String suite) {
    for (Path log : logs) {
      ReliabilitySupport.keepLog(log, suite);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Ends the process: SIGTERM (a clean close), then SIGKILL after 30 s. */
  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
