package org.massbalance.engine.audit.io;

import java.util.Iterator;

/** An iterator over something that holds files or connections: close it when done. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

  @Override
  void close();

  /** An iterator over {@code items} (nothing to close). */
  static <T> CloseableIterator<T> of(Iterable<T> items) {
    Iterator<T> it = items.iterator();
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}
