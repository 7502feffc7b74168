package org.massbalance.producers.integrity;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.massbalance.producers.ingest.ProducerFactory;

/** Mock producers that keep what was sent (values unserialized). */
public final class CapturingProducers implements ProducerFactory {

  private final List<MockProducer<String, ?>> created = new ArrayList<>();

  @Override
  public <T extends SpecificRecord> Producer<String, T> create(Class<T> type) {
    Serializer<T> none = (topic, value) -> new byte[0];
    MockProducer<String, T> p = new MockProducer<>(true, null, new StringSerializer(), none);
    created.add(p);
    return p;
  }

  /** Every record sent, in order. */
  @SuppressWarnings("unchecked")
  public <T> List<ProducerRecord<String, T>> sent() {
    List<ProducerRecord<String, T>> all = new ArrayList<>();
    for (MockProducer<String, ?> p : created) {
      for (ProducerRecord<String, ?> r : p.history()) {
        all.add((ProducerRecord<String, T>) r);
      }
    }
    return all;
  }

  /** The values sent, in order. */
  public <T> List<T> values() {
    return this.<T>sent().stream().map(ProducerRecord::value).toList();
  }
}
