package org.massbalance.producers.epcis;

/** An EPCIS document or map file refused whole (nothing is sent), with a message for the user. */
public final class EpcisFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal with its message. */
  public EpcisFileException(String message) {
    super(message);
  }

  /** A refusal with its message and cause. */
  public EpcisFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
