package org.massbalance.engine.runtime;

/** The engine cannot start; the message says why in words a user can act on. */
public final class StartupException extends RuntimeException {

  /** A start-up failure described by {@code message}. */
  public StartupException(String message) {
    super(message);
  }

  /** A start-up failure described by {@code message}, caused by {@code cause}. */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
