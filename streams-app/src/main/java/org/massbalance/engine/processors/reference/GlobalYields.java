package org.massbalance.engine.processors.reference;

import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.Yield;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.YieldBand;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yield bands from the yields global store (the topic's records as written), decoded at each
 * look-up: a transformation asks once per input and MAIN output, far less often than a movement
 * asks for its site. A record that cannot be read names no band (logged and counted); one that
 * cannot be read because the registry is away fails with {@link RegistryUnavailableException}.
 */
public final class GlobalYields {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalYields.class);

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final Deserializer<Yield> deserializer;
  private final String topic;
  private final EngineMetrics metrics;

  /** Look-ups over {@code store}, decoding with the yields topic's deserializer. */
  public GlobalYields(
      ReadOnlyKeyValueStore<String, byte[]> store,
      Deserializer<Yield> deserializer,
      String topic,
      EngineMetrics metrics) {
    this.store = store;
    this.deserializer = deserializer;
    this.topic = topic;
    this.metrics = metrics;
  }

  /** The band of MAIN output {@code output} from input {@code input}, if a record names one. */
  public Optional<YieldBand> band(String input, String output) {
    String key = Keys.yield(input, output);
    byte[] raw = store.get(key);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return YieldBand.of(deserializer.deserialize(topic, raw));
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw new RegistryUnavailableException(e);
      }
      return unreadable(key, e);
    } catch (RuntimeException e) {
      return unreadable(key, e);
    }
  }

  private Optional<YieldBand> unreadable(String key, RuntimeException e) {
    LOG.warn("Yield record '{}' of {} cannot be read, no band: {}", key, topic, e.getMessage());
    if (metrics != null) {
      metrics.referenceUnreadable(topic);
    }
    return Optional.empty();
  }
}
