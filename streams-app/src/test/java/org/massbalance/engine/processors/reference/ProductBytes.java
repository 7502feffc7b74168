package org.massbalance.engine.processors.reference;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.massbalance.avro.Product;

/**
 * Product records for the look-up tests, without a registry: the id's bytes and the unit in the
 * last byte (1 lb, else kg); a record starting with {@code X} cannot be read.
 */
final class ProductBytes {

  private ProductBytes() {}

  /** A reader of such records that counts its decodes in {@code decodes}. */
  static Deserializer<Product> reader(AtomicInteger decodes) {
    return (topic, data) -> {
      decodes.incrementAndGet();
      if (data[0] == 'X') {
        throw new SerializationException("unknown magic byte");
      }
      return Product.newBuilder()
          .setProductId(new String(data, 0, data.length - 1))
          .setUnit(data[data.length - 1] == 1 ? "lb" : "kg")
          .build();
    };
  }
}
