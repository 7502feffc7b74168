package org.massbalance.engine.api;

/** An API error answered as {@code {"error": message, "status": status}}. */
final class ApiException extends RuntimeException {

  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
