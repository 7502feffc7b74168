package org.massbalance.engine.runtime;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.massbalance.engine.api.ApiServer;
import org.massbalance.engine.api.Readiness;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.RegistryUnavailableException;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.engine.topology.MassBalanceTopology;
import org.massbalance.engine.topology.TopologySettings;
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
   *
   * @throws StartupException when the configuration or the cluster does not allow a start
   */
  public static EngineRunner start(Properties settings) {
    AvroLimits.apply();
    EngineConfig config;
    try {
      config = new EngineConfig(settings);
    } catch (ConfigException e) {
      throw new StartupException("invalid configuration: " + e.getMessage(), e);
    }
    int partitions;
    try (Admin admin = Admin.create(adminSettings(config))) {
      partitions = TopicCheck.ensure(admin, config);
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

    LagWatcher lag = new LagWatcher();
    TopologySettings topologySettings = TopologySettings.from(config, metrics, lag);
    Topology topology = MassBalanceTopology.build(topologySettings);
    LOG.debug("Topology:\n{}", topology.describe());

    AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
    Readiness readiness = new Readiness();
    String host = config.getString(EngineConfig.API_HOST_CONFIG);
    org.apache.kafka.common.config.types.Password token =
        config.getPassword(EngineConfig.API_TOKEN_CONFIG);
    ApiServer api =
        ApiServer.start(
            host,
            config.getInt(EngineConfig.API_PORT_CONFIG),
            readiness,
            registry,
            token == null ? null : token.value());
    String advertised = "0.0.0.0".equals(host) ? "localhost" : host;
    String apiUrl = "http://" + advertised + ":" + api.port();

    KafkaStreams streams =
        new KafkaStreams(
            topology,
            StreamsSettings.of(
                config, advertised + ":" + api.port(), topologySettings.topics(), metrics));
    new KafkaStreamsMetrics(streams).bindTo(registry);
    LedgerQueries queries = new LedgerQueries(streams, topologySettings.topics());
    api.serve(streams, queries, new HostInfo(advertised, api.port()));
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

  private static Map<String, Object> adminSettings(EngineConfig config) {
    Map<String, Object> s = new java.util.HashMap<>(config.kafkaSettings());
    s.put("bootstrap.servers", config.getString(EngineConfig.BOOTSTRAP_SERVERS_CONFIG));
    s.keySet()
        .removeIf(
            k -> k.startsWith("topic.") || k.startsWith("api.") || k.startsWith("schema.registry"));
    return s;
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
      stopped.countDown();
    }
  }
}
