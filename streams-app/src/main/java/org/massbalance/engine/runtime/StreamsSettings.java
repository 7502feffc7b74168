package org.massbalance.engine.runtime;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.stores.BytesStoreLayer;

/**
 * The Kafka Streams settings the engine runs with: the user's settings passed through, and what the
 * engine's guarantees need fixed: exactly_once_v2, a stable application id, and error handlers that
 * never drop a record silently (ADR 10): a record that cannot be read stops the engine on an
 * internal topic and is rejected on any other ({@link InputErrorHandler}); an output that cannot be
 * written is replaced by a rejected record saying so ({@link OutputErrorHandler}). RocksDB memory
 * is bounded by {@link BoundedRocksDbMemory} unless the user sets their own config setter. Without
 * transactional state stores (Kafka's default, and the engine's) nothing is ever uncommitted in a
 * store, so the early commit on uncommitted bytes is switched off rather than polled after every
 * batch (ADR 22); a user who turns transactional stores on keeps Kafka's limit or sets their own.
 */
final class StreamsSettings {

  /**
   * The producer's own limit. Outputs are bounded by {@code output.max.bytes} before they reach the
   * producer (ADR 10); this only needs to be larger.
   */
  static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  private StreamsSettings() {}

  /**
   * The settings, with the error handlers that need the topology's topics and the engine's meters:
   * outputs that cannot be written go to the rejected topic ({@link OutputErrorHandler}), and
   * records that cannot be read stop the engine on internal topics and are rejected on others
   * ({@link InputErrorHandler}).
   */
  static Properties of(
      EngineConfig config, String applicationServer, Topics topics, EngineMetrics metrics) {
    Properties p = of(config, applicationServer);
    Map<String, Object> handler =
        OutputErrorHandler.settings(
            topics.rejected().name(), topics.rejected().valueSerde().serializer(), metrics);
    for (Map.Entry<String, Object> e : handler.entrySet()) {
      p.putIfAbsent(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Object> e :
        InputErrorHandler.settings(topics.transfers().name()).entrySet()) {
      p.putIfAbsent(e.getKey(), e.getValue());
    }
    return p;
  }

  static Properties of(EngineConfig config, String applicationServer) {
    Properties p = new Properties();
    for (Map.Entry<String, Object> e : config.kafkaSettings().entrySet()) {
      if (e.getValue() != null) {
        p.put(e.getKey(), e.getValue());
      }
    }
    p.put(
        StreamsConfig.APPLICATION_ID_CONFIG, config.getString(EngineConfig.APPLICATION_ID_CONFIG));
    p.put(
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
        config.getString(EngineConfig.BOOTSTRAP_SERVERS_CONFIG));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.putIfAbsent(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
    if (!p.containsKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)) {
      p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
      p.put(
          BoundedRocksDbMemory.MEMORY_BYTES_CONFIG,
          config.getLong(EngineConfig.ROCKSDB_MEMORY_CONFIG) * 1024 * 1024);
    }
    if (!BytesStoreLayer.transactionalStores(p)) {
      p.putIfAbsent(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, -1L);
    }
    short rf = config.getShort(EngineConfig.REPLICATION_FACTOR_CONFIG);
    if (rf > 0) {
      p.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) rf);
    }
    if (applicationServer != null) {
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    return p;
  }
}
