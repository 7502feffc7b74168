package org.massbalance.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads a range from every engine instance in parallel (ADR 33): asks the entry instance which
 * instance holds which partition ({@code GET /api/v1/instances}), asks each instance for its
 * partitions ({@code GET /api/v1/bulk/ledger} or {@code /bulk/transformations} with {@code
 * partitions=}), and spools each partition's lines to a file of its own as they stream in. A
 * partition counts once it is answered completely ({@code end} with as many records as were read):
 * the first complete answer is kept, a partition answered twice (after a rebalance) is not kept
 * twice, and those that failed or moved are asked again, of their new owner, until every partition
 * is answered or the deadline passes. An instance the client cannot reach is asked through the
 * entry instance, which forwards the partitions.
 */
final class BulkReader {

  /** Which bulk read. */
  enum Kind {
    LEDGER("/api/v1/bulk/ledger", "ledger_partitions"),
    TRANSFORMATIONS("/api/v1/bulk/transformations", "transformation_partitions");

    private final String path;
    private final String field;

    Kind(String path, String field) {
      this.path = path;
      this.field = field;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private final EngineClient engine;
  private final Path work;
  private final Consumer<String> progress;

  BulkReader(EngineClient engine, Path work, Consumer<String> progress) {
    this.engine = engine;
    this.work = work;
    this.progress = progress;
  }

  /**
   * Every partition's lines of {@code kind} for the site-local months {@code from..to} ({@code
   * sites}' keys only, when not empty), each in a file; index: the partition.
   *
   * @throws AuditException when a partition is not answered in time
   */
  List<Path> read(Kind kind, YearMonth from, YearMonth to, List<String> sites) {
    StringBuilder q = new StringBuilder("?from=").append(from).append("&to=").append(to);
    for (String s : sites) {
      q.append("&site=").append(EngineClient.enc(s));
    }
    Instant deadline = Instant.now().plus(DEADLINE);
    Path[] done = null;
    String lastProblem = null;
    int round = 0;
    while (true) {
      JsonNode instances = engine.instances();
      int n = instances.path("partitions").asInt(0);
      if (done == null && n > 0) {
        done = new Path[n];
      }
      if (done != null) {
        Map<String, List<Integer>> byUrl = new LinkedHashMap<>();
        for (JsonNode i : instances.path("instances")) {
          for (JsonNode p : i.path(kind.field)) {
            int partition = p.asInt();
            if (partition < done.length && done[partition] == null) {
              byUrl.computeIfAbsent(i.path("url").asText(), u -> new ArrayList<>()).add(partition);
            }
          }
        }
        lastProblem = round(kind, q.toString(), byUrl, done, lastProblem);
        if (missing(done).isEmpty()) {
          List<Path> out = List.of(done);
          progress.accept(
              "engine: "
                  + kind.name().toLowerCase()
                  + " of "
                  + n
                  + " partitions read from "
                  + byUrl.size()
                  + " instance(s)"
                  + (round > 0 ? " (" + (round + 1) + " rounds)" : ""));
          return out;
        }
      }
      round++;
      if (Instant.now().isAfter(deadline)) {
        throw new AuditException(
            "the engine did not answer partitions "
                + (done == null ? "(none known)" : missing(done))
                + " of its "
                + kind.name().toLowerCase()
                + " in "
                + DEADLINE.toMinutes()
                + " minutes"
                + (lastProblem == null ? "" : ": " + lastProblem));
      }
      pause();
    }
  }

  private static List<Integer> missing(Path[] done) {
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p < done.length; p++) {
      if (done[p] == null) {
        out.add(p);
      }
    }
    return out;
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException("interrupted while reading the engine", e);
    }
  }

