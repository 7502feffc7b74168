package org.massbalance.producers.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.producers.ingest.IngestException;
import org.massbalance.serde.ConfluentAvroDeserializer;

/**
 * Reads the certificate topic from the beginning to its end offsets at the start of the read
 * (read_committed), keeping the latest record per key; a tombstone removes its key. A topic that
 * does not exist yet reads as empty.
 */
public final class KafkaCurrentCertificates implements CurrentCertificates {

  private static final Duration DEADLINE = Duration.ofMinutes(5);

  private final Map<String, Object> configs;

  /**
   * A reader with client configs: bootstrap servers, registry URL and any SASL/SSL settings.
   *
   * @param configs client and registry properties
   */
  public KafkaCurrentCertificates(Map<String, Object> configs) {
    this.configs = Map.copyOf(configs);
  }

  @Override
  public Map<String, SupplierCertificate> read(String topic) {
    Map<String, Object> c = new HashMap<>(configs);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "massbalance-ingest-integrity");
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    ConfluentAvroDeserializer<SupplierCertificate> values =
        new ConfluentAvroDeserializer<>(SupplierCertificate.class);
    values.configure(c, false);
    Map<String, SupplierCertificate> latest = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        return latest;
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(DEADLINE);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IngestException(
              "reading topic " + topic + " did not reach its end within " + DEADLINE, null);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() == null) {
            continue;
          }
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), values.deserialize(topic, r.value()));
          }
        }
      }
    } catch (IngestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IngestException(
          "cannot read the certificates on topic " + topic + ": " + e.getMessage(), e);
    }
    return latest;
  }
}
