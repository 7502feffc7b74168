package org.massbalance.producers.generate;

import org.massbalance.avro.Movement;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.Yield;

/**
 * Where generated data goes: reference data first, then movements and, in a workload with
 * transformations, transformations and the yield bands they use (a band before the first
 * transformation using it).
 */
public interface MovementSink extends AutoCloseable {

  /** Writes the sites, products and certificates. */
  void reference(ReferenceData data) throws Exception;

  /** Writes one movement. */
  void send(Movement m) throws Exception;

  /**
   * Writes one transformation.
   *
   * @throws UnsupportedOperationException by a sink that takes none (the default)
   */
  default void sendTransformation(Transformation t) throws Exception {
    throw new UnsupportedOperationException(getClass().getName() + " takes no transformations");
  }

  /**
   * Writes one yield band.
   *
   * @throws UnsupportedOperationException by a sink that takes none (the default)
   */
  default void sendYield(Yield y) throws Exception {
    throw new UnsupportedOperationException(getClass().getName() + " takes no yield bands");
  }

  /** Flushes and closes. */
  @Override
  void close() throws Exception;
}
