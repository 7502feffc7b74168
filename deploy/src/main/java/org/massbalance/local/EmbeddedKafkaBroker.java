package org.massbalance.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker and KRaft controller (combined mode) running in this JVM.
 *
 * <p>Configured for one node: replication factor 1 and min ISR 1 for every internal topic (offsets,
 * transactions, share-group state), so exactly-once producers and Kafka Streams work against it.
 * The data directory is formatted only when it holds no {@code meta.properties}; its cluster id is
 * kept with the data, so a broker started again on the same directory keeps its topics and records.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).build().start()) {
 *   String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final int NODE_ID = 1;
  private static final String CLUSTER_ID_FILE = "cluster.id";

  private final String host;
  private final Path dataDir;
  private final boolean deleteOnClose;
  private final Map<String, String> overrides;
  private int port;
  private String clusterId;
  private KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafkaBroker(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.overrides = new LinkedHashMap<>(builder.overrides);
    try {
      if (builder.dataDir == null) {
        this.dataDir = Files.createTempDirectory("massbalance-kafka-");
        this.deleteOnClose = true;
      } else {
        this.dataDir = Files.createDirectories(builder.dataDir.toAbsolutePath());
        this.deleteOnClose = false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the broker data directory", e);
    }
  }

  /** A builder with defaults: host 127.0.0.1, port 9092, a temporary data directory. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the data directory when needed and starts the broker; returns once it accepts
   * connections.
   *
   * @throws PortInUseException when the port is taken
   * @throws IllegalStateException when already running or closed
   */
  public synchronized EmbeddedKafkaBroker start() {
    if (closed) {
      throw new IllegalStateException("broker is closed");
    }
    if (server != null) {
      throw new IllegalStateException("broker is already running");
    }
    if (port == 0) {
      port = PortInUseException.freePort(host);
    } else {
      PortInUseException.checkFree("kafka", host, port);
    }
    int controllerPort = PortInUseException.freePort(host);
    Properties props = serverProperties(controllerPort);
    formatIfNeeded(props);
    KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    try {
      raftServer.startup();
    } catch (RuntimeException e) {
      try {
        raftServer.shutdown();
        raftServer.awaitShutdown();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    server = raftServer;
    return this;
  }

  /** Stops the broker, keeping its data directory and port for {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      KafkaRaftServer running = server;
      server = null;
      running.shutdown();
      running.awaitShutdown();
    }
  }

  /** Stops the broker if it runs, then starts it again on the same data directory and port. */
  public synchronized EmbeddedKafkaBroker restart() {
    stop();
    return start();
  }

  /** True while the broker runs. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** {@code host:port} for clients' {@code bootstrap.servers}. */
  public synchronized String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("broker not started yet");
    }
    return host + ":" + port;
  }

  /** The client port (the chosen one once started when built with port 0). */
  public synchronized int port() {
    return port;
  }

  /** The host the broker listens on. */
  public String host() {
    return host;
  }

  /** The data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The cluster id, stable across restarts on the same data directory; null before start. */
  public synchronized String clusterId() {
    return clusterId;
  }

  /** Stops the broker and deletes the data directory when it was a temporary one. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      stop();
    } finally {
      closed = true;
      if (deleteOnClose) {
        deleteRecursively(dataDir);
      }
    }
  }

  private Properties serverProperties(int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir().toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "10");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    p.put("delete.topic.enable", "true");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    overrides.forEach(p::put);
    return p;
  }

  private Path logDir() {
    return dataDir.resolve("kafka-logs");
  }

  private void formatIfNeeded(Properties props) {
    Path logDir = logDir();
    Path clusterIdFile = dataDir.resolve(CLUSTER_ID_FILE);
    try {
      Files.createDirectories(logDir);
      if (Files.exists(clusterIdFile)) {
        clusterId = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
      } else {
        clusterId = Uuid.randomUuid().toString();
        Files.writeString(clusterIdFile, clusterId + "\n", StandardCharsets.UTF_8);
      }
      if (Files.exists(logDir.resolve("meta.properties"))) {
        return;
      }
      Path configFile = dataDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(configFile)) {
        props.store(out, "embedded broker, written for formatting");
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int rc;
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        rc =
            StorageTool.execute(
                new String[] {
                  "format", "--config", configFile.toString(), "--cluster-id", clusterId
                },
                print);
      }
      if (rc != 0) {
        throw new IllegalStateException(
            "formatting " + logDir + " failed: " + output.toString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker data directory " + dataDir, e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // best effort: a temporary directory
                }
              });
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** Builder of {@link EmbeddedKafkaBroker}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 9092;
    private Path dataDir;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /** Client port; 0 picks a free one (kept across {@link EmbeddedKafkaBroker#restart()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** Host to listen on and advertise; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Data directory kept after close; null (default) means a temporary one deleted on close. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Any broker setting, applied over the single-node defaults. */
    public Builder config(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /** A broker, not yet started. */
    public EmbeddedKafkaBroker build() {
      return new EmbeddedKafkaBroker(this);
    }
  }
}
