package org.massbalance.producers.integrity;

/** An INTEGRITY file refused whole (nothing of it is sent), with a message for the user. */
public final class IntegrityFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal with its message. */
  public IntegrityFileException(String message) {
    super(message);
  }

  /** A refusal with its message and cause. */
  public IntegrityFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
