package org.massbalance.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure writers of the audit package, on the demo's November, without Kafka. */
class AuditPackageTest {

  private static final Instant GENERATED = Instant.parse("2026-11-30T09:00:00Z");

  @TempDir Path dir;

  @Test
  void shouldWriteTheContractsSheetsWithTheAlmondsRowAsNumbers() throws IOException {
    AuditPackage.write(AuditFixtures.data(GENERATED), dir, line -> {});

    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve("audit.xlsx")))) {
      List<String> names = new ArrayList<>();
      wb.forEach(s -> names.add(s.getSheetName()));
      assertThat(names)
          .containsExactly(
              "Summary",
              "Mass balance",
              "Consolidated",
              "Trace back",
              "Trace forward",
              "Lots",
              "Suppliers",
              "Waste",
              "Alerts",
              "Investigations",
              "Import certificates",
              "Sign-offs",
              "Processing",
              "FSMA 204 Receiving",
              "FSMA 204 Shipping",
              "FSMA 204 Transformation");
      Map<String, Object> almonds = row(wb.getSheet("Mass balance"), "FRESNO", "ALMONDS");
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
      XSSFSheet mb = wb.getSheet("Mass balance");
      assertThat(mb.getRow(0).getCell(0).getStringCellValue()).isEqualTo("site_id");
      assertThat(mb.getPaneInformation().isFreezePane()).isTrue();
      assertThat(mb.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
      assertThat(mb.getCTWorksheet().isSetAutoFilter()).isTrue();
      assertThat(mb.getColumnWidth(0)).isGreaterThan(256 * 8);
      // Sorted by site: FRESNO before OAKLAND although the data lists OAKLAND first.
      assertThat(mb.getRow(1).getCell(0).getStringCellValue()).isEqualTo("FRESNO");
      assertThat(wb.getSheet("Investigations").getRow(1).getCell(0).getStringCellValue())
          .isEqualTo("OAKLAND");
    }
  }

  @Test
  void shouldMakeEveryMovementsTraceBackRowsAddUpToItsQuantity() throws IOException {
    AuditPackage.write(AuditFixtures.data(GENERATED), dir, line -> {});

    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve("audit.xlsx")))) {
      Sheet tb = wb.getSheet("Trace back");
      Map<String, Integer> col = header(tb);
      Map<String, BigDecimal> sums = new HashMap<>();
      List<String> m003Lots = new ArrayList<>();
      for (int r = 1; r <= tb.getLastRowNum(); r++) {
        Row row = tb.getRow(r);
        String movement = row.getCell(col.get("movement_id")).getStringCellValue();
        sums.merge(
            movement,
            BigDecimal.valueOf(row.getCell(col.get("quantity")).getNumericCellValue()),
            BigDecimal::add);
        if (movement.equals("m-003")) {
          m003Lots.add(row.getCell(col.get("lot_id")).getStringCellValue());
          assertThat(row.getCell(col.get("supplier_nop_id")).getStringCellValue())
              .isEqualTo(AuditFixtures.NOP);
        }
      }
      assertThat(m003Lots).containsExactly(AuditFixtures.LOT_OCT, AuditFixtures.LOT_NOV);
      assertThat(sums.get("m-003")).isEqualByComparingTo("600");
      assertThat(sums.get("m-007")).isEqualByComparingTo("400");
      assertThat(sums.get("d-002")).as("400 from a lot + 50 uncovered").isEqualByComparingTo("450");
    }
    String csv = Files.readString(dir.resolve("trace-back.csv"));
    assertThat(csv).contains("d-002,SALE,2025-11-10T08:00:00Z,OAKLAND,WALNUTS,,50,kg,");
  }

  @Test
  void shouldNeutraliseCsvTextThatASpreadsheetWouldRunButKeepNegativeNumbers() throws IOException {
    AuditPackage.write(AuditFixtures.data(GENERATED), dir, line -> {});

    String trace = Files.readString(dir.resolve("trace-back.csv"), StandardCharsets.UTF_8);
    assertThat(trace).contains("\"'=HYPERLINK(\"\"x\"\")\"").contains(",'-SO-5560");
    assertThat(trace).doesNotContain(",=HYPERLINK").doesNotContain(",-SO-5560");
    String mb = Files.readString(dir.resolve("mass-balance.csv"), StandardCharsets.UTF_8);
    assertThat(mb.lines().findFirst().orElseThrow())
        .isEqualTo(
            "site_id,product_id,period,revision,unit,opening,receipts,sales,waste,transfers_in,"
                + "transfers_out,adjustments,expected_closing,counted,count_variance,"
                + "variance_pct,closing,waste_pct,status,processed,produced,corrections");
    assertThat(mb)
        .contains(
            "FRESNO,ALMONDS,2025-11,1,lb,500,1750,1500,30,0,0,0,720,715,-5,-0.694444,715,"
                + "1.333333,WITHIN_TOLERANCE");
    assertThat(CsvTableWriter.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvTableWriter.neutralise("+1")).isEqualTo("'+1");
    assertThat(CsvTableWriter.neutralise("VNG")).isEqualTo("VNG");
  }

  @Test
  void shouldListEachWasteWithItsReasonAndDocument() throws IOException {
    AuditPackage.write(AuditFixtures.data(GENERATED), dir, line -> {});

    List<String> waste = Files.readAllLines(dir.resolve("waste.csv"), StandardCharsets.UTF_8);
    assertThat(waste.get(0))
        .startsWith(
            "site_id,product_id,period,movement_id,occurred_at,quantity,unit,reason,document_ref,"
                + "documented");
    assertThat(waste)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "FRESNO,ALMONDS,2025-11,m-006,2025-11-22T08:00:00Z,30,lb,moisture damage,"
                            + "WD-0042,"));
  }

  @Test
  void shouldListEveryFileInAManifestThatVerifiesAndZipThemAll() throws IOException {
    List<String> written = AuditPackage.write(AuditFixtures.data(GENERATED), dir, line -> {});

    List<String> manifest = Files.readAllLines(dir.resolve("MANIFEST.sha256"));
    assertThat(manifest).hasSize(19);
    for (String line : manifest) {
      String[] parts = line.split("  ", 2);
      assertThat(parts[0]).matches("[0-9a-f]{64}");
      assertThat(Manifest.sha256(dir.resolve(parts[1]))).as(parts[1]).isEqualTo(parts[0]);
    }
    assertThat(manifest.stream().map(l -> l.substring(66)))
        .contains("audit.xlsx", "report.html", "report.pdf", "mass-balance.csv", "trace-back.csv");
    List<String> entries = new ArrayList<>();
    try (ZipInputStream zip =
        new ZipInputStream(Files.newInputStream(dir.resolve("audit-2025-11-2025-11.zip")))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        entries.add(e.getName());
        assertThat(zip.readAllBytes()).isEqualTo(Files.readAllBytes(dir.resolve(e.getName())));
      }
    }
    assertThat(entries).hasSize(20).contains("MANIFEST.sha256");
    assertThat(written).containsAll(entries).contains("audit-2025-11-2025-11.zip");
  }

  @Test
  void shouldWriteTheSameBytesForTheSameData() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    List<String> files = AuditPackage.write(AuditFixtures.data(GENERATED), a, line -> {});
    AuditPackage.write(AuditFixtures.data(GENERATED), b, line -> {});

    for (String f : files) {
      assertThat(Files.readAllBytes(b.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
  }

  @Test
  void shouldWriteASelfContainedReportWithAPagePerSiteAndProductAndAPdf() throws IOException {
    AuditPackage.write(AuditFixtures.data(GENERATED), dir, line -> {});

    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .doesNotContainIgnoringCase("http")
        .doesNotContain("<script")
        .doesNotContain("src=");
    assertThat(html).contains("page-break-after: always").contains("<svg");
    assertThat(html.split("<section class=\"page\">", -1)).hasSize(1 + 1 + 2);
    assertThat(html).contains("ALM-20251014-001").contains("8150000016").contains("Sign-off");
    try (InputStream in = Files.newInputStream(dir.resolve("report.pdf"));
        PDDocument pdf = Loader.loadPDF(in.readAllBytes())) {
      assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void shouldShowTheEnginesInvestigationCasesAndDraftTheOpenOnes() throws IOException {
    AuditData base = AuditFixtures.data(GENERATED);
    AuditData data =
        new AuditData(
            base.from(),
            base.to(),
            base.sites(),
            base.generatedAt(),
            base.snapshots(),
            base.consolidated(),
            base.traces(),
            base.lots(),
            base.certificates(),
            base.products(),
            base.alerts(),
            List.of(
                new AuditData.InvestigationRecord(
                    "OAKLAND",
                    "PECANS",
                    "2025-11",
                    "open",
                    "2026-01-02",
                    true,
                    false,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)));
    AuditPackage.write(data, dir, line -> {});

    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve("audit.xlsx")))) {
      Sheet inv = wb.getSheet("Investigations");
      Map<String, Integer> col = header(inv);
      assertThat(col).containsKeys("due_on", "overdue", "late", "cause", "certifier_notified_on");
      Row pecans = inv.getRow(1);
      assertThat(pecans.getCell(col.get("status")).getStringCellValue()).isEqualTo("open");
      assertThat(pecans.getCell(col.get("due_on")).getStringCellValue()).isEqualTo("2026-01-02");
      assertThat(pecans.getCell(col.get("overdue")).getBooleanCellValue()).isTrue();
    }
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .contains("open, due 2026-01-02")
        .contains("(overdue)")
        .contains("Undocumented waste: none")
        .contains("Cause: ______");
  }

  private static Map<String, Integer> header(Sheet sheet) {
    Map<String, Integer> out = new HashMap<>();
    Row h = sheet.getRow(0);
    for (int c = 0; c < h.getLastCellNum(); c++) {
      out.put(h.getCell(c).getStringCellValue(), c);
    }
    return out;
  }

  /** The row of site and product as column name -> String or Double. */
  static Map<String, Object> row(Sheet sheet, String site, String product) {
    Map<String, Integer> col = header(sheet);
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      if (row.getCell(col.get("site_id")).getStringCellValue().equals(site)
          && row.getCell(col.get("product_id")).getStringCellValue().equals(product)) {
        Map<String, Object> out = new HashMap<>();
        col.forEach(
            (name, c) -> {
              var cell = row.getCell(c);
              if (cell != null) {
                out.put(
                    name,
                    cell.getCellType() == CellType.NUMERIC
                        ? (Object) cell.getNumericCellValue()
                        : cell.getStringCellValue());
              }
            });
        return out;
      }
    }
    throw new AssertionError("no row " + site + " " + product);
  }
}
