package org.massbalance.producers.integrity;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.producers.csv.RowRefusedException;

/**
 * Benchmark (not part of the test run): writes an INTEGRITY-like export of N operations (default
 * 50,000, about the full database) as XLSX and as XML, then reads and maps each with the streaming
 * readers as {@code ingest integrity} does (every record kept for the send), printing the time and
 * the peak heap. Run it with a small heap ({@code -Xmx128m}) to show that memory does not follow
 * the file; see docs/benchmarks.md.
 *
 * <pre>
 * java -Xmx128m -cp ... org.massbalance.producers.integrity.IntegrityReadBench DIR [N]
 * </pre>
 */
public final class IntegrityReadBench {

  private static final String[] STATUSES = {
    "Certified", "Certified", "Certified", "Certified", "Surrendered", "Suspended", "Revoked"
  };

  private IntegrityReadBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/integrity-bench");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    Files.createDirectories(dir);
    Path xlsx = dir.resolve("integrity-" + n + ".xlsx");
    Path xml = dir.resolve("integrity-" + n + ".xml");
    long t0 = System.nanoTime();
    IntegrityWorkbooks.write(xlsx, operations(n));
    writeXml(xml, n);
    System.out.printf(
        "generated %d operations in %.1f s: xlsx %d bytes, xml %d bytes%n",
        n, (System.nanoTime() - t0) / 1e9, Files.size(xlsx), Files.size(xml));
    for (int round = 0; round < 2; round++) {
      for (Path file : List.of(xlsx, xml)) {
        resetPeaks();
        long start = System.nanoTime();
        List<SupplierCertificate> kept = read(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "round %d %s: %d records in %.2f s (%.0f records/s), peak heap %d MB, max heap %d MB%n",
            round + 1,
            file.getFileName(),
            kept.size(),
            seconds,
            kept.size() / seconds,
            peakHeapMb(),
            Runtime.getRuntime().maxMemory() >> 20);
      }
    }
  }

  private static List<SupplierCertificate> read(Path file) {
    List<SupplierCertificate> kept = new ArrayList<>();
    long now = System.currentTimeMillis();
    new IntegrityReader(IntegrityLimits.defaults())
        .read(
            file,
            new IntegrityReader.Sink() {
              @Override
              public void row(long line, Map<String, String> fields) {
                if (IntegrityMapping.isDescriptionRow(fields)) {
                  return;
                }
                try {
                  kept.add(IntegrityMapping.map(fields, now));
                } catch (RowRefusedException e) {
                  throw new IllegalStateException("line " + line + ": " + e.getMessage());
                }
              }

              @Override
              public void refuse(long line, String reason) {
                throw new IllegalStateException("line " + line + ": " + reason);
              }
            });
    return kept;
  }

  private static List<Object> operation(int i) {
    String status = STATUSES[i % STATUSES.length];
    return Arrays.asList(
        8_000_000_000L + i,
        "Operation " + i + " Organic Farms LLC",
        "Certifier " + (i % 80),
        status,
        LocalDate.of(2015, 1, 1).plusDays(i % 3650),
        i % 2 == 0 ? "Certified" : null,
        i % 5 == 0 ? "Certified" : null,
        i % 13 == 0 ? "Certified" : null,
        i % 3 == 0 ? "Certified" : null,
        LocalDate.of(2015, 1, 1).plusDays(i % 365),
        "City " + (i % 1000));
  }

  private static Iterator<List<Object>> operations(int n) {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public List<Object> next() {
        return operation(i++);
      }
    };
  }

  private static void writeXml(Path file, int n) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Operations>\n");
      for (int i = 0; i < n; i++) {
        List<Object> op = operation(i);
        w.write("  <Operation>\n");
        for (int c = 0; c < op.size(); c++) {
          if (op.get(c) != null) {
            w.write(
                "    <"
                    + IntegrityWorkbooks.HEADER.get(c)
                    + ">"
                    + op.get(c)
                    + "</"
                    + IntegrityWorkbooks.HEADER.get(c)
                    + ">\n");
          }
        }
        w.write("  </Operation>\n");
      }
      w.write("</Operations>\n");
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }
}
