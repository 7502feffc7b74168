package org.massbalance.producers.ingest;

/** Ingestion failed: the file was refused, or records could not be sent. */
public class IngestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with its reason and cause. */
  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
