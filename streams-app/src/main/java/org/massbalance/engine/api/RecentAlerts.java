package org.massbalance.engine.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.massbalance.avro.Alert;
import org.massbalance.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent alerts the API lists: the last {@link #KEEP} of the alert topic (an equal share of
 * each partition), read by this instance as any consumer reads them (read_committed, no consumer
 * group), from the moment it starts and then as they are committed. Every instance holds all of
 * them, so a request needs no other instance, and an alert is listed once its transaction is
 * committed, as consumers of the topic see it (ADR 21; until then it was a changelogged store each
 * movement's alerts were written to).
 */
public final class RecentAlerts implements AutoCloseable {

  /** Alerts kept, each partition of the alert topic keeping its share. */
  public static final int KEEP = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(RecentAlerts.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(5);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Deserializer<Alert> deserializer;
  private volatile AlertTail tail = new AlertTail(KEEP);
  private final Thread thread;
  private final Map<TopicPartition, Long> endAtStart = new HashMap<>();
  private volatile boolean caughtUp;
  private volatile boolean running = true;

  private RecentAlerts(
      Map<String, Object> kafkaSettings,
      String clientId,
      String topic,
      Deserializer<Alert> deserializer) {
    Map<String, Object> settings = new HashMap<>();
    kafkaSettings.forEach(
        (k, v) -> {
          if (ConsumerConfig.configNames().contains(k)) {
            settings.put(k, v);
          }
        });
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(settings);
    this.topic = topic;
    this.deserializer = deserializer;
    this.thread = new Thread(this::run, clientId);
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading the last alerts of {@code topic} with the Kafka settings given (consumer keys
   * only), decoding them with {@code deserializer}.
   */
  public static RecentAlerts start(
      Map<String, Object> kafkaSettings,
      String clientId,
      String topic,
      Deserializer<Alert> deserializer) {
    RecentAlerts r = new RecentAlerts(kafkaSettings, clientId, topic, deserializer);
    r.thread.start();
    return r;
  }

  /** The alerts {@code filter} accepts, newest first (detection time, then id), at most max. */
  public List<Alert> newest(Predicate<Alert> filter, int max) {
    return tail.newest(filter, max);
  }

  /** Per {@code site|product}, the WARNING and CRITICAL alerts held: {all, CRITICAL}. */
  public Map<String, long[]> warningCounts() {
    return tail.warningCounts();
  }

  /** True once this instance has read the topic up to where it ended when it started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  private void run() {
    boolean assigned = false;
    try {
      while (running) {
        try {
          if (!assigned) {
            seekToTheLastAlerts();
            assigned = true;
          }
          poll();
        } catch (WakeupException e) {
          return;
        } catch (RuntimeException e) {
          // the cluster away or slow (metadata, offsets): try again, the list stays as it is
          LOG.warn("Recent alerts: reading {} failed, retrying: {}", topic, e.toString());
          pause(ERROR_PAUSE);
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void seekToTheLastAlerts() {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    int share = Math.max(1, KEEP / Math.max(1, partitions.size()));
    tail = new AlertTail(share);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - share));
      endAtStart.put(tp, end.get(tp));
    }
    updateCaughtUp();
  }

  private void poll() {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
    boolean registryAway = false;
    for (TopicPartition tp : records.partitions()) {
      for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
        if (r.value() == null) {
          continue;
        }
        Alert alert;
        try {
          alert = deserializer.deserialize(topic, r.value());
        } catch (SchemaRegistryException e) {
          if (e.isRetriable()) {
            // the registry is away: read this record again after a pause
            consumer.seek(tp, r.offset());
            registryAway = true;
            break;
          }
          LOG.warn("Alert at {}@{} cannot be read: {}", tp, r.offset(), e.getMessage());
          continue;
        } catch (RuntimeException e) {
          LOG.warn("Alert at {}@{} cannot be read: {}", tp, r.offset(), e.getMessage());
          continue;
        }
        tail.add(tp.partition(), alert);
      }
    }
    if (!caughtUp) {
      updateCaughtUp();
    }
    if (registryAway) {
      pause(POLL);
    }
  }

  private void updateCaughtUp() {
    for (Map.Entry<TopicPartition, Long> e : endAtStart.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return;
      }
    }
    caughtUp = true;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
