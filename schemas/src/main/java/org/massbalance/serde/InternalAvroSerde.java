package org.massbalance.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A registry-free serde for internal topics and state-store values: one generation byte, then the
 * Avro binary of the record. The byte is the generation of the class's schema: 1 for the first, one
 * more for each change of a schema that records were written with. Every generation's writer schema
 * is kept as a resource {@code internal-schemas/<full name>.<n>.avsc} of this module, so a record
 * of any generation is read with Avro's schema resolution into the current class (a field added
 * with a default inside a nested record included); {@code InternalSchemaHistoryTest} fails when a
 * class's schema is not its last recorded generation. A record of generation 1 written before
 * fields with defaults were appended at its end reads with that earlier layout, the new fields at
 * their defaults. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T> {

  /** The generation byte of a class's first schema. */
  public static final byte FORMAT_VERSION = 0x01;

  /** Where the writer schemas of every generation are kept, as resources. */
  public static final String HISTORY = "/internal-schemas/";

  private final AvroCodec<T> codec;
  private final List<Schema> earlierLayouts;
  private final List<Schema> generations;
  private final byte generation;
  private final Serializer<T> serializer;
  private final Deserializer<T> deserializer;

  /** A serde for a generated record class. */
  public InternalAvroSerde(Class<T> type) {
    this.codec = new AvroCodec<>(type);
    List<Schema> recorded = generations(codec.schema());
    this.generations = recorded.isEmpty() ? List.of(codec.schema()) : recorded;
    this.generation = (byte) generations.size();
    this.earlierLayouts = earlierLayouts(generations.get(0));
    this.serializer = (topic, data) -> serialize(data);
    this.deserializer = (topic, data) -> deserialize(data);
  }

  /** A serde for a generated record class. */
  public static <T extends SpecificRecord> InternalAvroSerde<T> of(Class<T> type) {
    return new InternalAvroSerde<>(type);
  }

  /**
   * The writer schemas of every recorded generation of {@code current}'s record, oldest first: the
   * resources {@code <full name>.1.avsc}, {@code .2.avsc}, ... under {@link #HISTORY}.
   */
  public static List<Schema> generations(Schema current) {
    List<Schema> out = new ArrayList<>();
    for (int n = 1; ; n++) {
      String resource = HISTORY + current.getFullName() + "." + n + ".avsc";
      try (InputStream in = InternalAvroSerde.class.getResourceAsStream(resource)) {
        if (in == null) {
          return List.copyOf(out);
        }
        out.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
  }

  /** The generation this serde writes: 1 + the number of earlier ones. */
  public byte generation() {
    return generation;
  }

  /** The generation byte then the Avro binary; null for null. */
  public byte[] serialize(T data) {
    if (data == null) {
      return null;
    }
    byte[] bytes = codec.encode(data, 1);
    bytes[0] = generation;
    return bytes;
  }

  /**
   * The record of bytes written by {@link #serialize} with this generation or an earlier one; null
   * for null.
   *
   * @throws SerializationException when the bytes are empty, of an unknown generation or not
   *     decodable
   */
  public T deserialize(byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length == 0) {
      throw new SerializationException("empty record");
    }
    int g = data[0];
    if (g < 1 || g > generation) {
      throw new SerializationException(
          String.format("unknown internal format version 0x%02x", data[0]));
    }
    Schema writer = g == generation ? codec.schema() : generations.get(g - 1);
    try {
      return codec.decode(data, 1, writer);
    } catch (SerializationException e) {
      if (g != 1) {
        throw e;
      }
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
