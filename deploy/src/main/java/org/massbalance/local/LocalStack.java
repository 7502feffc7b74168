package org.massbalance.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local stack: an {@link EmbeddedKafkaBroker}, a {@link LocalSchemaRegistry} on it and the
 * contract's topics ({@link TopicBootstrap}), started together and closed in reverse order.
 *
 * <p>Everything lives under one data directory: {@code kafka/} for the broker, and room for others
 * (the engine's state, see {@link #dataDir()}). Without a data directory a temporary one is used
 * and deleted on close.
 *
 * <p>With {@link Builder#externalKafka(String)} no broker is started: the registry and the topics
 * go to that cluster, with the {@link Builder#replicationFactor(short) replication factor} given.
 */
public final class LocalStack implements AutoCloseable {

  private final String host;
  private final int kafkaPort;
  private final int registryPort;
  private final int partitions;
  private final String externalKafka;
  private final short replicationFactor;
  private final Path dataDir;
  private final boolean deleteOnClose;
  private final boolean secure;
  private LocalSecurity security;
  private Path clientConfig;
  private EmbeddedKafkaBroker broker;
  private LocalSchemaRegistry registry;
  private boolean closed;

  private LocalStack(Builder b) {
    this.host = b.host;
    this.kafkaPort = b.kafkaPort;
    this.registryPort = b.registryPort;
    this.partitions = b.partitions;
    this.externalKafka = b.externalKafka;
    this.replicationFactor = b.replicationFactor;
    this.secure = b.secure;
    try {
      if (b.dataDir == null) {
        this.dataDir = Files.createTempDirectory("massbalance-local-");
        this.deleteOnClose = true;
      } else {
        this.dataDir = Files.createDirectories(b.dataDir.toAbsolutePath());
        this.deleteOnClose = false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory", e);
    }
  }

  /** A builder with defaults: 127.0.0.1, Kafka 9092, registry 8081, 4 partitions, temp dir. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts broker, registry and topics; on failure closes what had started and rethrows.
   *
   * @throws PortInUseException when a port is taken
   */
  public synchronized LocalStack start() {
    if (closed || broker != null || registry != null) {
      throw new IllegalStateException("local stack already started or closed");
    }
    try {
      Map<String, Object> kafkaClient = Map.of();
      if (secure) {
        if (externalKafka != null) {
          throw new IllegalStateException("a secured local stack runs its own broker");
        }
        if (Files.exists(dataDir.resolve("kafka").resolve("kafka-logs").resolve("meta.properties"))
            && !Files.exists(dataDir.resolve("security"))) {
          throw new IllegalStateException(
              "the data directory "
                  + dataDir
                  + " was made without --secure: its broker has no SCRAM users; give --secure"
                  + " another --data-dir");
        }
        security = LocalSecurity.prepare(dataDir);
        kafkaClient = security.kafkaClientSettings();
      }
      String bootstrap = externalKafka;
      if (bootstrap == null) {
        EmbeddedKafkaBroker.Builder b =
            EmbeddedKafkaBroker.builder()
                .host(host)
                .port(kafkaPort)
                .dataDir(dataDir.resolve("kafka"));
        if (secure) {
          b.securityProtocol("SASL_SSL");
          security.scramCredentials().forEach(b::scramCredential);
          security.brokerSettings().forEach(b::config);
        }
        broker = b.build().start();
        bootstrap = broker.bootstrapServers();
      }
      LocalSchemaRegistry.Builder r =
          LocalSchemaRegistry.builder()
              .bootstrapServers(bootstrap)
              .host(host)
              .port(registryPort)
              .replicationFactor(replicationFactor)
              .clientSettings(kafkaClient);
      if (secure) {
        r.tls(security.keyStore(), security.storePassword()).basicAuth(security.registryUserInfo());
      }
      registry = r.build().start();
      new TopicBootstrap(bootstrap, partitions, replicationFactor)
          .withClientSettings(kafkaClient)
          .createTopics();
      if (secure) {
        clientConfig = security.writeClientFiles(dataDir);
      }
      return this;
    } catch (RuntimeException e) {
      try {
        close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** {@code host:port} of the broker (or the external cluster's bootstrap servers). */
  public synchronized String bootstrapServers() {
    return externalKafka != null ? externalKafka : broker().bootstrapServers();
  }

  /** Base URL of the schema registry. */
  public String registryUrl() {
    return registry().url();
  }

  /** The broker (for bouncing it in tests). */
  public synchronized EmbeddedKafkaBroker broker() {
    if (externalKafka != null) {
      throw new IllegalStateException(
          "the stack runs on an external cluster: no broker of its own");
    }
    if (broker == null) {
      throw new IllegalStateException("local stack not started");
    }
    return broker;
  }

  /** The schema registry. */
  public synchronized LocalSchemaRegistry registry() {
    if (registry == null) {
      throw new IllegalStateException("local stack not started");
    }
    return registry;
  }

  /** The secured stack's certificates, credentials and tokens; null when not secured. */
  public LocalSecurity security() {
    return security;
  }

  /** The client settings file a secured stack wrote ({@code client.properties}); else null. */
  public Path clientConfig() {
    return clientConfig;
  }

  /**
   * The settings a client of this stack needs besides {@code bootstrap.servers} and {@code
   * schema.registry.url}: none on a plain stack; SASL_SSL, the registry's TLS and basic auth and
   * the API's trust store on a secured one.
   */
  public Map<String, Object> clientSettings() {
    return security == null ? Map.of() : security.clientSettings();
  }

  /** The data directory everything lives under. */
  public Path dataDir() {
    return dataDir;
  }

  /** Closes registry, then broker; deletes the data directory when it was a temporary one. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    if (registry != null) {
      try {
        registry.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (broker != null) {
      try {
        broker.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (deleteOnClose) {
      EmbeddedKafkaBroker.deleteRecursively(dataDir);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Builder of {@link LocalStack}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int kafkaPort = 9092;
    private int registryPort = 8081;
    private int partitions = TopicBootstrap.DEFAULT_PARTITIONS;
    private String externalKafka;
    private short replicationFactor = 1;
    private Path dataDir;
    private boolean secure;

    private Builder() {}

    /**
     * A secured stack: the broker's listener SASL_SSL (SCRAM-SHA-512), the registry on HTTPS with
     * basic auth, certificates of an authority made here; see {@link LocalSecurity}.
     */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    /**
     * Runs on this cluster ({@code bootstrap.servers}) instead of starting a broker; null
     * (default): an {@link EmbeddedKafkaBroker} of its own.
     */
    public Builder externalKafka(String bootstrapServers) {
      this.externalKafka = bootstrapServers;
      return this;
    }

    /** Replication factor of the topics created (contract topics, registry state); default 1. */
    public Builder replicationFactor(short replicationFactor) {
      if (replicationFactor < 1) {
        throw new IllegalArgumentException("replication factor must be at least 1");
      }
      this.replicationFactor = replicationFactor;
      return this;
    }

    /** Host everything listens on; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Kafka client port; 0 picks a free one. */
    public Builder kafkaPort(int port) {
      this.kafkaPort = port;
      return this;
    }

    /** Schema registry port; 0 picks a free one. */
    public Builder registryPort(int port) {
      this.registryPort = port;
      return this;
    }

    /** Partitions of each contract topic created. */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /** Data directory kept across restarts; null (default) means a temporary one. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** A stack, not yet started. */
    public LocalStack build() {
      return new LocalStack(this);
    }
  }
}
