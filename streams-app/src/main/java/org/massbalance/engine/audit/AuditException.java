package org.massbalance.engine.audit;

/** A failure to make an audit package, with a message for the person who asked for it. */
public final class AuditException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public AuditException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
