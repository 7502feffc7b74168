package org.massbalance.producers.generate;

import org.massbalance.avro.Movement;

/** Where generated data goes: reference data first, then movements. */
public interface MovementSink extends AutoCloseable {

  /** Writes the sites, products and certificates. */
  void reference(ReferenceData data) throws Exception;

  /** Writes one movement. */
  void send(Movement m) throws Exception;

  /** Flushes and closes. */
  @Override
  void close() throws Exception;
}
