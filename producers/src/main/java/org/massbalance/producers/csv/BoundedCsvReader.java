package org.massbalance.producers.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a CSV file as it is read, before a long line or field is held in memory: a line over
 * {@link #MAX_LINE_CHARS} characters, or a quoted field over {@link #MAX_FIELD_CHARS} (a quoted
 * field may span lines, so the line bound alone would not bound it). An unquoted field is bounded
 * by its line here and by {@link CsvRecordReader} once parsed. The refusal names the line.
 */
final class BoundedCsvReader extends FilterReader {

  /** The longest line read, in characters (64 KiB). */
  static final int MAX_LINE_CHARS = 64 * 1024;

  /** The longest field, in characters, as the INTEGRITY reader bounds a cell. */
  static final int MAX_FIELD_CHARS = 4096;

  private long line = 1;
  private long quotedFrom;
  private int lineLength;
  private boolean quoted;
  private int quotedLength;

  BoundedCsvReader(Reader in) {
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

  private void note(char c) throws IOException {
    if (c == '"') {
      quoted = !quoted;
      if (quoted) {
        quotedFrom = line;
        quotedLength = 0;
      }
    } else if (quoted && ++quotedLength > MAX_FIELD_CHARS) {
      throw new IOException(
          "line " + quotedFrom + ": a field is longer than " + MAX_FIELD_CHARS + " characters");
    }
    if (c == '\n') {
      line++;
      lineLength = 0;
    } else if (++lineLength > MAX_LINE_CHARS) {
      throw new IOException("line " + line + " is longer than " + MAX_LINE_CHARS + " characters");
    }
  }
}
