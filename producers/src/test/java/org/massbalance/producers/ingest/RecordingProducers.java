package org.massbalance.producers.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.massbalance.serde.ConfluentAvroSerializer;
import org.massbalance.serde.InMemorySchemaRegistryClient;

/**
 * Mock producers that serialize like the real ones (Confluent-framed Avro against an in-memory
 * registry) and keep what was sent; optionally the n-th send fails like an expired batch.
 */
final class RecordingProducers implements ProducerFactory {

  final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  final List<MockProducer<String, ?>> created = new ArrayList<>();
  private final int failAt;

  RecordingProducers() {
    this(-1);
  }

  RecordingProducers(int failAt) {
    this.failAt = failAt;
  }

  @Override
  public <T extends SpecificRecord> Producer<String, T> create(Class<T> type) {
    MockProducer<String, T> producer =
        new MockProducer<>(
            true,
            null,
            new StringSerializer(),
            new ConfluentAvroSerializer<>(type, registry, false)) {
          private int sends;

          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, T> record, Callback callback) {
            if (sends++ == failAt) {
              TimeoutException e =
                  new TimeoutException("Expiring 1 record(s) for " + record.topic() + "-0");
              callback.onCompletion(null, e);
              return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
          }
        };
    created.add(producer);
    return producer;
  }

  @SuppressWarnings("unchecked")
  <T> List<ProducerRecord<String, T>> sent() {
    List<ProducerRecord<String, T>> all = new ArrayList<>();
    for (MockProducer<String, ?> p : created) {
      for (ProducerRecord<String, ?> r : p.history()) {
        all.add((ProducerRecord<String, T>) r);
      }
    }
    return all;
  }
}
