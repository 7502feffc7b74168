package org.massbalance.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Thread-safe Avro binary encoding and decoding of one generated record class: one shared datum
 * writer, datum readers cached per writer schema, encoders, decoders and buffers reused per thread.
 */
final class AvroCodec<T extends SpecificRecord> {

  static {
    AvroTrust.ensure();
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private final Class<T> type;
  private final Schema schema;
  private final SpecificData data;
  private final SpecificDatumWriter<T> writer;
  private final Map<Schema, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

  AvroCodec(Class<T> type) {
    this.type = type;
    this.data = SpecificData.getForClass(type);
    // The generated classes carry their own encoder and decoder (Avro's "custom coders": field by
    // field, no generic walk of the schema per datum); Avro uses them only when asked. A writer
    // schema other than the class's still goes through the resolving decoder, field order and
    // defaults included.
    this.data.setCustomCoders(true);
    this.schema = data.getSchema(type);
    this.writer = new SpecificDatumWriter<>(schema, data);
  }

  Class<T> type() {
    return type;
  }

  Schema schema() {
    return schema;
  }

  /** The Avro binary of the record after {@code header}, with the header bytes filled by caller. */
  byte[] encode(T record, int headerSize) {
    Buffers buffers = BUFFERS.get();
    Output out = buffers.out;
    out.reset();
    for (int i = 0; i < headerSize; i++) {
      out.write(0);
    }
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, buffers.encoder);
      buffers.encoder = encoder;
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Avro encoding of " + type.getSimpleName() + " failed: " + e.getMessage(), e);
    }
    byte[] result = out.toByteArray();
    out.shrinkIfHuge();
    return result;
  }

  /**
   * Decodes bytes written with {@code writerSchema} into the current class, checking all is read.
   */
  T decode(byte[] bytes, int offset, Schema writerSchema) {
    SpecificDatumReader<T> reader =
        readers.computeIfAbsent(writerSchema, w -> new SpecificDatumReader<>(w, schema, data));
    Buffers buffers = BUFFERS.get();
    try {
      BinaryDecoder decoder =
          DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, buffers.decoder);
      buffers.decoder = decoder;
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "Avro decoding failed: trailing bytes after the " + type.getSimpleName() + " record");
      }
      return value;
    } catch (SerializationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Avro decoding failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }
  }

  private static final class Buffers {
    final Output out = new Output();
    BinaryEncoder encoder;
    BinaryDecoder decoder;
  }

  private static final class Output extends ByteArrayOutputStream {
    Output() {
      super(256);
    }

    void shrinkIfHuge() {
      if (buf.length > 1 << 20) {
        buf = new byte[256];
      }
    }
  }
}
