package org.massbalance.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A registry-free serde for internal topics and state-store values: one format-version byte ({@link
 * #FORMAT_VERSION}) then the Avro binary of the record with its class's current schema. The version
 * byte leaves room to read older layouts after an incompatible change; a record written before
 * fields with defaults were appended at the end reads with its earlier layout, the new fields at
 * their defaults. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T> {

  /** The format-version byte written before the Avro binary. */
  public static final byte FORMAT_VERSION = 0x01;

  private final AvroCodec<T> codec;
  private final List<Schema> earlierLayouts;
  private final Serializer<T> serializer;
  private final Deserializer<T> deserializer;

  /** A serde for a generated record class. */
  public InternalAvroSerde(Class<T> type) {
    this.codec = new AvroCodec<>(type);
    this.earlierLayouts = earlierLayouts(codec.schema());
    this.serializer = (topic, data) -> serialize(data);
    this.deserializer = (topic, data) -> deserialize(data);
  }

  /** A serde for a generated record class. */
  public static <T extends SpecificRecord> InternalAvroSerde<T> of(Class<T> type) {
    return new InternalAvroSerde<>(type);
  }

  /** The version byte then the Avro binary; null for null. */
  public byte[] serialize(T data) {
    if (data == null) {
      return null;
    }
    byte[] bytes = codec.encode(data, 1);
    bytes[0] = FORMAT_VERSION;
    return bytes;
  }

  /**
   * The record of bytes written by {@link #serialize}; null for null.
   *
   * @throws SerializationException when the bytes are empty, of an unknown version or not decodable
   */
  public T deserialize(byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length == 0) {
      throw new SerializationException("empty record");
    }
    if (data[0] != FORMAT_VERSION) {
      throw new SerializationException(
          String.format("unknown internal format version 0x%02x", data[0]));
    }
    try {
      return codec.decode(data, 1, codec.schema());
    } catch (SerializationException e) {
      // Written before fields were appended (with defaults): read with that earlier layout.
      for (Schema earlier : earlierLayouts) {
        try {
          return codec.decode(data, 1, earlier);
        } catch (SerializationException ignored) {
          // not this layout either
        }
      }
      throw e;
    }
  }

  /**
   * The layouts the record had before its trailing fields with defaults were appended, newest
   * first: the current schema less its last 1, 2, ... such fields.
   */
  static List<Schema> earlierLayouts(Schema current) {
    List<Schema> out = new ArrayList<>();
    List<Schema.Field> fields = current.getFields();
    int n = fields.size();
    while (n > 1 && fields.get(n - 1).hasDefaultValue()) {
      n--;
      List<Schema.Field> kept = new ArrayList<>();
      for (Schema.Field f : fields.subList(0, n)) {
        kept.add(new Schema.Field(f, f.schema()));
      }
      out.add(
          Schema.createRecord(
              current.getName(), current.getDoc(), current.getNamespace(), false, kept));
    }
    return List.copyOf(out);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
