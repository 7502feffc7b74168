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
    // on equal keys the earlier run first
    return new KWayMerge<>(
        runs, ExternalSort::run, (a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
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

  /** A sorted run read entry by entry. */
  private static KWayMerge.Reader<Entry> run(Path file) throws IOException {
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    return new KWayMerge.Reader<>() {
      @Override
      public Entry read() throws IOException {
        int k;
        try {
          k = in.readInt();
        } catch (EOFException e) {
          return null;
        }
        byte[] key = in.readNBytes(k);
        byte[] value = in.readNBytes(in.readInt());
        return new Entry(key, value);
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
