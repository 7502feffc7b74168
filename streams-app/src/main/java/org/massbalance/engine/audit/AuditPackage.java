package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the audit package of {@link AuditData} into a directory: {@code audit.xlsx}, one CSV file
 * per table, {@code report.html}, {@code report.pdf}, {@code MANIFEST.sha256} (every file above)
 * and {@code audit-{from}-{to}.zip} (all of them). Pure apart from the files it writes: the same
 * data gives the same bytes.
 */
public final class AuditPackage {

  /** The workbook's file name. */
  public static final String XLSX = "audit.xlsx";

  /** The HTML report's file name. */
  public static final String HTML = "report.html";

  /** The PDF report's file name. */
  public static final String PDF = "report.pdf";

  private AuditPackage() {}

  /** The zip's file name for a range. */
  public static String zipName(AuditData data) {
    return "audit-" + data.from() + "-" + data.to() + ".zip";
  }

  /**
   * Writes the package into {@code dir} (created if missing; files of the same names replaced).
   *
   * @param progress told one line per file or sheet written
   * @return the names of the files written, the zip last
   */
  public static List<String> write(AuditData data, Path dir, Consumer<String> progress)
      throws IOException {
    Files.createDirectories(dir);
    List<Table> tables = AuditTables.build(data);
    List<String> files = new ArrayList<>();
    Instant created = data.from().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    try (OutputStream out = Files.newOutputStream(dir.resolve(XLSX))) {
      XlsxWriter.write(
          tables,
          created,
          out,
          (sheet, rows) -> progress.accept(XLSX + ": sheet " + sheet + ", " + rows + " rows"));
    }
    files.add(XLSX);
    for (Table t : tables) {
      try (OutputStream out = Files.newOutputStream(dir.resolve(t.file()))) {
        CsvTableWriter.write(t, out);
      }
      files.add(t.file());
      progress.accept(t.file() + ": " + t.rows().size() + " rows");
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve(HTML))) {
      HtmlReportWriter.write(data, out);
    }
    files.add(HTML);
    progress.accept(HTML + " written");
    try (OutputStream out = Files.newOutputStream(dir.resolve(PDF))) {
      PdfReportWriter.write(data, out);
    }
    files.add(PDF);
    progress.accept(PDF + " written");
    files.sort(null);
    Files.writeString(dir.resolve(Manifest.FILE), Manifest.of(dir, files), StandardCharsets.UTF_8);
    List<String> zipped = new ArrayList<>();
    zipped.add(Manifest.FILE);
    zipped.addAll(files);
    String zip = zipName(data);
    try (OutputStream out = Files.newOutputStream(dir.resolve(zip))) {
      Zips.write(dir, zipped, out);
    }
    progress.accept(zip + ": " + zipped.size() + " files");
    List<String> written = new ArrayList<>(zipped);
    written.add(zip);
    return written;
  }
}
