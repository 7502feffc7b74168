package org.massbalance.engine.audit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code massbalance export fsma204}: the three FSMA 204 tables (receiving, shipping,
 * transformation) of a date range, or of one lot's chain, written as CSV files with the package's
 * column names. A date range keeps the events of its site-local days; a lot's chain is the lot, the
 * lots it was made from (through transformations, back to the lots received from suppliers) and the
 * lots made from it (forward), at every site: a transfer keeps its lot's code, so the chain crosses
 * sites by the code. The rows are made by the audit package's one pass ({@link AuditPass}); for a
 * lot they are spooled to files first and filtered once the transformations are known, so memory
 * holds the transformations' lot pairs, never the rows.
 */
public final class Fsma204Export {

  private Fsma204Export() {}

  /**
   * Writes the FSMA 204 CSVs of {@code input}'s events dated {@code from..to} into {@code dir}.
   *
   * @return the files written
   */
  public static List<Path> range(
      AuditInput input,
      Fsma204.Columns columns,
      LocalDate from,
      LocalDate to,
      Path dir,
      Consumer<String> progress)
      throws IOException {
    Files.createDirectories(dir);
    Map<TableSpec, CsvTableWriter> writers = new HashMap<>();
    Map<TableSpec, OutputStream> streams = new HashMap<>();
    List<Path> files = new ArrayList<>();
    try {
      for (Fsma204.Kind k : Fsma204.Kind.values()) {
        TableSpec spec = columns.spec(k);
        Path f = dir.resolve(spec.file());
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16);
        streams.put(spec, out);
        writers.put(spec, new CsvTableWriter(spec, out));
        files.add(f);
      }
      AuditPass.run(
          input,
          columns,
          day -> !day.isBefore(from) && !day.isAfter(to),
          (t, r) -> {
            CsvTableWriter w = writers.get(t);
            if (w != null) {
              w.row(r);
            }
          },
          null,
          progress);
    } finally {
      for (Map.Entry<TableSpec, CsvTableWriter> e : writers.entrySet()) {
        e.getValue().flush();
        streams.get(e.getKey()).close();
      }
    }
    return files;
  }

  /**
   * Writes the FSMA 204 CSVs of lot {@code lot}'s chain (see the class) among {@code input}'s
   * events into {@code dir}.
   *
   * @return the files written
   */
  public static List<Path> lot(
      AuditInput input, Fsma204.Columns columns, String lot, Path dir, Consumer<String> progress)
      throws IOException {
    Files.createDirectories(dir);
    Path spool = Files.createTempDirectory("massbalance-fsma204-");
    Map<Fsma204.Kind, Path> spooled = new EnumMap<>(Fsma204.Kind.class);
    Map<TableSpec, Fsma204.Kind> kinds = new HashMap<>();
    Map<Fsma204.Kind, DataOutputStream> outs = new EnumMap<>(Fsma204.Kind.class);
    try {
      for (Fsma204.Kind k : Fsma204.Kind.values()) {
        Path f = spool.resolve(k.name());
        spooled.put(k, f);
        kinds.put(columns.spec(k), k);
        outs.put(
            k, new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)));
      }
      Chain chain = new Chain(lot);
      try {
        AuditPass.run(
            input,
            columns,
            (t, r) -> {
              Fsma204.Kind k = kinds.get(t);
              if (k == null) {
                return;
              }
              if (k == Fsma204.Kind.TRANSFORMATION) {
                chain.edge(r);
              }
              try {
                byte[] b = RowCodec.encode(r);
                DataOutputStream o = outs.get(k);
                o.writeInt(b.length);
                o.write(b);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            null,
            progress);
      } finally {
        for (DataOutputStream o : outs.values()) {
          o.close();
        }
      }
      chain.close();
      progress.accept("lot " + lot + ": a chain of " + chain.lots().size() + " lots");
      List<Path> files = new ArrayList<>();
      for (Fsma204.Kind k : Fsma204.Kind.values()) {
        TableSpec spec = columns.spec(k);
        Path f = dir.resolve(spec.file());
        files.add(f);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16);
            DataInputStream in =
                new DataInputStream(
                    new BufferedInputStream(Files.newInputStream(spooled.get(k)), 1 << 16))) {
          CsvTableWriter w = new CsvTableWriter(spec, out);
          for (Object[] r = next(in); r != null; r = next(in)) {
            if (chain.holds(k, r)) {
              w.row(r);
            }
          }
          w.flush();
        }
      }
      return files;
    } finally {
      for (Path p : spooled.values()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(spool);
    }
  }

  private static Object[] next(DataInputStream in) throws IOException {
    int n;
    try {
      n = in.readInt();
    } catch (EOFException e) {
      return null;
    }
    return RowCodec.decode(in.readNBytes(n));
  }

  /** A column's index in a sheet, by its element key. */
  static int index(Fsma204.Kind kind, String key) {
    List<Fsma204.Element> elements = Fsma204.elements(kind);
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i).key().equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no element " + key + " in " + kind);
  }

  /**
   * A lot's chain: the lot, the lots it was made from and the lots made from it, found through the
   * transformations' (input lot, new lot) pairs; a lot is named by its id or its traceability lot
   * code.
   */
  static final class Chain {
    private static final int IN_LOT = index(Fsma204.Kind.TRANSFORMATION, "input_lot_id");
    private static final int IN_TLC =
        index(Fsma204.Kind.TRANSFORMATION, "input_traceability_lot_code");
    private static final int OUT_LOT = index(Fsma204.Kind.TRANSFORMATION, "output_lot_id");
    private static final int OUT_TLC =
        index(Fsma204.Kind.TRANSFORMATION, "new_traceability_lot_code");

    private final String lot;
    private final Map<String, Set<String>> madeFrom = new HashMap<>();
    private final Map<String, Set<String>> madeInto = new HashMap<>();
    private final Set<String> back = new HashSet<>();
    private final Set<String> forward = new HashSet<>();
    private final Set<String> all = new HashSet<>();

    Chain(String lot) {
      this.lot = lot;
    }

    /** A transformation row: its input lot went into its new lot. */
    void edge(Object[] row) {
      for (Object in : new Object[] {row[IN_LOT], row[IN_TLC]}) {
        for (Object out : new Object[] {row[OUT_LOT], row[OUT_TLC]}) {
          if (in instanceof String i && out instanceof String o) {
            madeFrom.computeIfAbsent(o, x -> new HashSet<>()).add(i);
            madeInto.computeIfAbsent(i, x -> new HashSet<>()).add(o);
          }
        }
      }
    }

    /** Closes the chain over the pairs seen. */
    void close() {
      walk(madeFrom, back);
      walk(madeInto, forward);
      all.addAll(back);
      all.addAll(forward);
    }

    private void walk(Map<String, Set<String>> next, Set<String> seen) {
      Deque<String> todo = new ArrayDeque<>();
      todo.add(lot);
      seen.add(lot);
      while (!todo.isEmpty()) {
        for (String n : next.getOrDefault(todo.poll(), Set.of())) {
          if (seen.add(n)) {
            todo.add(n);
          }
        }
      }
    }

    /** Every lot id and code of the chain. */
    Set<String> lots() {
      return Set.copyOf(all);
    }

    /** Whether a row of a sheet belongs to the chain. */
    boolean holds(Fsma204.Kind kind, Object[] row) {
      if (kind == Fsma204.Kind.TRANSFORMATION) {
        return back.contains(row[OUT_LOT])
            || back.contains(row[OUT_TLC])
            || forward.contains(row[IN_LOT])
            || forward.contains(row[IN_TLC]);
      }
      return all.contains(row[index(kind, "lot_id")])
          || all.contains(row[index(kind, "traceability_lot_code")]);
    }
  }
}
