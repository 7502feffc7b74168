package org.massbalance.engine.audit.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A sort key as bytes that compare, unsigned and byte by byte, as the fields they are made of: text
 * by its UTF-8 bytes (null as the empty text) ended by 0x00 (0x00 and 0x01 inside escaped), so "A"
 * sorts before "A.B" whatever follows; numbers big-endian with the sign bit flipped.
 */
public final class SortKey {

  private final ByteArrayOutputStream b = new ByteArrayOutputStream(48);

  /** Appends a text field. */
  public SortKey text(String s) {
    if (s != null) {
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      for (byte x : u) {
        if (x == 0 || x == 1) {
          b.write(1);
          b.write(x + 1);
        } else {
          b.write(x);
        }
      }
    }
    b.write(0);
    return this;
  }

  /** Appends a number field (signed, ascending). */
  public SortKey number(long n) {
    long v = n ^ Long.MIN_VALUE;
    for (int i = 7; i >= 0; i--) {
      b.write((int) (v >>> (8 * i)) & 0xff);
    }
    return this;
  }

  /** The key's bytes. */
  public byte[] bytes() {
    return b.toByteArray();
  }
}
