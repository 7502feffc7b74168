package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.massbalance.engine.audit.io.PackageFiles;
import org.massbalance.engine.audit.io.XlsxStreamWriter;

/**
 * Writes the audit package of an {@link AuditInput} into a directory: {@code audit.xlsx}, one CSV
 * file per table, {@code report.html}, {@code report.pdf}, {@code MANIFEST.sha256} (every file
 * above) and {@code audit-{from}-{to}.zip} (all of them), in one pass over the input: every file is
 * written as the rows come, with bounded memory (ADR 33). Pure apart from the files it writes: the
 * same input gives the same bytes.
 */
public final class AuditPackage {

  /** The workbook's file name. */
  public static final String XLSX = "audit.xlsx";

  /** The HTML report's file name. */
  public static final String HTML = "report.html";

  /** The PDF report's file name. */
  public static final String PDF = "report.pdf";

  /** The deflate level of every compressed part: fast, the package is written in seconds. */
  static final int LEVEL = Deflater.BEST_SPEED;

  private AuditPackage() {}

  /** The zip's file name for a range. */
  public static String zipName(AuditInput.Scope scope) {
    return "audit-" + scope.from() + "-" + scope.to() + ".zip";
  }

  /** The zip's file name for a range. */
  public static String zipName(AuditData data) {
    return zipName(data.scope());
  }

  /** Writes the package of {@code input} with the default FSMA 204 column names. */
  public static List<String> write(AuditInput input, Path dir, Consumer<String> progress)
      throws IOException {
    return write(input, dir, progress, Fsma204.Columns.defaults());
  }

  /**
   * Writes the package into {@code dir} (created if missing; files of the same names replaced).
   *
   * @param progress told one line per file or sheet written
   * @param fsma the FSMA 204 sheets' column names
   * @return the names of the files written, the zip last
   */
  public static List<String> write(
      AuditInput input, Path dir, Consumer<String> progress, Fsma204.Columns fsma)
      throws IOException {
    Files.createDirectories(dir);
    Path work = Files.createTempDirectory(dir, ".audit-work-");
    AuditInput.Scope scope = input.scope();
    List<TableSpec> specs = AuditTables.specs(fsma);
    Instant created = scope.from().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    try (PackageFiles files = new PackageFiles(dir, work, LEVEL);
        XlsxStreamWriter xlsx = new XlsxStreamWriter(work, created, LEVEL);
        HtmlReportWriter html = new HtmlReportWriter(scope, work)) {
      Map<TableSpec, XlsxStreamWriter.Sheet> sheets = new HashMap<>();
      Map<TableSpec, CsvTableWriter> csvs = new HashMap<>();
      for (TableSpec t : specs) {
        sheets.put(t, xlsx.sheet(t.sheet(), t.names(), t.widths()));
        csvs.put(t, new CsvTableWriter(t, files.create(t.file(), true)));
      }
      Map<TableSpec, long[]> counts = new HashMap<>();
      TableSpec.RowSink rows =
          (t, r) -> {
            try {
              sheets.get(t).row(r);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            csvs.get(t).row(r);
            counts.computeIfAbsent(t, x -> new long[1])[0]++;
          };
      AuditPass.Result result;
      try (OutputStream pdfOut = files.create(PDF, false)) {
        PdfReportWriter pdf = new PdfReportWriter(scope, pdfOut, LEVEL);
        AuditPass.Report report =
            new AuditPass.Report() {
              @Override
              public void processing(String site, List<AuditData.ProcessRecord> t)
                  throws IOException {
                html.processing(site, t);
                pdf.processing(site, t);
              }

              @Override
              public void page(ReportModel.Page page) throws IOException {
                html.page(page);
                pdf.page(page);
              }
            };
        try {
          result = AuditPass.run(input, fsma, rows, report, progress);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        pdf.finish(result.summary());
      }
      List<String> names = new ArrayList<>();
      for (TableSpec t : specs) {
        csvs.get(t).close();
        long n = counts.getOrDefault(t, new long[1])[0];
        progress.accept(XLSX + ": sheet " + t.sheet() + ", " + n + " rows");
        progress.accept(t.file() + ": " + n + " rows");
        names.add(t.file());
      }
      try (OutputStream out = files.create(XLSX, false)) {
        xlsx.writeTo(out);
      }
      names.add(XLSX);
      try (OutputStream out = files.create(HTML, true)) {
        html.finish(result.summary(), out);
      }
      progress.accept(HTML + " written");
      names.add(HTML);
      progress.accept(PDF + " written");
      names.add(PDF);
      names.sort(null);
      byte[] manifest = PackageFiles.utf8(files.manifest(names));
      Files.write(dir.resolve(Manifest.FILE), manifest);
      String zip = zipName(scope);
      try (OutputStream out = Files.newOutputStream(dir.resolve(zip))) {
        files.zip(Manifest.FILE, manifest, names, out);
      }
      progress.accept(zip + ": " + (names.size() + 1) + " files");
      List<String> written = new ArrayList<>();
      written.add(Manifest.FILE);
      written.addAll(names);
      written.add(zip);
      return written;
    } finally {
      try (Stream<Path> left = Files.list(work)) {
        for (Path p : left.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(work);
    }
  }
}