  /** Asks each instance for its partitions at once; returns the last problem met, if any. */
  private String round(
      Kind kind, String query, Map<String, List<Integer>> byUrl, Path[] done, String problem) {
    if (byUrl.isEmpty()) {
      return problem == null ? "no instance holds them now" : problem;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(byUrl.size(), 8));
    List<Future<String>> results = new ArrayList<>();
    try {
      for (Map.Entry<String, List<Integer>> e : byUrl.entrySet()) {
        results.add(pool.submit(() -> ask(kind, query, e.getKey(), e.getValue(), done)));
      }
      String last = problem;
      for (Future<String> f : results) {
        String p = result(f);
        if (p != null) {
          last = p;
        }
      }
      return last;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String result(Future<String> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException("interrupted while reading the engine", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuditException a) {
        throw a;
      }
      if (e.getCause() instanceof UncheckedIOException u) {
        throw new AuditException("cannot spool the engine's answer: " + u.getCause(), u);
      }
      throw new AuditException("reading the engine failed: " + e.getCause(), e.getCause());
    }
  }

  /** One instance's partitions, directly or (when it cannot be reached) through the entry. */
  private String ask(Kind kind, String query, String url, List<Integer> partitions, Path[] done)
      throws IOException {
    StringBuilder p = new StringBuilder(query).append("&partitions=");
    for (int i = 0; i < partitions.size(); i++) {
      p.append(i == 0 ? "" : ",").append(partitions.get(i));
    }
    String path = kind.path + p;
    InputStream in;
    try {
      in = engine.stream(url, path);
    } catch (IOException e) {
      if (url.equals(engine.base())) {
        return "cannot reach " + url + ": " + e.getMessage();
      }
      try {
        in = engine.stream(engine.base(), path);
      } catch (IOException e2) {
        return "cannot reach " + url + " nor " + engine.base() + ": " + e2.getMessage();
      }
    }
    try (InputStream body = new BufferedInputStream(in, 1 << 16)) {
      return spool(body, done, new TreeSet<>(partitions));
    } catch (IOException e) {
      return url + " stopped answering: " + e.getMessage();
    }
  }

  private static final byte[] KEY_LINE = "{\"type\":\"key\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSFORMATION_LINE =
      "{\"type\":\"transformation\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * Copies each partition's record lines to a file of its own; a partition ended completely is put
   * in {@code done} (unless another answer was kept first), anything else is dropped.
   */
  private String spool(InputStream body, Path[] done, TreeSet<Integer> asked) throws IOException {
    String problem = null;
    Integer current = null;
    Path file = null;
    OutputStream out = null;
    long records = 0;
    LineReader lines = new LineReader(body);
    try {
      while (lines.next()) {
        if (lines.startsWith(KEY_LINE) || lines.startsWith(TRANSFORMATION_LINE)) {
          if (out != null) {
            out.write(lines.bytes(), 0, lines.length());
            out.write('\n');
            records++;
          }
          continue;
        }
        JsonNode m = JSON.readTree(lines.bytes(), 0, lines.length());
        String type = m.path("type").asText();
        if (!type.equals("partition")) {
          continue;
        }
        int partition = m.path("partition").asInt(-1);
        String status = m.path("status").asText();
        switch (status) {
          case "begin" -> {
            closeQuietly(out);
            deleteQuietly(file);
            current = partition;
            records = 0;
            if (partition >= 0 && partition < done.length && asked.contains(partition)) {
              Files.createDirectories(work);
              file = Files.createTempFile(work, "partition-" + partition + "-", ".ndjson");
              out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            } else {
              file = null;
              out = null;
            }
          }
          case "end" -> {
            if (out != null && current != null && current == partition) {
              out.close();
              out = null;
              boolean complete = m.path("records").asLong(-1) == records;
              synchronized (done) {
                if (complete && done[partition] == null) {
                  done[partition] = file;
                  file = null;
                }
              }
              if (!complete) {
                problem = "partition " + partition + " ended with a wrong record count";
              }
              deleteQuietly(file);
              file = null;
            }
            current = null;
          }
          default -> {
            closeQuietly(out);
            out = null;
            deleteQuietly(file);
            file = null;
            current = null;
            problem =
                "partition "
                    + partition
                    + " "
                    + status.replace('_', ' ')
                    + (m.has("error") ? ": " + m.path("error").asText() : "");
          }
        }
      }
    } finally {
      closeQuietly(out);
      deleteQuietly(file);
    }
    return problem;
  }

  private static void closeQuietly(OutputStream out) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // dropped anyway
      }
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // left in the work directory
      }
    }
  }
}
