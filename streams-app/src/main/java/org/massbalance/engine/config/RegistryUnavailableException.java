package org.massbalance.engine.config;

import org.massbalance.serde.SchemaRegistryException;

/**
 * The schema registry could not be reached while decoding a record. The stream thread is replaced
 * and the record processed again from the last commit, so no good record is rejected for it; a
 * query that meets it is answered 503 (retry later). It lives here, beside the settings every layer
 * reads, because the processors throw it and the runtime and the API catch it.
 */
public final class RegistryUnavailableException extends RuntimeException {

  /** Wraps the registry client's failure. */
  public RegistryUnavailableException(SchemaRegistryException cause) {
    super("schema registry unavailable, will retry: " + cause.getMessage(), cause);
  }
}
