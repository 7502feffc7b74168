package org.massbalance.producers.generate;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.producers.ingest.ProducerFactory;
import org.massbalance.topics.TopicDefaults;

/**
 * Sends reference data to the compacted topics (and waits for them), then movements keyed {@code
 * site|product} with the default partitioner, each stamped with {@code ingested_at} just before it
 * is handed to the producer. The first send failure is rethrown by the next call or by close.
 */
public final class KafkaMovementSink implements MovementSink {

  private final ProducerFactory factory;
  private final Producer<String, Movement> movements;
  private final String topic;
  private final LongSupplier wallClock;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong acked = new AtomicLong();

  /**
   * A sink.
   *
   * @param factory producers (string keys, Confluent Avro values)
   * @param topic movements topic
   * @param wallClock epoch milliseconds for {@code ingested_at}
   */
  public KafkaMovementSink(ProducerFactory factory, String topic, LongSupplier wallClock) {
    this.factory = factory;
    this.movements = factory.create(Movement.class);
    this.topic = topic;
    this.wallClock = wallClock;
  }

  @Override
  public void reference(ReferenceData data) {
    try (Producer<String, Site> p = factory.create(Site.class)) {
      data.sites()
          .forEach(s -> p.send(new ProducerRecord<>(TopicDefaults.SITES, s.getSiteId(), s)));
      p.flush();
    }
    try (Producer<String, Product> p = factory.create(Product.class)) {
      data.products()
          .forEach(x -> p.send(new ProducerRecord<>(TopicDefaults.PRODUCTS, x.getProductId(), x)));
      p.flush();
    }
    try (Producer<String, SupplierCertificate> p = factory.create(SupplierCertificate.class)) {
      data.certificates()
          .forEach(c -> p.send(new ProducerRecord<>(TopicDefaults.CERTIFICATES, c.getNopId(), c)));
      p.flush();
    }
  }

  @Override
  public void send(Movement m) throws Exception {
    rethrow();
    m.setIngestedAt(wallClock.getAsLong());
    movements.send(
        new ProducerRecord<>(topic, MovementGenerator.key(m), m),
        (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            acked.incrementAndGet();
          }
        });
  }

  /** Movements acknowledged by the broker. */
  public long acked() {
    return acked.get();
  }

  /** Waits for every movement sent so far. */
  public void flush() throws Exception {
    movements.flush();
    rethrow();
  }

  @Override
  public void close() throws Exception {
    try {
      movements.flush();
    } finally {
      movements.close();
    }
    rethrow();
  }

  private void rethrow() throws Exception {
    Exception e = failure.get();
    if (e != null) {
      throw e;
    }
  }
}
