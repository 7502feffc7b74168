package org.massbalance.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.massbalance.local.EmbeddedKafkaBroker;

/**
 * One node (broker and KRaft controller) of a multi-node cluster as a separate process, so that it
 * can be SIGKILLed: {@code java -cp <test classpath> org.massbalance.it.BrokerProcess ...} starts
 * an {@link EmbeddedKafkaBroker} built as one node of a static quorum, prints {@link #READY} once
 * it accepts connections, and runs until it is killed. Its output goes to {@code broker-N.log}.
 */
public final class BrokerProcess implements AutoCloseable {

  /** The line the node prints once started. */
  static final String READY = "BROKER READY";

  private final int nodeId;
  private final int port;
  private final int controllerPort;
  private final String voters;
  private final String clusterId;
  private final int replicationFactor;
  private final int minIsr;
  private final Path dir;
  private final Path log;
  private Process process;

  BrokerProcess(
      Path dir,
      int nodeId,
      int port,
      int controllerPort,
      String voters,
      String clusterId,
      int replicationFactor,
      int minIsr) {
    this.dir = dir;
    this.nodeId = nodeId;
    this.port = port;
    this.controllerPort = controllerPort;
    this.voters = voters;
    this.clusterId = clusterId;
    this.replicationFactor = replicationFactor;
    this.minIsr = minIsr;
    this.log = dir.resolve("broker-" + nodeId + ".log");
  }

  /** Starts the process; {@link #awaitReady(Duration)} waits for it to accept connections. */
  synchronized BrokerProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("broker " + nodeId + " still running");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || classPath.isBlank()) {
      classPath = System.getProperty("java.class.path");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xms256m",
                "-Xmx768m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-cp",
                classPath,
                BrokerProcess.class.getName(),
                String.valueOf(nodeId),
                String.valueOf(port),
                String.valueOf(controllerPort),
                voters,
                clusterId,
                String.valueOf(replicationFactor),
                String.valueOf(minIsr),
                dir.resolve("data").toString()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start broker " + nodeId, e);
    }
    return this;
  }

  /** Waits until the node printed {@link #READY}; fails when it died or the deadline passed. */
  void awaitReady(Duration deadline) {
    try {
      await("broker " + nodeId + " ready")
          .atMost(deadline)
          .pollInterval(Duration.ofMillis(100))
          .failFast("broker " + nodeId + " exited", () -> !isAlive())
          .until(() -> read().contains(READY));
    } catch (org.awaitility.core.ConditionTimeoutException
        | org.awaitility.core.TerminalFailureException e) {
      throw new AssertionError(e.getMessage() + "\n" + tail(40), e);
    }
  }

  /** SIGKILL, and waits until the process is gone. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("broker " + nodeId + " did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  int nodeId() {
    return nodeId;
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  String tail(int lines) {
    return ReliabilitySupport.tail(read(), lines);
  }

  /** Copies the log to {@code target/reliability/<suite>-broker-N.log}. */
  void keepLog(String suite) {
    ReliabilitySupport.keepLog(log, suite);
  }

  private String read() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Ends the process: SIGTERM (a controlled shutdown), then SIGKILL after 20 s. */
  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * Runs one node: {@code nodeId port controllerPort voters clusterId replicationFactor minIsr
   * dataDir}. Stops cleanly on SIGTERM.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 8) {
      System.err.println(
          "usage: BrokerProcess nodeId port controllerPort voters clusterId rf minIsr dataDir");
      System.exit(2);
    }
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .nodeId(Integer.parseInt(args[0]))
            .host("127.0.0.1")
            .port(Integer.parseInt(args[1]))
            .controllerPort(Integer.parseInt(args[2]))
            .quorumVoters(args[3])
            .clusterId(args[4])
            .replication(Integer.parseInt(args[5]), Integer.parseInt(args[6]))
            .dataDir(Path.of(args[7]))
            // A dead node is fenced, and leaves the ISRs, after 6 s instead of 9 and 30.
            .config("broker.session.timeout.ms", "6000")
            .config("broker.heartbeat.interval.ms", "1000")
            .config("replica.lag.time.max.ms", "10000")
            .build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                }));
    broker.start();
    System.out.println(READY + " node " + args[0] + " on " + broker.bootstrapServers());
    System.out.flush();
    stopped.await();
  }
}
