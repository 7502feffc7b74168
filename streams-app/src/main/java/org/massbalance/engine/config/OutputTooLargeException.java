package org.massbalance.engine.config;

import org.apache.kafka.common.errors.SerializationException;

/**
 * An output value serialized to more bytes than the engine writes ({@code output.max.bytes}). It is
 * thrown by the serializer, before the record reaches the producer, so that the production
 * exception handler decides what happens to it without aborting the transaction (ADR 10).
 */
public final class OutputTooLargeException extends SerializationException {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final int size;
  private final int limit;
  private final transient byte[] value;

  /** A value of {@code value.length} bytes for {@code topic}, over {@code limit}. */
  public OutputTooLargeException(String topic, byte[] value, int limit) {
    super(
        "output to "
            + topic
            + " too large: "
            + value.length
            + " bytes, more than output.max.bytes="
            + limit);
    this.topic = topic;
    this.size = value.length;
    this.limit = limit;
    this.value = value;
  }

  /** The topic the value was for. */
  public String topic() {
    return topic;
  }

  /** The serialized size. */
  public int size() {
    return size;
  }

  /** The limit it broke. */
  public int limit() {
    return limit;
  }

  /** The serialized value (not written anywhere whole). */
  public byte[] value() {
    return value;
  }
}
