package org.massbalance.engine.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic to the end offsets found at the start (read_committed), keys as text and values as
 * the bytes they are, so that a reader can leave out by key what it does not want before paying for
 * the decoding. Large fetches: the audit reads whole topics.
 */
final class TopicReader {

  /** What a record is given to. */
  @FunctionalInterface
  interface Sink {
    /** A record: its key, its value bytes (null for a tombstone). */
    void record(String key, byte[] value);
  }

  private static final Duration DEADLINE = Duration.ofMinutes(10);

  private TopicReader() {}

  /**
   * Reads {@code topic} from the records stamped at or after {@code fromTimestampMs} (null: from
   * the beginning) to its end, in partition order.
   *
   * @throws IllegalStateException when the topic does not exist or cannot be read in time
   */
  static void read(
      Map<String, Object> clientSettings, String topic, Long fromTimestampMs, Sink sink) {
    Properties p = new Properties();
    p.putAll(clientSettings);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "massbalance-audit-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
    p.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
    p.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(1 << 20));
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic '" + topic + "' does not exist");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      if (fromTimestampMs == null) {
        consumer.seekToBeginning(partitions);
      } else {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(tp -> times.put(tp, fromTimestampMs));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        for (TopicPartition tp : partitions) {
          OffsetAndTimestamp o = found.get(tp);
          consumer.seek(tp, o == null ? end.get(tp) : o.offset());
        }
      }
      Instant deadline = Instant.now().plus(DEADLINE);
      while (!caughtUp(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "could not read '" + topic + "' to its end in " + DEADLINE);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          sink.record(r.key(), r.value());
        }
      }
    }
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
