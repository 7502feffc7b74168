package org.massbalance.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: one magic byte {@code 0x00}, the schema id as a 4-byte big-endian
 * integer, then the Avro binary encoding of the value.
 */
public final class WireFormat {

  /** The magic byte that starts every framed value. */
  public static final byte MAGIC_BYTE = 0x00;

  /** Length of the schema id. */
  public static final int ID_SIZE = 4;

  /** Length of the header (magic byte and schema id) before the Avro payload. */
  public static final int HEADER_SIZE = 1 + ID_SIZE;

  private WireFormat() {}

  /** Frames an Avro payload: magic byte, big-endian schema id, payload. */
  public static byte[] frame(int schemaId, byte[] avroPayload) {
    byte[] out = new byte[HEADER_SIZE + avroPayload.length];
    writeHeader(out, schemaId);
    System.arraycopy(avroPayload, 0, out, HEADER_SIZE, avroPayload.length);
    return out;
  }

  /** Writes the 5-byte header at the start of {@code target}. */
  static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /**
   * The schema id of a framed value, after checking its length and magic byte.
   *
   * @throws SerializationException when the bytes are not in the wire format
   */
  public static int schemaId(byte[] framed) {
    checkFrame(framed);
    return ByteBuffer.wrap(framed, 1, ID_SIZE).getInt();
  }

  /**
   * Checks that the bytes can be a framed value: at least the header, starting with the magic byte.
   *
   * @throws SerializationException with the reason when they cannot
   */
  public static void checkFrame(byte[] framed) {
    if (framed.length == 0) {
      throw new SerializationException("empty record");
    }
    if (framed.length < HEADER_SIZE) {
      throw new SerializationException(
          "record too short for the Confluent wire format (" + framed.length + " bytes)");
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new SerializationException(String.format("unknown magic byte 0x%02x", framed[0]));
    }
  }
}
