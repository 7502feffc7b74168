package org.massbalance.engine.processors.reference;

import org.massbalance.serde.SchemaRegistryException;

/**
 * The schema registry could not be reached while decoding a record. The stream thread is replaced
 * and the record processed again from the last commit, so no good record is rejected for it.
 */
public final class RegistryUnavailableException extends RuntimeException {

  /** Wraps the registry client's failure. */
  public RegistryUnavailableException(SchemaRegistryException cause) {
    super("schema registry unavailable, will retry: " + cause.getMessage(), cause);
  }
}
