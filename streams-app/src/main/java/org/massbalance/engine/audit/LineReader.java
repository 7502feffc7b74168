package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Lines of bytes ({@code \n}-ended) of a stream, read through one buffer, the line reused. */
final class LineReader {

  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private byte[] line = new byte[4096];
  private int length;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Reads the next line (without its {@code \n}); false at the end of the stream. */
  boolean next() throws IOException {
    length = 0;
    boolean any = false;
    while (true) {
      if (pos == lim) {
        lim = in.read(buf, 0, buf.length);
        pos = 0;
        if (lim <= 0) {
          lim = 0;
          return any && length > 0;
        }
      }
      any = true;
      int start = pos;
      while (pos < lim && buf[pos] != '\n') {
        pos++;
      }
      append(start, pos - start);
      if (pos < lim) {
        pos++;
        return true;
      }
    }
  }

  private void append(int from, int n) {
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
    }
    System.arraycopy(buf, from, line, length, n);
    length += n;
  }

  /** The line's bytes (valid up to {@link #length()}). */
  byte[] bytes() {
    return line;
  }

  /** The line's length. */
  int length() {
    return length;
  }

  /** Whether the line starts with {@code prefix}. */
  boolean startsWith(byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
