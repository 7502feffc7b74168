package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.cli.MassBalanceCli;
import org.massbalance.engine.export.SnapshotExport;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine;

/**
 * {@code massbalance audit} on the demo data: the package's FRESNO ALMONDS November row, its trace
 * back to the two lots and their NOP ID, the manifest, the zip, the same package twice, and exit 1
 * with a readable line when the engine is away or the range holds no closed snapshot.
 */
class AuditPackageIT {

  private static final String APP_ID = "massbalance-audit-it";

  /** The demo's outbound movements and their quantities (its CSV files). */
  private static final Map<String, String> OUTBOUND =
      Map.of(
          "m-003", "600", "m-004", "500", "m-006", "30", "m-007", "400", "d-002", "450", "d-004",
          "200");

  @TempDir Path tmp;

  @Test
  void shouldWriteTheDemosAuditPackageTheSameTwice() throws Exception {
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        EngineRunner engine = ItSupport.startEngineWithDemoReference(stack, settings(stack))) {
      long movements = ItSupport.ingestDemo(stack);
      ItSupport.awaitApplied(engine, movements);
      ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
      // The demo's months close when the partitions are idle (2 s here, as in the demo).
      Map<String, Object> clients =
          Map.of(
              "bootstrap.servers", stack.bootstrapServers(),
              "schema.registry.url", stack.registryUrl());
      await("November's three snapshots closed")
          .atMost(ItSupport.DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  SnapshotExport.latest(clients, TopicDefaults.SNAPSHOTS, "2025-11", null).size()
                      == 3);

      Path first = tmp.resolve("audit-1");
      Run run = audit(stack, engine.apiUrl(), first, "2025-11");
      assertThat(run.exit).as(run.toString()).isZero();
      assertThat(run.err).contains("sheet Mass balance, 3 rows").doesNotContain("Exception");

      try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(first.resolve("audit.xlsx")))) {
        Map<String, Object> almonds =
            only(Workbooks.rows(wb.getSheet("Mass balance")), "FRESNO", "ALMONDS");
        assertThat(almonds)
            .containsEntry("period", "2025-11")
            .containsEntry("opening", 500.0)
            .containsEntry("receipts", 1750.0)
            .containsEntry("sales", 1500.0)
            .containsEntry("waste", 30.0)
            .containsEntry("expected_closing", 720.0)
            .containsEntry("counted", 715.0)
            .containsEntry("count_variance", -5.0)
            .containsEntry("variance_pct", -0.694444)
            .containsEntry("closing", 715.0)
            .containsEntry("status", "WITHIN_TOLERANCE");

        List<Map<String, Object>> trace = Workbooks.rows(wb.getSheet("Trace back"));
        Map<String, BigDecimal> sums = new HashMap<>();
        for (Map<String, Object> r : trace) {
          sums.merge(
              (String) r.get("movement_id"),
              new BigDecimal(String.valueOf(r.get("quantity"))),
              BigDecimal::add);
        }
        assertThat(sums.keySet()).containsExactlyInAnyOrderElementsOf(OUTBOUND.keySet());
        OUTBOUND.forEach(
            (m, q) -> assertThat(sums.get(m)).as("rows of " + m).isEqualByComparingTo(q));
        List<String> lotsOfSales = new ArrayList<>();
        for (Map<String, Object> r : trace) {
          if ("FRESNO".equals(r.get("site_id")) && "SALE".equals(r.get("type"))) {
            lotsOfSales.add((String) r.get("lot_id"));
            assertThat(r).containsEntry("supplier_nop_id", "8150000016");
          }
        }
        assertThat(lotsOfSales).contains("ALM-20251014-001", "ALM-20251109-001");
        assertThat(
                trace.stream()
                    .filter(r -> "m-003".equals(r.get("movement_id")))
                    .map(r -> r.get("lot_id")))
            .containsExactly("ALM-20251014-001", "ALM-20251109-001");
        Map<String, Object> waste = Workbooks.rows(wb.getSheet("Waste")).get(0);
        assertThat(waste).containsEntry("movement_id", "m-006").containsEntry("documented", true);
        assertThat(Workbooks.rows(wb.getSheet("Investigations")))
            .extracting(r -> r.get("site_id") + "/" + r.get("product_id"))
            .containsExactly("OAKLAND/PECANS");
        assertThat(Workbooks.rows(wb.getSheet("Alerts")))
            .extracting(r -> r.get("type"))
            .containsExactlyInAnyOrder("OVERSELL", "VARIANCE_EXCEEDED");
      }

      List<String> manifest = Files.readAllLines(first.resolve("MANIFEST.sha256"));
      List<String> listed = new ArrayList<>();
      for (String line : manifest) {
        String[] parts = line.split("  ", 2);
        assertThat(org.massbalance.engine.audit.Manifest.sha256(first.resolve(parts[1])))
            .as(parts[1])
            .isEqualTo(parts[0]);
        listed.add(parts[1]);
      }
      assertThat(listed)
          .contains(
              "audit.xlsx",
              "mass-balance.csv",
              "trace-back.csv",
              "trace-forward.csv",
              "report.html",
              "report.pdf");
      List<String> zipped = new ArrayList<>();
      try (ZipInputStream zip =
          new ZipInputStream(Files.newInputStream(first.resolve("audit-2025-11-2025-11.zip")))) {
        ZipEntry e;
        while ((e = zip.getNextEntry()) != null) {
          zipped.add(e.getName());
        }
      }
      assertThat(zipped).contains("MANIFEST.sha256").containsAll(listed);

      // report.html: nothing leaves the file, and Chromium prints a page per site and product.
      assertReportRendersOffline(first.resolve("report.html"));

      Path second = tmp.resolve("audit-2");
      Run again = audit(stack, engine.apiUrl(), second, "2025-11");
      assertThat(again.exit).as(again.toString()).isZero();
      assertSamePackage(first, second, listed);

      // --site keeps one site's rows.
      Path fresno = tmp.resolve("audit-fresno");
      Run site = audit(stack, engine.apiUrl(), fresno, "2025-11", "--site", "FRESNO");
      assertThat(site.exit).as(site.toString()).isZero();
      try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(fresno.resolve("audit.xlsx")))) {
        assertThat(Workbooks.rows(wb.getSheet("Mass balance")))
            .extracting(r -> r.get("site_id"))
            .containsExactly("FRESNO");
        assertThat(Workbooks.rows(wb.getSheet("Trace back")))
            .extracting(r -> r.get("site_id"))
            .containsOnly("FRESNO");
        assertThat(Workbooks.rows(wb.getSheet("Alerts"))).isEmpty();
      }

      // One table at a time: export alerts|lots|trace.
      Run alerts = export(stack, "alerts", "--format", "json");
      assertThat(alerts.exit).as(alerts.toString()).isZero();
      assertThat(alerts.out).contains("\"type\" : \"OVERSELL\"").contains("VARIANCE_EXCEEDED");
      Run traceCsv = export(stack, "trace", "--api", engine.apiUrl());
      assertThat(traceCsv.exit).as(traceCsv.toString()).isZero();
      assertThat(traceCsv.out.lines().findFirst().orElseThrow()).startsWith("movement_id,type,");
      assertThat(traceCsv.out)
          .contains("m-003,SALE,2025-11-12T08:00:00Z,FRESNO,ALMONDS,ALM-20251014-001,500,lb,");
      assertThat(Files.readString(first.resolve("trace-back.csv"))).isEqualTo(traceCsv.out);
      Run lotsJson = export(stack, "lots", "--api", engine.apiUrl(), "--format", "json");
      assertThat(lotsJson.exit).as(lotsJson.toString()).isZero();
      assertThat(lotsJson.out).contains("\"lot_id\" : \"ALM-20251109-001\"");
      assertThat(export(stack, "lots").exit).as("lots without --api").isEqualTo(2);

      Run away = audit(stack, "http://127.0.0.1:1", tmp.resolve("audit-3"), "2025-11");
      assertThat(away.exit).isEqualTo(1);
      assertThat(away.err)
          .contains("cannot reach the engine API at http://127.0.0.1:1")
          .doesNotContain("Exception");
      Run registryAway =
          audit(
              stack,
              engine.apiUrl(),
              tmp.resolve("audit-5"),
              "2025-11",
              "--registry",
              "http://127.0.0.1:1");
      assertThat(registryAway.exit).as(registryAway.toString()).isEqualTo(1);
      assertThat(registryAway.err)
          .contains("cannot reach the schema registry at http://127.0.0.1:1")
          .doesNotContain("Exception");
      Run empty = audit(stack, engine.apiUrl(), tmp.resolve("audit-4"), "2024-01");
      assertThat(empty.exit).isEqualTo(1);
      assertThat(empty.err).contains("no closed snapshot in 2024-01").doesNotContain("Exception");
    }
  }

  private static Properties settings(LocalStack stack) throws IOException {
    Properties p =
        ItSupport.engineSettings(stack, Files.createTempDirectory("audit-it-state"), APP_ID);
    p.put("period.idle.close.ms", "2000");
    p.put("period.close.check.ms", "500");
    return p;
  }

  /**
   * Every file but generated_at (Summary row, summary.csv, the report's cover and page headers) is
   * equal.
   */
  private static void assertSamePackage(Path a, Path b, List<String> files) throws IOException {
    for (String f : files) {
      if (f.endsWith(".csv") || f.endsWith(".html")) {
        assertThat(withoutGeneratedAt(Files.readString(b.resolve(f))))
            .as(f)
            .isEqualTo(withoutGeneratedAt(Files.readString(a.resolve(f))));
      } else if (f.endsWith(".xlsx")) {
        assertThat(workbookCells(b.resolve(f))).as(f).isEqualTo(workbookCells(a.resolve(f)));
      } else if (f.endsWith(".pdf")) {
        assertThat(withoutGeneratedAt(pdfText(b.resolve(f))))
            .as(f)
            .isEqualTo(withoutGeneratedAt(pdfText(a.resolve(f))));
      }
    }
  }

  private static String withoutGeneratedAt(String s) {
    // generated_at, and the report's page headers ("generated <instant> page N of M")
    return s.replaceAll(
        "generated(_at)?([^0-9]{0,20})\\d{4}-\\d{2}-\\d{2}T[0-9:]+Z", "generated$1$2X");
  }

  private static String pdfText(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(doc);
    }
  }

  private static Map<String, List<Map<String, Object>>> workbookCells(Path xlsx)
      throws IOException {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      for (Sheet s : wb) {
        List<Map<String, Object>> rows = Workbooks.rows(s);
        rows.forEach(r -> r.computeIfPresent("value", (k, v) -> withoutGeneratedAt("" + v)));
        rows.removeIf(r -> "generated_at".equals(r.get("item")));
        out.put(s.getSheetName(), rows);
      }
    }
    return out;
  }

  private static Map<String, Object> only(
      List<Map<String, Object>> rows, String site, String product) {
    List<Map<String, Object>> match =
        rows.stream()
            .filter(r -> site.equals(r.get("site_id")) && product.equals(r.get("product_id")))
            .toList();
    assertThat(match).as(site + " " + product).hasSize(1);
    return match.get(0);
  }

  private record Run(int exit, String out, String err) {}

  private static Run export(LocalStack stack, String what, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                what,
                "--period",
                "2025-11",
                "--bootstrap",
                stack.bootstrapServers(),
                "--registry",
                stack.registryUrl()));
    args.addAll(List.of(more));
    CommandLine cmd = MassBalanceCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private static Run audit(LocalStack stack, String api, Path dir, String month, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "--from",
                month,
                "--to",
                month,
                "--out",
                dir.toString(),
                "--bootstrap",
                stack.bootstrapServers(),
                "--registry",
                stack.registryUrl(),
                "--api",
                api));
    for (int i = 0; i + 1 < more.length; i += 2) {
      int at = args.indexOf(more[i]);
      if (at >= 0 && !more[i].equals("--site")) {
        args.set(at + 1, more[i + 1]);
      } else {
        args.add(more[i]);
        args.add(more[i + 1]);
      }
    }
    CommandLine cmd = MassBalanceCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * The report as a person opens it: no reference to another origin (the SVG namespace aside), and
   * Debian's headless Chromium prints it to one page per (site, product) section plus the summary
   * and renders a screenshot kept in {@code target/audit/report.png}.
   */
  private void assertReportRendersOffline(Path report) throws Exception {
    String html = Files.readString(report);
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:");
    Path chromium = Path.of("/usr/bin/chromium");
    DebianPackages.require(Files.isExecutable(chromium), "Chromium is missing", "chromium");
    int sections = html.split("<section class=\"page\">", -1).length - 1;
    assertThat(sections).isGreaterThanOrEqualTo(2);
    Path pdf = tmp.resolve("chromium-report.pdf");
    Path shots = Path.of(System.getProperty("basedir", "."), "target/audit");
    Files.createDirectories(shots);
    Path png = shots.resolve("report.png");
    chromium("--print-to-pdf=" + pdf, "--no-pdf-header-footer", report.toUri().toString());
    chromium("--screenshot=" + png, "--window-size=1200,1600", report.toUri().toString());
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      assertThat(doc.getNumberOfPages()).as("printed pages").isGreaterThanOrEqualTo(sections);
    }
    assertThat(Files.size(png)).as("screenshot").isGreaterThan(10_000);
  }

  private static void chromium(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(out, java.nio.charset.StandardCharsets.UTF_8)).isZero();
  }
}
