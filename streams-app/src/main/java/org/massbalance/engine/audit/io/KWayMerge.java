package org.massbalance.engine.audit.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The k-way merge of files each sorted in {@code order}, read one record at a time: records in
 * {@code order}, on equal ones the earlier file's first.
 *
 * @param <T> the records
 */
public final class KWayMerge<T> implements CloseableIterator<T> {

  /** A file read one record at a time. */
  public interface Reader<T> extends Closeable {
    /** The next record, or null at the end of the file. */
    T read() throws IOException;
  }

  /** Opens the reader of a file. */
  public interface Opener<T> {
    /** The reader of {@code file}. */
    Reader<T> open(Path file) throws IOException;
  }

  private record Head<T>(int index, T value, Reader<T> reader) {}

  private final List<Reader<T>> readers = new ArrayList<>();
  private final PriorityQueue<Head<T>> heads;

  /** Opens every file of {@code files} with {@code opener} and reads the first record of each. */
  public KWayMerge(List<Path> files, Opener<T> opener, Comparator<? super T> order) {
    heads =
        new PriorityQueue<>(
            (a, b) -> {
              int c = order.compare(a.value(), b.value());
              return c != 0 ? c : Integer.compare(a.index(), b.index());
            });
    try {
      for (int i = 0; i < files.size(); i++) {
        Reader<T> r = opener.open(files.get(i));
        readers.add(r);
        push(i, r);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
  }

  private void push(int index, Reader<T> reader) throws IOException {
    T value = reader.read();
    if (value != null) {
      heads.add(new Head<>(index, value, reader));
    }
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public T next() {
    Head<T> h = heads.poll();
    if (h == null) {
      throw new NoSuchElementException();
    }
    try {
      push(h.index(), h.reader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return h.value();
  }

  @Override
  public void close() {
    for (Reader<T> r : readers) {
      try {
        r.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }
}
