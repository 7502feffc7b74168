package org.massbalance.producers.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records that were read and mapped whole beforehand (INTEGRITY, EPCIS): one producer, every
 * record handed over, flushed, and the count of acknowledged ones; the first failure fails the
 * call.
 */
public final class RecordSender {

  private RecordSender() {}

  /**
   * Sends records to a topic.
   *
   * @return the records acknowledged (all of them)
   * @throws IngestException when a send fails
   */
  public static <T extends SpecificRecord> long send(
      ProducerFactory producers,
      Class<T> type,
      String topic,
      List<T> records,
      Function<T, String> key) {
    if (records.isEmpty()) {
      return 0;
    }
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong acknowledged = new AtomicLong();
    Producer<String, T> producer = producers.create(type);
    try {
      for (T record : records) {
        if (failure.get() != null) {
          break;
        }
        producer.send(
            new ProducerRecord<>(topic, key.apply(record), record),
            (metadata, exception) -> {
              if (exception != null) {
                failure.compareAndSet(null, exception);
              } else {
                acknowledged.incrementAndGet();
              }
            });
      }
      producer.flush();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      try {
        producer.close(Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }
    Exception cause = failure.get();
    if (cause != null) {
      throw new IngestException(
          "sending to topic "
              + topic
              + " failed after "
              + acknowledged.get()
              + " records were acknowledged: "
              + cause.getMessage(),
          cause);
    }
    return acknowledged.get();
  }
}
