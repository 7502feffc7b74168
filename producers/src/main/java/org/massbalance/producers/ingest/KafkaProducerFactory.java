package org.massbalance.producers.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.massbalance.serde.ConfluentAvroSerializer;
import org.massbalance.serde.SerdeConfig;

/**
 * Creates {@link KafkaProducer}s with string keys and {@link ConfluentAvroSerializer} values:
 * {@code acks=all}, idempotence on, a little lingering and larger batches. Extra client properties
 * (SASL, SSL, registry credentials, tuning) pass through and override the defaults, except that
 * acks and idempotence stay as they are.
 */
public final class KafkaProducerFactory implements ProducerFactory {

  private final Map<String, Object> configs;

  /**
   * A factory for a cluster and registry.
   *
   * @param bootstrap bootstrap servers (host:port, comma-separated)
   * @param registryUrl schema registry URL(s)
   * @param extra further client and registry properties
   */
  public KafkaProducerFactory(String bootstrap, String registryUrl, Map<String, ?> extra) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    c.put(ProducerConfig.CLIENT_ID_CONFIG, "massbalance-ingest");
    c.putAll(extra);
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    this.configs = Map.copyOf(c);
  }

  /** The producer configuration used. */
  public Map<String, Object> configs() {
    return configs;
  }

  @Override
  public <T extends SpecificRecord> Producer<String, T> create(Class<T> type) {
    ConfluentAvroSerializer<T> values = new ConfluentAvroSerializer<>(type);
    values.configure(configs, false);
    Map<String, Object> clientConfigs = new HashMap<>(configs);
    return new KafkaProducer<>(clientConfigs, new StringSerializer(), values);
  }
}
