package org.massbalance.engine.stores;

import java.nio.ByteBuffer;

/** Avro's {@code bytes} fields arrive as buffers; stores and keys want arrays. */
public final class Buffers {

  private Buffers() {}

  /** The remaining bytes of {@code b}, copied, leaving {@code b} untouched; null stays null. */
  public static byte[] toBytes(ByteBuffer b) {
    if (b == null) {
      return null;
    }
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
