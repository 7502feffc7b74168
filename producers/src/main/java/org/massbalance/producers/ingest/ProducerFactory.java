package org.massbalance.producers.ingest;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;

/** Creates the producer an {@link Ingester} sends one file with. */
public interface ProducerFactory {

  /** A producer of string keys and records of a type, ready to send. */
  <T extends SpecificRecord> Producer<String, T> create(Class<T> type);
}
