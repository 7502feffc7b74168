package org.massbalance.producers.generate;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.Yield;
import org.massbalance.producers.ingest.ProducerFactory;
import org.massbalance.topics.TopicDefaults;

/**
 * Sends reference data to the compacted topics (and waits for them), then movements keyed {@code
 * site|product} with the default partitioner, each stamped with {@code ingested_at} just before it
 * is handed to the producer; transformations likewise keyed {@code site|transformation_id}, and
 * yield bands keyed {@code input_product|output_product} (their producers made at the first one).
 * The first send failure is rethrown by the next call or by close.
 */
public final class KafkaMovementSink implements MovementSink {

  private final ProducerFactory factory;
  private final Producer<String, Movement> movements;
  private final String topic;
  private final String transformationsTopic;
  private final String yieldsTopic;
  private final LongSupplier wallClock;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong acked = new AtomicLong();
  private final Callback callback =
      (md, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        } else {
          acked.incrementAndGet();
        }
      };
  private Producer<String, Transformation> transformations;
  private Producer<String, Yield> yields;

  /**
   * A sink sending transformations and yield bands to the contract's topics.
   *
   * @param factory producers (string keys, Confluent Avro values)
   * @param topic movements topic
   * @param wallClock epoch milliseconds for {@code ingested_at}
   */
  public KafkaMovementSink(ProducerFactory factory, String topic, LongSupplier wallClock) {
    this(factory, topic, TopicDefaults.TRANSFORMATIONS, TopicDefaults.YIELDS, wallClock);
  }

  /**
   * A sink.
   *
   * @param factory producers (string keys, Confluent Avro values)
   * @param topic movements topic
   * @param transformationsTopic transformations topic
   * @param yieldsTopic yield bands topic, or null to leave them out
   * @param wallClock epoch milliseconds for {@code ingested_at}
   */
  public KafkaMovementSink(
      ProducerFactory factory,
      String topic,
      String transformationsTopic,
      String yieldsTopic,
      LongSupplier wallClock) {
    this.factory = factory;
    this.movements = factory.create(Movement.class);
    this.topic = topic;
    this.transformationsTopic = transformationsTopic;
    this.yieldsTopic = yieldsTopic;
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
    movements.send(new ProducerRecord<>(topic, MovementGenerator.key(m), m), callback);
  }

  @Override
  public void sendTransformation(Transformation t) throws Exception {
    rethrow();
    if (transformations == null) {
      transformations = factory.create(Transformation.class);
    }
    t.setIngestedAt(wallClock.getAsLong());
    transformations.send(
        new ProducerRecord<>(transformationsTopic, MovementGenerator.key(t), t), callback);
  }

  @Override
  public void sendYield(Yield y) throws Exception {
    rethrow();
    if (yieldsTopic == null) {
      return;
    }
    if (yields == null) {
      yields = factory.create(Yield.class);
    }
    yields.send(new ProducerRecord<>(yieldsTopic, MovementGenerator.key(y), y), callback);
  }

  /** Records (movements, transformations, yield bands) acknowledged by the broker. */
  public long acked() {
    return acked.get();
  }

  /** Waits for every record sent so far. */
  public void flush() throws Exception {
    movements.flush();
    if (transformations != null) {
      transformations.flush();
    }
    if (yields != null) {
      yields.flush();
    }
    rethrow();
  }

  @Override
  public void close() throws Exception {
    try {
      flush();
    } finally {
      movements.close();
      if (transformations != null) {
        transformations.close();
      }
      if (yields != null) {
        yields.close();
      }
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
