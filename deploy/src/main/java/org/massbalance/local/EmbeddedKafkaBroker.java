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
 * A Kafka broker and KRaft controller (combined mode) running in this JVM: by default a single-node
 * cluster, or one node of a static multi-node quorum.
 *
 * <p>By default configured for one node: replication factor 1 and min ISR 1 for every internal
 * topic (offsets, transactions, share-group state), so exactly-once producers and Kafka Streams
 * work against it. The data directory is formatted only when it holds no {@code meta.properties};
 * its cluster id is kept with the data, so a broker started again on the same directory keeps its
 * topics and records.
 *
 * <p>One node of a quorum: give it its {@link Builder#nodeId(int) node id}, a fixed {@link
 * Builder#controllerPort(int) controller port}, the {@link Builder#quorumVoters(String) voters}
 * ({@code id@host:controllerPort,...}, the same on every node), one {@link
 * Builder#clusterId(String) cluster id} formatted on every node, and the {@link
 * Builder#replication(int, int) replication} of the internal topics and the default for new ones.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).build().start()) {
 *   String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final String CLUSTER_ID_FILE = "cluster.id";

  private final String host;
  private final Path dataDir;
  private final boolean deleteOnClose;
  private final Map<String, String> overrides;
  private final int nodeId;
  private final int fixedControllerPort;
  private final String quorumVoters;
  private final String fixedClusterId;
  private final int replicationFactor;
  private final int minInSyncReplicas;
  private final String listener;
  private final java.util.List<String> scramCredentials;
  private int port;
  private int controllerPort;
  private String clusterId;
  private KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafkaBroker(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.overrides = new LinkedHashMap<>(builder.overrides);
    this.nodeId = builder.nodeId;
    this.fixedControllerPort = builder.controllerPort;
    this.quorumVoters = builder.quorumVoters;
    this.fixedClusterId = builder.clusterId;
    this.replicationFactor = builder.replicationFactor;
    this.minInSyncReplicas = builder.minInSyncReplicas;
    this.listener = builder.listener;
    this.scramCredentials = java.util.List.copyOf(builder.scramCredentials);
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
    if (port == 0 && fixedControllerPort == 0) {
      // Both at once: two probes one after the other can be given the same port.
      int[] free = PortInUseException.freePorts(host, 2);
      port = free[0];
      controllerPort = free[1];
    } else {
      if (port == 0) {
        port = PortInUseException.freePort(host);
      } else {
        PortInUseException.checkFree("kafka", host, port);
      }
      if (fixedControllerPort == 0) {
        do {
          controllerPort = PortInUseException.freePort(host);
        } while (controllerPort == port);
      }
    }
    if (fixedControllerPort != 0) {
      controllerPort = fixedControllerPort;
      PortInUseException.checkFree("kafka controller", host, controllerPort);
    }
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

  /** The node id ({@code 1} for a single node). */
  public int nodeId() {
    return nodeId;
  }

  /** The KRaft controller port (0 before the first start when built with port 0). */
  public synchronized int controllerPort() {
    return controllerPort;
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
    p.put("node.id", String.valueOf(nodeId));
    p.put(
        "controller.quorum.voters",
        quorumVoters != null ? quorumVoters : nodeId + "@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        listener + "://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", listener + "://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", listener);
    p.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir().toString());
    p.put("num.partitions", "1");
    String rf = String.valueOf(replicationFactor);
    String minIsr = String.valueOf(minInSyncReplicas);
    p.put("default.replication.factor", rf);
    p.put("min.insync.replicas", minIsr);
    p.put("offsets.topic.replication.factor", rf);
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", rf);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("transaction.state.log.num.partitions", "10");
    p.put("share.coordinator.state.topic.replication.factor", rf);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
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
        if (fixedClusterId != null && !fixedClusterId.equals(clusterId)) {
          throw new IllegalStateException(
              dataDir + " belongs to cluster " + clusterId + ", not " + fixedClusterId);
        }
      } else {
        clusterId = fixedClusterId != null ? fixedClusterId : Uuid.randomUuid().toString();
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
      java.util.List<String> args =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "format", "--config", configFile.toString(), "--cluster-id", clusterId));
      for (String scram : scramCredentials) {
        args.add("--add-scram");
        args.add(scram);
      }
      int rc;
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        rc = StorageTool.execute(args.toArray(String[]::new), print);
      }
      // The file holds the broker's passwords: only its owner reads it.
      LocalFiles.ownerOnly(configFile);
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
    private int nodeId = 1;
    private int controllerPort;
    private String quorumVoters;
    private String clusterId;
    private int replicationFactor = 1;
    private int minInSyncReplicas = 1;
    private String listener = "PLAINTEXT";
    private final java.util.List<String> scramCredentials = new java.util.ArrayList<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /** This node's {@code node.id}; default 1. */
    public Builder nodeId(int nodeId) {
      if (nodeId < 0) {
        throw new IllegalArgumentException("node id must not be negative: " + nodeId);
      }
      this.nodeId = nodeId;
      return this;
    }

    /** KRaft controller port; 0 (default) picks a free one at each start. */
    public Builder controllerPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.controllerPort = port;
      return this;
    }

    /**
     * {@code controller.quorum.voters} of a multi-node quorum, {@code id@host:port,...} with this
     * node among them (its controller port fixed); null (default): this node alone.
     */
    public Builder quorumVoters(String voters) {
      this.quorumVoters = voters;
      return this;
    }

    /**
     * The cluster id to format the data directory with, the same on every node of a quorum; null
     * (default): a random one, kept with the data.
     */
    public Builder clusterId(String clusterId) {
      this.clusterId = clusterId;
      return this;
    }

    /**
     * Replication factor of the offsets, transaction state and share-group state topics and of new
     * topics by default, and their (and every topic's default) min ISR; default 1 and 1.
     */
    public Builder replication(int replicationFactor, int minInSyncReplicas) {
      if (replicationFactor < 1 || minInSyncReplicas < 1 || minInSyncReplicas > replicationFactor) {
        throw new IllegalArgumentException(
            "need 1 <= min ISR <= replication factor: "
                + minInSyncReplicas
                + ", "
                + replicationFactor);
      }
      this.replicationFactor = replicationFactor;
      this.minInSyncReplicas = minInSyncReplicas;
      return this;
    }

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

    /**
     * The security protocol of the client listener, also the inter-broker one ({@code PLAINTEXT} by
     * default, or {@code SSL}, {@code SASL_PLAINTEXT}, {@code SASL_SSL}); its {@code ssl.*} and
     * {@code sasl.*} settings go in with {@link #config}. The controller listener stays PLAINTEXT
     * on the broker's host.
     */
    public Builder securityProtocol(String protocol) {
      this.listener = protocol;
      return this;
    }

    /**
     * A SCRAM user written into the cluster metadata when the data directory is formatted (KRaft:
     * {@code kafka-storage format --add-scram}), e.g. {@code SCRAM-SHA-512=[name=u,password=p]}.
     */
    public Builder scramCredential(String credential) {
      this.scramCredentials.add(credential);
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
