package org.massbalance.producers.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Remembers where line terminators are as characters are read, so that the character position of a
 * record (which only moves forward) maps to the 1-based line where its content starts. Commons CSV
 * reports a record after skipped blank lines at the start of those blank lines, so blank lines at
 * the position are stepped over.
 */
final class LineCountingReader extends FilterReader {

  /** Offsets where terminators start ('\r' of "\r\n", else '\n'). */
  private long[] starts = new long[64];

  /** Offsets of the '\n' of each terminator. */
  private long[] feeds = new long[64];

  private int head;
  private int tail;
  private long position;
  private long lastCarriageReturn = -2;
  private long linesBefore;

  LineCountingReader(Reader in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      note((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      note(buffer[offset + i]);
    }
    return n;
  }

  private void note(char c) {
    if (c == '\r') {
      lastCarriageReturn = position;
    } else if (c == '\n') {
      if (tail == starts.length) {
        if (head > 0) {
          System.arraycopy(starts, head, starts, 0, tail - head);
          System.arraycopy(feeds, head, feeds, 0, tail - head);
          tail -= head;
          head = 0;
        }
        if (tail == starts.length) {
          starts = Arrays.copyOf(starts, starts.length * 2);
          feeds = Arrays.copyOf(feeds, feeds.length * 2);
        }
      }
      starts[tail] = lastCarriageReturn == position - 1 ? position - 1 : position;
      feeds[tail] = position;
      tail++;
    }
    position++;
  }

  /** The 1-based line where a record at a character position starts; positions only move on. */
  long lineAt(long characterPosition) {
    long p = characterPosition;
    while (head < tail && starts[head] < p) {
      head++;
      linesBefore++;
    }
    while (head < tail && starts[head] == p) {
      p = feeds[head] + 1;
      head++;
      linesBefore++;
    }
    return linesBefore + 1;
  }

  /** Lines read so far (for messages). */
  long linesRead() {
    return linesBefore + (tail - head) + 1;
  }
}
