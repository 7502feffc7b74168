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
  private final boolean unusableSchema;

  /** A failure without a registry answer (unreachable, timeout, unreadable response). */
  public SchemaRegistryException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private SchemaRegistryException(String message, Throwable cause, boolean unusableSchema) {
    super(message, cause);
    this.httpStatus = -1;
    this.errorCode = -1;
    this.unusableSchema = unusableSchema;
  }

  /**
   * The registry answered, but with a schema this client cannot use: not Avro ({@code schemaType}
   * PROTOBUF, JSON), no schema text, or a text that does not parse as Avro (e.g. one with
   * references). Asking again gives the same answer, so it is not retriable: a record written with
   * it is bad input.
   */
  public static SchemaRegistryException unusableSchema(String message, Throwable cause) {
    return new SchemaRegistryException(message, cause, true);
  }

  /** A failure the registry answered with an HTTP error status. */
  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.unusableSchema = false;
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

  /**
   * True when the registry answered with a schema this client cannot use ({@link #unusableSchema}).
   */
  public boolean isUnusableSchema() {
    return unusableSchema;
  }

  /**
   * True when retrying later may succeed: no answer (unreachable, timeout) or a 5xx answer. An
   * unusable schema and any 4xx answer are final.
   */
  public boolean isRetriable() {
    return !unusableSchema && (httpStatus < 0 || httpStatus >= 500);
  }
}
