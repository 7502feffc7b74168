package org.massbalance.engine.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.massbalance.engine.api.ApiServer;
import org.massbalance.engine.api.Readiness;
import org.massbalance.engine.api.RecentAlerts;
import org.massbalance.engine.api.TopicWriter;
import org.massbalance.engine.api.Writers;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.config.SettingKeys;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.config.TopologySettings;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.engine.topology.MassBalanceTopology;
import org.massbalance.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running engine: configuration, then the topology, then the Kafka Streams lifecycle and the HTTP
 * server. The application id is stable and local state is never wiped on a normal start.
 */
public final class EngineRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineRunner.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final ApiServer api;
  private volatile Writers writers;
  private volatile RecentAlerts recentAlerts;
  private final String apiUrl;
  private final AtomicReference<KafkaStreams.State> state;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final EngineMetrics metrics;
  private final LedgerQueries queries;
  private LagWatcher lag;

  private EngineRunner(
      KafkaStreams streams,
      ApiServer api,
      String apiUrl,
      AtomicReference<KafkaStreams.State> state,
      EngineMetrics metrics,
      LedgerQueries queries) {
    this.queries = queries;
    this.streams = streams;
    this.api = api;
    this.apiUrl = apiUrl;
    this.state = state;
    this.metrics = metrics;
  }

  /**
   * Starts the engine with the given settings (engine keys and Kafka client settings alike: {@code
   * bootstrap.servers}, {@code schema.registry.url}, {@code api.port}, {@code state.dir}, ...).
   * Unknown keys are named in one warning.
   *
   * @throws StartupException when the configuration or the cluster does not allow a start
   */
  public static EngineRunner start(Properties settings) {
    return start(settings, false, Clock.systemUTC());
  }

  /**
   * Starts the engine with the given settings; when {@code strict}, a key neither the engine nor
   * Kafka nor the registry client defines is an error rather than a warning.
   *
   * @throws StartupException when the configuration or the cluster does not allow a start
   */
  public static EngineRunner start(Properties settings, boolean strict) {
    return start(settings, strict, Clock.systemUTC());
  }

  /**
   * Starts the engine as {@link #start(Properties)} does, with {@code wallClock} as the engine's
   * wall clock: what the contract decides "by the wall clock" (the idle close, the 24 h look-ahead,
   * the de-duplication horizon, certificate warnings, {@code detected_at}) reads it. Production
   * uses the system clock; tests and replays pin it so their outcome does not depend on the day.
   *
   * @throws StartupException when the configuration or the cluster does not allow a start
   */
  public static EngineRunner start(Properties settings, Clock wallClock) {
    return start(settings, false, wallClock);
  }

  /**
   * Starts the engine: {@code strict} refuses unknown keys, {@code wallClock} is the engine's wall
   * clock (see {@link #start(Properties, Clock)}).
   *
   * @throws StartupException when the configuration or the cluster does not allow a start
   */
  public static EngineRunner start(Properties settings, boolean strict, Clock wallClock) {
    AvroLimits.apply();
    FormatLocale.apply();
    EngineConfig config = configure(settings, strict, LOG::warn);
    // Refused before anything starts: an open API on a reachable address, weak tokens, bad stores.
    ApiServer.Settings apiSettings =
        ApiSecurity.settings(config, config.getInt(EngineConfig.API_PORT_CONFIG));
    int partitions;
    try (Admin admin = Admin.create(adminSettings(config))) {
      partitions = TopicCheck.ensure(admin, config);
    } catch (KafkaException e) {
      throw new StartupException(
          "cannot talk to Kafka: "
              + e.getMessage()
              + " (check bootstrap.servers and the security settings)",
          e);
    }
    Properties withPartitions = new Properties();
    withPartitions.putAll(settings);
    withPartitions.put(EngineConfig.MOVEMENTS_PARTITIONS_CONFIG, String.valueOf(partitions));
    config = new EngineConfig(withPartitions);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    EngineMetrics metrics = new EngineMetrics(registry);
    Gauge.builder("massbalance.rocksdb.memory.used", BoundedRocksDbMemory::usedBytes)
        .baseUnit("bytes")
        .description("RocksDB memory in use in the shared budget (rocksdb.memory.mb)")
        .register(registry);

    LagWatcher lag = new LagWatcher();
    TopologySettings topologySettings = TopologySettings.from(config, metrics, lag);
    Topology topology = MassBalanceTopology.build(topologySettings);
    LOG.debug("Topology:\n{}", topology.describe());

    AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
    Readiness readiness = new Readiness();
    String host = config.getString(EngineConfig.API_HOST_CONFIG);
    ApiServer api = ApiServer.start(apiSettings, readiness, registry);
    String advertised =
        AdvertisedHost.resolve(
            config.getString(EngineConfig.API_ADVERTISED_HOST_CONFIG),
            host,
            EngineRunner::canonicalHostName);
    AdvertisedHost.loopbackWarning(
            config.getString(EngineConfig.API_ADVERTISED_HOST_CONFIG), advertised)
        .ifPresent(LOG::warn);
    String apiUrl = api.scheme() + "://" + advertised + ":" + api.port();

    KafkaStreams streams;
    try {
      streams =
          new KafkaStreams(
              topology,
              StreamsSettings.of(
                  config, advertised + ":" + api.port(), topologySettings.topics(), metrics),
              new WallClockTime(wallClock));
    } catch (KafkaException e) {
      api.close();
      throw new StartupException(
          "Kafka Streams cannot start: "
              + e.getMessage()
              + " (check state.dir and the Kafka Streams settings)",
          e);
    }
    new KafkaStreamsMetrics(streams).bindTo(registry);
    Topics topics = topologySettings.topics();
    // the queries decode sites and products as the processors do (a decoder per look-up)
    LedgerQueries queries =
        new LedgerQueries(
            streams,
            topics,
            (sites, products) -> ReferenceDecoders.of(topics).reference(sites, products));
    Writers writers =
        new Writers(
            new TopicWriter<>(
                config.kafkaSettings(),
                topics.investigations().name(),
                topics.investigationSerde().serializer()),
            new TopicWriter<>(
                config.kafkaSettings(),
                topics.signoffs().name(),
                topics.signOffSerde().serializer()));
    RecentAlerts recentAlerts =
        RecentAlerts.start(
            config.kafkaSettings(),
            config.getString(EngineConfig.APPLICATION_ID_CONFIG) + "-recent-alerts",
            topologySettings.topics().alerts().name(),
            topologySettings.topics().alerts().valueSerde().deserializer());
    String resolverBase = config.getString(EngineConfig.LABELS_RESOLVER_BASE_CONFIG).strip();
    api.resolverBase(resolverBase.isEmpty() ? apiUrl : resolverBase);
    api.serve(
        streams,
        queries,
        new HostInfo(advertised, api.port()),
        topologySettings.investigationRules(),
        writers,
        recentAlerts,
        wallClock);
    EngineRunner runner = new EngineRunner(streams, api, apiUrl, state, metrics, queries);
    streams.setStateListener(
        (now, before) -> {
          state.set(now);
          readiness.changed(now);
          LOG.info("Kafka Streams {} -> {}", before, now);
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            runner.stopped.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(EngineRunner::onStreamThreadFailure);
    streams.start();
    lag.watch(streams);
    runner.lag = lag;
    runner.writers = writers;
    runner.recentAlerts = recentAlerts;
    return runner;
  }

  /**
   * A stream thread failed. An unreachable registry is transient, whether it failed decoding an
   * input record or registering an output's schema (the first record written to a topic): the
   * thread is replaced and the task resumes from its last commit. Anything else is a bug or a
   * broken cluster: the client shuts down rather than spin, and the process exits non-zero for its
   * supervisor to restart it.
   */
  private static StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
      onStreamThreadFailure(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof RegistryUnavailableException) {
        LOG.error("{}; replacing the stream thread", c.getMessage());
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
      }
      if (c instanceof SchemaRegistryException r && r.isRetriable()) {
        LOG.error(
            "schema registry unavailable, will retry: {}; replacing the stream thread",
            r.getMessage());
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
      }
    }
    LOG.error("Stream thread failed; shutting the engine down", e);
    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /**
   * The validated configuration: unknown keys are named in one warning to {@code warn} (an error
   * when {@code strict}), and invalid values of the engine's or Kafka Streams' keys stop the start.
   */
  static EngineConfig configure(
      Properties settings, boolean strict, java.util.function.Consumer<String> warn) {
    List<SettingKeys.UnknownSetting> unknown = SettingKeys.unknown(settings);
    if (!unknown.isEmpty()) {
      String them = unknown.size() == 1 ? "it" : "them";
      String named =
          (unknown.size() == 1 ? "unknown setting " : "unknown settings ")
              + unknown.stream().map(Object::toString).collect(Collectors.joining(", "));
      if (strict) {
        throw new StartupException(
            named
                + "; correct or remove "
                + them
                + " (strict mode refuses to start with unknown settings)");
      }
      warn.accept(
          named
              + fate(unknown)
              + "; check the spelling (run --strict refuses to start with unknown settings)");
    }
    EngineConfig config;
    try {
      config = new EngineConfig(settings);
      StreamsConfig.configDef().parse(StreamsSettings.of(config, null));
    } catch (ConfigException e) {
      throw new StartupException(
          "invalid configuration: " + e.getMessage() + "; correct it and start again", e);
    }
    return config;
  }

  /** What becomes of unknown settings: Kafka gets them, except in the engine's namespaces. */
  private static String fate(List<SettingKeys.UnknownSetting> unknown) {
    List<String> ignored =
        unknown.stream()
            .filter(u -> !u.passedThrough())
            .map(SettingKeys.UnknownSetting::key)
            .toList();
    if (ignored.isEmpty()) {
      return "; Kafka gets " + (unknown.size() == 1 ? "it" : "them") + " as given";
    }
    if (ignored.size() == unknown.size()) {
      return "; " + (unknown.size() == 1 ? "it is" : "they are") + " ignored";
    }
    return "; Kafka gets them as given, except " + String.join(", ", ignored) + " (ignored)";
  }

  /**
   * The admin client's settings, as Kafka Streams gives its own: the admin keys given, then those
   * prefixed {@code admin.} over them.
   */
  public static Map<String, Object> adminSettings(EngineConfig config) {
    Map<String, Object> given = config.kafkaSettings();
    Map<String, Object> admin = new java.util.HashMap<>();
    given.forEach(
        (k, v) -> {
          if (AdminClientConfig.configNames().contains(k)) {
            admin.put(k, v);
          }
        });
    given.forEach(
        (k, v) -> {
          if (k.startsWith(StreamsConfig.ADMIN_CLIENT_PREFIX)) {
            admin.put(k.substring(StreamsConfig.ADMIN_CLIENT_PREFIX.length()), v);
          }
        });
    admin.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        config.getString(EngineConfig.BOOTSTRAP_SERVERS_CONFIG));
    admin.put(
        AdminClientConfig.CLIENT_ID_CONFIG,
        config.getString(EngineConfig.APPLICATION_ID_CONFIG) + "-topic-check");
    return admin;
  }

  private static String canonicalHostName() {
    try {
      return java.net.InetAddress.getLocalHost().getCanonicalHostName();
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /** Base URL of the HTTP API, e.g. {@code http://localhost:8080}. */
  public String apiUrl() {
    return apiUrl;
  }

  /** True once the Kafka Streams application is RUNNING. */
  public boolean isRunning() {
    return state.get() == KafkaStreams.State.RUNNING;
  }

  /** The Kafka Streams state. */
  public KafkaStreams.State state() {
    return state.get();
  }

  /** The engine's domain meters. */
  public EngineMetrics metrics() {
    return metrics;
  }

  /** Queries over this instance's ledger. */
  public LedgerQueries queries() {
    return queries;
  }

  /** The Kafka Streams instance (interactive queries). */
  public KafkaStreams streams() {
    return streams;
  }

  /** Blocks until the engine has stopped. */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    try {
      // Leave the group: a restarted engine then rebalances at once instead of waiting for the
      // old member's session to expire (45 s by default).
      streams.close(
          CloseOptions.timeout(CLOSE_TIMEOUT)
              .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    } finally {
      if (lag != null) {
        lag.close();
      }
      api.close();
      if (recentAlerts != null) {
        recentAlerts.close();
      }
      if (writers != null) {
        writers.close();
      }
      stopped.countDown();
    }
  }
}
