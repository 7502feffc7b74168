package org.massbalance.serde;

/**
 * A schema registry call failed. Carries the HTTP status and the Confluent {@code error_code} when
 * the registry answered, or neither when it could not be reached.
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Confluent error code: subject not found. */
  public static final int SUBJECT_NOT_FOUND = 40401;

  /** Confluent error code: schema not found (by id, or under a subject). */
  public static final int SCHEMA_NOT_FOUND = 40403;

  private final int httpStatus;
  private final int errorCode;

  /** A failure without a registry answer (unreachable, timeout, unreadable response). */
  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = -1;
    this.errorCode = -1;
  }

  /** A failure the registry answered with an HTTP error status. */
  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status of the registry's answer, or -1 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's {@code error_code} of the answer, or -1 when there was none. */
  public int errorCode() {
    return errorCode;
  }

  /** True when the registry said the schema or subject does not exist. */
  public boolean isNotFound() {
    return httpStatus == 404 || errorCode == SCHEMA_NOT_FOUND || errorCode == SUBJECT_NOT_FOUND;
  }

  /** True when retrying later may succeed (no answer, or a 5xx answer). */
  public boolean isRetriable() {
    return httpStatus < 0 || httpStatus >= 500;
  }
}
