package org.massbalance.engine.config;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde whose serializer refuses values over a size limit with an {@link
 * OutputTooLargeException}, so that no output the engine writes can exceed a topic's {@code
 * max.message.bytes} and fail the transaction. Deserializing is the wrapped serde's.
 *
 * @param <T> the value type
 */
public final class BoundedSerde<T> implements Serde<T> {

  private final Serde<T> inner;
  private final int maxBytes;
  private final Serializer<T> serializer;

  /** Bounds {@code inner}'s serialized values at {@code maxBytes}. */
  public BoundedSerde(Serde<T> inner, int maxBytes) {
    this.inner = inner;
    this.maxBytes = maxBytes;
    Serializer<T> delegate = inner.serializer();
    this.serializer =
        new Serializer<>() {
          @Override
          public void configure(Map<String, ?> configs, boolean isKey) {
            delegate.configure(configs, isKey);
          }

          @Override
          public byte[] serialize(String topic, T data) {
            return check(topic, delegate.serialize(topic, data));
          }

          @Override
          public byte[] serialize(String topic, Headers headers, T data) {
            return check(topic, delegate.serialize(topic, headers, data));
          }

          @Override
          public void close() {
            delegate.close();
          }
        };
  }

  private byte[] check(String topic, byte[] bytes) {
    if (bytes != null && bytes.length > maxBytes) {
      throw new OutputTooLargeException(topic, bytes, maxBytes);
    }
    return bytes;
  }

  /** The limit, bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    inner.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return inner.deserializer();
  }

  @Override
  public void close() {
    inner.close();
  }
}
