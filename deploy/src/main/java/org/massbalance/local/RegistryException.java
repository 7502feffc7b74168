package org.massbalance.local;

/** A schema-registry error answered as Confluent does: an HTTP status and an error code. */
final class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final int errorCode;

  RegistryException(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  int status() {
    return status;
  }

  int errorCode() {
    return errorCode;
  }
}
