package org.massbalance.engine.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.massbalance.avro.ReservationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers the API waits for after writing a reservation: this instance reads {@code
 * sale-reservation-results} as any consumer does (read_committed, no consumer group), from where it
 * ended when the instance started, and completes the waits registered for each reservation id. An
 * answer is seen once its transaction is committed, as consumers of the topic see it.
 */
public final class ReservationResults implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReservationResults.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final Deserializer<ReservationResult> deserializer;
  private final Map<String, CompletableFuture<ReservationResult>> waiting =
      new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  private ReservationResults(
      Map<String, Object> kafkaSettings,
      String clientId,
      String topic,
      Deserializer<ReservationResult> deserializer) {
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
    this.consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.deserializer = deserializer;
    this.thread = new Thread(this::run, clientId);
    this.thread.setDaemon(true);
  }

  /** Starts reading {@code topic}'s new answers with the Kafka settings given (consumer keys). */
  public static ReservationResults start(
      Map<String, Object> kafkaSettings,
      String clientId,
      String topic,
      Deserializer<ReservationResult> deserializer) {
    ReservationResults r = new ReservationResults(kafkaSettings, clientId, topic, deserializer);
    r.thread.start();
    return r;
  }

  /**
   * Registers a wait for the answer to {@code reservationId}; call before writing the request, so
   * that an answer read before {@link #await} is kept.
   */
  CompletableFuture<ReservationResult> expect(String reservationId) {
    return waiting.computeIfAbsent(reservationId, id -> new CompletableFuture<>());
  }

  /** Ends the wait registered for {@code reservationId} (its request was not written). */
  void forget(String reservationId) {
    waiting.remove(reservationId);
  }

  /**
   * The answer to {@code reservationId} within {@code timeout}, or null; the wait ends either way.
   */
  ReservationResult await(String reservationId, Duration timeout) {
    CompletableFuture<ReservationResult> f = expect(reservationId);
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      waiting.remove(reservationId, f);
    }
  }

  private void run() {
    boolean assigned = false;
    try {
      while (running) {
        try {
          if (!assigned) {
            assigned = assign();
            if (!assigned) {
              pause(ERROR_PAUSE);
              continue;
            }
          }
          for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
            CompletableFuture<ReservationResult> f = r.key() == null ? null : waiting.get(r.key());
            if (f != null && r.value() != null) {
              f.complete(deserializer.deserialize(topic, r.value()));
            }
          }
        } catch (WakeupException e) {
          return;
        } catch (RuntimeException e) {
          LOG.warn("Reservation results: reading {} failed, retrying: {}", topic, e.toString());
          pause(ERROR_PAUSE);
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Assigns every partition of the topic at its end; false while the topic is not there yet. */
  private boolean assign() {
    var infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    List<TopicPartition> partitions =
        infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return true;
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
