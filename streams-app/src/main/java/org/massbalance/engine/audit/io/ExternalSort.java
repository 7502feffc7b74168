package org.massbalance.engine.audit.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts (key, value) records of any number with bounded memory: records are kept until they take
 * {@code memoryBytes}, then sorted by key (unsigned bytes; equal keys keep the order they were
 * added in) and written to a run file; reading merges the runs. The same records in the same order
 * give the same sorted sequence.
 */
public final class ExternalSort implements AutoCloseable {

  /** A record: its sort key and its value. */
  public record Entry(byte[] key, byte[] value) {}

  private static final int OVERHEAD = 64;

  private final Path dir;
  private final String name;
  private final long memoryBytes;
  private final List<Entry> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private long buffered;
  private long count;
  private boolean finished;

  /**
   * A sort spilling into {@code dir}.
   *
   * @param name the run files' prefix
   * @param memoryBytes how much the records in memory may take before a run is written
   */
  public ExternalSort(Path dir, String name, long memoryBytes) {
    this.dir = dir;
    this.name = name;
    this.memoryBytes = memoryBytes;
  }

  /** Adds a record (before the first {@link #sorted()}). */
  public void add(byte[] key, byte[] value) {
    if (finished) {
      throw new IllegalStateException("records added after reading");
    }
    buffer.add(new Entry(key, value));
    buffered += key.length + value.length + OVERHEAD;
    count++;
    if (buffered >= memoryBytes) {
      spill();
    }
  }

  /** How many records were added. */
  public long count() {
    return count;
  }

  /** The records in key order; may be called again (each call reads the runs anew). */
  public CloseableIterator<Entry> sorted() {
    if (!finished) {
      finished = true;
      sortBuffer();
      if (!runs.isEmpty() && !buffer.isEmpty()) {
        spill();
      }
    }
    if (runs.isEmpty()) {
      return CloseableIterator.of(List.copyOf(buffer));
    }
    return new Merge(runs);
  }

  private void sortBuffer() {
    // List.sort is stable: equal keys keep the order they were added in.
    buffer.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
  }

  private void spill() {
    sortBuffer();
    try {
      Files.createDirectories(dir);
      Path run = Files.createTempFile(dir, name + "-", ".run");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
        for (Entry e : buffer) {
          out.writeInt(e.key().length);
          out.write(e.key());
          out.writeInt(e.value().length);
          out.write(e.value());
        }
      }
      runs.add(run);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a sort run in " + dir, e);
    }
    buffer.clear();
    buffered = 0;
  }

  @Override
  public void close() {
    buffer.clear();
    for (Path r : runs) {
      try {
        Files.deleteIfExists(r);
      } catch (IOException e) {
        // a temporary file left behind; the directory is removed by its owner
      }
    }
    runs.clear();
  }

  /** The k-way merge of sorted runs; on equal keys the earlier run first. */
  private static final class Merge implements CloseableIterator<Entry> {
    private final List<Run> open = new ArrayList<>();
    private final PriorityQueue<Run> heads =
        new PriorityQueue<>(
            (a, b) -> {
              int c = Arrays.compareUnsigned(a.head.key(), b.head.key());
              return c != 0 ? c : Integer.compare(a.index, b.index);
            });

    Merge(List<Path> runs) {
      try {
        for (int i = 0; i < runs.size(); i++) {
          Run r = new Run(i, runs.get(i));
          open.add(r);
          if (r.advance()) {
            heads.add(r);
          }
        }
      } catch (IOException e) {
        close();
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public Entry next() {
      Run r = heads.poll();
      if (r == null) {
        throw new NoSuchElementException();
      }
      Entry e = r.head;
      try {
        if (r.advance()) {
          heads.add(r);
        }
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
      return e;
    }

    @Override
    public void close() {
      for (Run r : open) {
        try {
          r.in.close();
        } catch (IOException e) {
          // nothing to do
        }
      }
    }
  }

  private static final class Run {
    final int index;
    final DataInputStream in;
    Entry head;

    Run(int index, Path file) throws IOException {
      this.index = index;
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    boolean advance() throws IOException {
      int k;
      try {
        k = in.readInt();
      } catch (EOFException e) {
        head = null;
        return false;
      }
      byte[] key = in.readNBytes(k);
      byte[] value = in.readNBytes(in.readInt());
      head = new Entry(key, value);
      return true;
    }
  }
}
