package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.massbalance.it.SnapshotAcceptanceIT.SNAPSHOT_FIELDS;
import static org.massbalance.it.SnapshotAcceptanceIT.ZERO;
import static org.massbalance.it.SnapshotAcceptanceIT.kg;
import static org.massbalance.it.SnapshotAcceptanceIT.lb;
import static org.massbalance.it.SnapshotAcceptanceIT.show;
import static org.massbalance.it.SnapshotAcceptanceIT.t;
import static org.massbalance.it.SnapshotAcceptanceIT.uncounted;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.cli.MassBalanceCli;
import org.massbalance.engine.export.SnapshotExport;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.it.SnapshotAcceptanceIT.Expected;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.producers.ingest.IngestSummary;
import org.massbalance.producers.ingest.Ingester;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine;

/**
 * {@code massbalance audit --from 2026-01 --to 2026-03} over the three-site, three-month acceptance
 * data (with the suppliers' NOP IDs, a supplier suspended mid-range and a fourth key whose SALE
 * draws two lots; see {@code src/test/resources/audit-acceptance/README.md}), read back as an
 * inspector would: every cell of {@code Mass balance} against the figures worked out by hand in
 * {@link SnapshotAcceptanceIT} from the contract's Arithmetic, the {@code Trace back} rows of a
 * SALE that draws two lots, every movement's rows adding up to its quantity, the suspended
 * supplier's {@code Suppliers} row, the {@code Waste} sheet's undocumented waste, CSV text that a
 * spreadsheet would run neutralised, and a manifest that {@code sha256sum -c} verifies.
 */
class AuditAcceptanceIT {

  private static final String APP_ID = "massbalance-audit-acceptance-it";

  /** As in {@link SnapshotAcceptanceIT}: January to May are closed in every zone, June in none. */
  private static final Instant WALL_CLOCK = Instant.parse("2026-09-15T12:00:00Z");

  private static final Duration GRACE = Duration.ofDays(90);

  private static final List<String> RANGE = List.of("2026-01", "2026-02", "2026-03");

  /** The acceptance data's suppliers (a RECEIPT's counterparty_id there) and their NOP IDs. */
  private static final Map<String, String> NOP_IDS =
      Map.of("SUP-1", "8150000101", "SUP-5", "8150000105", "SUP-9", "8150000202");

  @TempDir Path tmp;

  private static final String FRESNO_WITH_ADDRESS =
      "site_id,name,time_zone,country,address_line,city,region,postal_code\n"
          + "FRESNO,Fresno warehouse,America/Los_Angeles,US,2900 S Cherry Ave,Fresno,CA,93706\n";

  private static final String FRESNO_LOCATION =
      "Fresno warehouse (FRESNO), 2900 S Cherry Ave, Fresno, CA 93706, US";

  /**
   * The acceptance snapshots of the range, and FRESNO|COCOA by hand from extra-movements.csv (kg,
   * tolerance 2 %): January x-01 RECEIPT 100; February x-02 RECEIPT 80 (closing 180); March x-03
   * SALE 150 and x-04 WASTE 2: closing 28, waste_pct = 100 * 2 / 180 = 1.111111.
   */
  static List<Expected> expectedMassBalance() {
    List<Expected> e = new ArrayList<>();
    for (Expected x : SnapshotAcceptanceIT.expectedSiteSnapshots()) {
      if (RANGE.contains(x.period())) {
        e.add(x);
      }
    }
    Expected jan =
        uncounted(
            "FRESNO", "COCOA", "2026-01", "kg", "2.0", ZERO, kg("100"), ZERO, ZERO, ZERO, ZERO,
            ZERO, ZERO);
    Expected feb =
        uncounted(
            "FRESNO",
            "COCOA",
            "2026-02",
            "kg",
            "2.0",
            jan.closing(),
            kg("80"),
            ZERO,
            ZERO,
            ZERO,
            ZERO,
            ZERO,
            ZERO);
    Expected mar =
        uncounted(
            "FRESNO",
            "COCOA",
            "2026-03",
            "kg",
            "2.0",
            feb.closing(),
            ZERO,
            kg("150"),
            kg("2"),
            ZERO,
            ZERO,
            ZERO,
            ZERO);
    assertThat(show(mar.closing(), "kg")).isEqualTo("28");
    e.addAll(List.of(jan, feb, mar));
    return e;
  }

  @Test
  void shouldWriteTheThreeSiteAuditPackageAsTheContractWorksItOut() throws Exception {
    List<Expected> expected = expectedMassBalance();
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"))) {
      Ingester ingester = ItSupport.ingester(stack);
      assertThat(ingest(ingester, Dataset.SITES, resource("/acceptance/sites.csv"))).isEqualTo(3);
      assertThat(ingest(ingester, Dataset.PRODUCTS, resource("/audit-acceptance/products.csv")))
          .isEqualTo(2);
      assertThat(
              ingest(
                  ingester, Dataset.CERTIFICATES, resource("/audit-acceptance/certificates.csv")))
          .isEqualTo(3);
      // FRESNO's record again, with its address: the FSMA 204 location descriptions
      assertThat(
              ingest(ingester, Dataset.SITES, FRESNO_WITH_ADDRESS.getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(1);

      Properties settings = ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID);
      settings.put("period.grace.ms", Long.toString(GRACE.toMillis()));
      settings.put("period.idle.close.ms", "2000");
      settings.put("period.close.check.ms", "500");
      try (EngineRunner engine =
          EngineRunner.start(settings, SettableClock.startingAt(WALL_CLOCK))) {
        long movements =
            ingest(ingester, Dataset.MOVEMENTS, acceptanceMovementsWithNopIds())
                + ingest(
                    ingester, Dataset.MOVEMENTS, resource("/audit-acceptance/extra-movements.csv"));
        assertThat(movements).isEqualTo(35);
        // 35 movements + 3 transfer arrivals.
        ItSupport.awaitApplied(engine, movements + 3);
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
        Map<String, Object> clients =
            Map.of(
                "bootstrap.servers", stack.bootstrapServers(),
                "schema.registry.url", stack.registryUrl());
        await("the range's snapshots closed")
            .atMost(ItSupport.DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    RANGE.stream()
                            .mapToInt(
                                p ->
                                    SnapshotExport.latest(clients, TopicDefaults.SNAPSHOTS, p, null)
                                        .size())
                            .sum()
                        == expected.size());

        Path out = tmp.resolve("audit");
        Run run = audit(stack, engine.apiUrl(), out);
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.err).contains("sheet Mass balance, " + expected.size() + " rows");

        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("audit.xlsx")))) {
          assertMassBalance(wb.getSheet("Mass balance"), expected);
          assertTraceBack(Workbooks.rows(wb.getSheet("Trace back")));
          assertSuspendedSupplier(Workbooks.rows(wb.getSheet("Suppliers")));
          assertWaste(Workbooks.rows(wb.getSheet("Waste")));
          assertFsma204Receiving(Workbooks.rows(wb.getSheet("FSMA 204 Receiving")));
          assertFsma204Shipping(Workbooks.rows(wb.getSheet("FSMA 204 Shipping")));
          assertPdfHoldsTheMassBalance(
              out.resolve("report.pdf"), Workbooks.rows(wb.getSheet("Mass balance")));
        }
        assertCsvNeutralised(out);
        assertManifestVerifiesAndZipHoldsAll(out);
      }
    }
  }

  /** Every cell of every row: the header in contract order, one row per snapshot of the range. */
  private static void assertMassBalance(Sheet sheet, List<Expected> expected) {
    Row header = sheet.getRow(0);
    List<String> names = new ArrayList<>();
    header.forEach(c -> names.add(c.getStringCellValue()));
    List<String> extras = List.of("processed", "produced", "corrections");
    List<String> all = new ArrayList<>(SNAPSHOT_FIELDS);
    all.addAll(extras);
    assertThat(names).containsExactlyElementsOf(all);
    assertThat(sheet.getLastRowNum()).as("rows").isEqualTo(expected.size());
    Map<String, Map<String, Object>> byKey = new HashMap<>();
    for (Expected x : expected) {
      byKey.put(x.site() + "|" + x.product() + "|" + x.period(), x.fields());
    }
    TreeSet<String> seen = new TreeSet<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      String key =
          row.getCell(0).getStringCellValue()
              + "|"
              + row.getCell(1).getStringCellValue()
              + "|"
              + row.getCell(2).getStringCellValue();
      Map<String, Object> want = byKey.get(key);
      assertThat(want).as("unexpected row " + key).isNotNull();
      seen.add(key);
      for (int c = 0; c < names.size(); c++) {
        String field = names.get(c);
        Object w = extras.contains(field) ? "0" : want.get(field);
        Cell cell = row.getCell(c);
        String where = key + " " + field;
        if (w == null) {
          assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(where).isTrue();
        } else if (field.equals("revision")) {
          assertThat(cell.getNumericCellValue()).as(where).isEqualTo(((Integer) w).doubleValue());
        } else if (isQuantity(field)) {
          assertThat(cell.getCellType()).as(where + " is a number").isEqualTo(CellType.NUMERIC);
          assertThat(BigDecimal.valueOf(cell.getNumericCellValue()))
              .as(where)
              .isEqualByComparingTo(new BigDecimal((String) w));
        } else {
          assertThat(cell.getStringCellValue()).as(where).isEqualTo(w);
        }
      }
    }
    assertThat(seen).isEqualTo(new TreeSet<>(byKey.keySet()));
  }

  private static boolean isQuantity(String field) {
    return (SNAPSHOT_FIELDS.indexOf(field) >= SNAPSHOT_FIELDS.indexOf("opening")
            && !field.equals("status"))
        || !SNAPSHOT_FIELDS.contains(field);
  }

  private static final String MISSING = "Missing KDEs";

  /**
   * x-01 and x-02, FRESNO's COCOA receipts from SUP-9 (NOP ID 8150000202): each key data element of
   * 21 CFR 1.1345, the supplier's lot as the traceability lot code, FRESNO described from its site
   * record with its address, nothing missing. AMS has no address: its rows name the receiving
   * location as missing.
   */
  private static void assertFsma204Receiving(List<Map<String, Object>> rows) {
    String[][] receipts = {
      {"x-01", "S9-A", "100", "2026-01-15", "PO-X1"}, {"x-02", "S9-B", "80", "2026-02-10", "PO-X2"}
    };
    for (String[] x : receipts) {
      Map<String, Object> r = byMovement(rows, x[0]);
      assertThat(r)
          .containsEntry("Traceability Lot Code (TLC)", x[1])
          .containsEntry("Quantity", Double.valueOf(x[2]))
          .containsEntry("Unit of Measure", "kg")
          .containsEntry("Product Description", "Cocoa beans (COCOA)")
          .containsEntry("Location Description Where Food Was Received", FRESNO_LOCATION)
          .containsEntry("Date Received", x[3])
          .containsEntry("Reference Document Type", "Purchase order")
          .containsEntry("Reference Document Number", x[4])
          .containsEntry("site_id", "FRESNO")
          .containsEntry("product_id", "COCOA")
          .containsEntry("event", "RECEIPT");
      assertThat((String) r.get("Location Description of Immediate Previous Source"))
          .contains("SUP-9")
          .contains("8150000202");
      assertThat((String) r.get("Location Description of TLC Source or TLC Source Reference"))
          .contains("SUP-9");
      assertThat(r.get(MISSING)).as(x[0] + " complete").isIn(null, "");
    }
    List<Map<String, Object>> ams =
        rows.stream().filter(r -> "AMS".equals(r.get("site_id"))).toList();
    assertThat(ams).isNotEmpty();
    assertThat(ams)
        .allSatisfy(
            r ->
                assertThat((String) r.get(MISSING))
                    .contains("Location Description Where Food Was Received"));
    // every receipt of the range has its rows: a row per lot received
    assertThat(rows).extracting(r -> r.get("event")).contains("RECEIPT", "TRANSFER");
  }

  /**
   * x-03, the SALE of 150 kg of COCOA at FRESNO on 2026-03-05: a row per lot drawn (S9-A 100, S9-B
   * 50), shipped from FRESNO to @CUST-9, the reference document as written, nothing missing.
   */
  private static void assertFsma204Shipping(List<Map<String, Object>> rows) {
    List<Map<String, Object>> x03 =
        rows.stream().filter(r -> "x-03".equals(r.get("movement_id"))).toList();
    assertThat(x03)
        .extracting(r -> r.get("Traceability Lot Code (TLC)") + " " + r.get("Quantity"))
        .containsExactlyInAnyOrder("S9-A 100.0", "S9-B 50.0");
    for (Map<String, Object> r : x03) {
      assertThat(r)
          .containsEntry("Unit of Measure", "kg")
          .containsEntry("Product Description", "Cocoa beans (COCOA)")
          .containsEntry("Location Description of Immediate Subsequent Recipient", "@CUST-9")
          .containsEntry("Location Description Where Food Was Shipped From", FRESNO_LOCATION)
          .containsEntry("Date Shipped", "2026-03-05")
          .containsEntry("Reference Document Type", "document")
          .containsEntry("Reference Document Number", "=HYPERLINK(\"http://x\",\"SO-X3\")")
          .containsEntry("event", "SALE");
      assertThat((String) r.get("Location Description of TLC Source or TLC Source Reference"))
          .contains("SUP-9");
      assertThat(r.get(MISSING)).isIn(null, "");
    }
  }

  /** The figures of the mass-balance table of each site and product in the PDF's text. */
  private static final List<String> PDF_FIGURES =
      List.of(
          "opening",
          "receipts",
          "transfers_in",
          "sales",
          "waste",
          "transfers_out",
          "adjustments",
          "expected_closing",
          "counted",
          "count_variance",
          "variance_pct",
          "closing");

  /**
   * The text PDFBox extracts from report.pdf holds, in each site and product's mass-balance table,
   * the XLSX's figures cell by cell: a row per month (period, the figures, status).
   */
  private static void assertPdfHoldsTheMassBalance(Path pdf, List<Map<String, Object>> xlsx)
      throws IOException {
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(Files.readAllBytes(pdf))) {
      org.apache.pdfbox.text.PDFTextStripper stripper =
          new org.apache.pdfbox.text.PDFTextStripper();
      List<String> pages = new ArrayList<>();
      for (int p = 1; p <= doc.getNumberOfPages(); p++) {
        stripper.setStartPage(p);
        stripper.setEndPage(p);
        pages.add(stripper.getText(doc));
      }
      int checked = 0;
      for (Map<String, Object> row : xlsx) {
        String name = row.get("site_id") + " \u2013 " + row.get("product_id");
        String page =
            pages.stream()
                .filter(t -> t.contains(name) && t.contains("Mass balance"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no page of " + name));
        String period = (String) row.get("period");
        String[] cells =
            page.lines()
                .filter(l -> l.startsWith(period + " "))
                .map(l -> l.strip().split("\\s+"))
                .filter(t -> t.length >= PDF_FIGURES.size() + 2)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + period + " on " + name));
        for (int i = 0; i < PDF_FIGURES.size(); i++) {
          String field = PDF_FIGURES.get(i);
          Object want = row.get(field);
          String where = name + " " + period + " " + field;
          if (want == null) {
            assertThat(cells[i + 1]).as(where).isEqualTo("\u2013");
          } else {
            assertThat(new BigDecimal(cells[i + 1]))
                .as(where)
                .isEqualByComparingTo(BigDecimal.valueOf((Double) want));
          }
        }
        assertThat(cells[PDF_FIGURES.size() + 1])
            .as(name + " " + period)
            .isEqualTo(row.get("status"));
        checked++;
      }
      assertThat(checked).isEqualTo(xlsx.size());
    }
  }

  /**
   * x-03 SALE 150 kg at FRESNO on 2026-03-05 (site-local midnight, PST) draws first-in first-out:
   * 100 from x-01's lot (received 2026-01-15) and 50 from x-02's (2026-02-10), both from SUP-9,
   * certified. Every outbound movement's rows add up to its quantity.
   */
  private static void assertTraceBack(List<Map<String, Object>> trace) {
    List<Map<String, Object>> x03 =
        trace.stream().filter(r -> "x-03".equals(r.get("movement_id"))).toList();
    assertThat(x03).hasSize(2);
    String[][] lots = {{"COC-20260115-001", "100", "S9-A"}, {"COC-20260210-001", "50", "S9-B"}};
    for (int i = 0; i < 2; i++) {
      assertThat(x03.get(i))
          .containsEntry("type", "SALE")
          .containsEntry("occurred_at", "2026-03-05T08:00:00Z")
          .containsEntry("site_id", "FRESNO")
          .containsEntry("product_id", "COCOA")
          .containsEntry("lot_id", lots[i][0])
          .containsEntry("quantity", Double.valueOf(lots[i][1]))
          .containsEntry("unit", "kg")
          .containsEntry("supplier_id", "SUP-9")
          .containsEntry("supplier_lot", lots[i][2])
          .containsEntry("supplier_nop_id", "8150000202")
          .containsEntry("certified_at_receipt", true)
          .containsEntry("counterparty_id", "@CUST-9")
          .containsEntry("document_ref", "=HYPERLINK(\"http://x\",\"SO-X3\")");
    }
    // The outbound movements of the range and their quantities in the product's unit (lb for
    // ALMONDS, kg for COCOA), from movements.csv and extra-movements.csv.
    Map<String, BigDecimal> outbound = new LinkedHashMap<>();
    outbound.put("f-02", lb2("200", "kg"));
    outbound.put("f-03", new BigDecimal("10"));
    outbound.put("f-04", new BigDecimal("100"));
    outbound.put("f-06", new BigDecimal("5"));
    outbound.put("f-09", new BigDecimal("100"));
    outbound.put("f-10", new BigDecimal("200"));
    outbound.put("f-12", lb2("1", "kg"));
    outbound.put("a-01", lb2("20", "kg"));
    outbound.put("a-02", lb2("2", "kg"));
    outbound.put("c-02", show2(lb("1500")));
    outbound.put("c-03", new BigDecimal("300"));
    outbound.put("c-06", new BigDecimal("30"));
    outbound.put("c-07", new BigDecimal("80"));
    outbound.put("c-08", new BigDecimal("100"));
    outbound.put("t-02", new BigDecimal("453.59237"));
    outbound.put("t-03", new BigDecimal("3.25"));
    outbound.put("t-04", new BigDecimal("5"));
    outbound.put("t-06", new BigDecimal("50"));
    outbound.put("x-03", new BigDecimal("150"));
    outbound.put("x-04", new BigDecimal("2"));
    Map<String, BigDecimal> sums = new LinkedHashMap<>();
    for (Map<String, Object> r : trace) {
      sums.merge(
          (String) r.get("movement_id"),
          BigDecimal.valueOf((Double) r.get("quantity")),
          BigDecimal::add);
    }
    assertThat(sums.keySet()).containsExactlyInAnyOrderElementsOf(outbound.keySet());
    outbound.forEach(
        (id, q) -> assertThat(sums.get(id)).as("rows of " + id).isEqualByComparingTo(q));
  }

  /** {@code q} of {@code unit} in lb, 6 places, as the sheet holds it. */
  private static BigDecimal lb2(String q, String unit) {
    return new BigDecimal(show(unit.equals("kg") ? kg(q) : lb(q), "lb"));
  }

  /** Exact kg at 6 places. */
  private static BigDecimal show2(BigDecimal kg) {
    return new BigDecimal(show(kg, "kg"));
  }

  /**
   * 8150000101 (SUP-1) is SUSPENDED since 2026-02-15: three receipts of ALMONDS at FRESNO in the
   * range (1000 lb, 0.5 t, 10 lb), the last (2026-02-20) while not certified.
   */
  private static void assertSuspendedSupplier(List<Map<String, Object>> suppliers) {
    List<Map<String, Object>> sup1 =
        suppliers.stream().filter(r -> "8150000101".equals(r.get("supplier_nop_id"))).toList();
    assertThat(sup1).hasSize(1);
    BigDecimal received = new BigDecimal(show(lb("1000").add(t("0.5")).add(lb("10")), "lb"));
    assertThat(received).isEqualByComparingTo("2112.311311");
    assertThat(sup1.get(0))
        .containsEntry("operation_name", "Sierra Almond Co")
        .containsEntry("certifier", "CCOF Certification Services")
        .containsEntry("status", "SUSPENDED")
        .containsEntry("status_effective", "2026-02-15")
        .containsEntry("product_id", "ALMONDS")
        .containsEntry("unit", "lb")
        .containsEntry("receipts", 3.0)
        .containsEntry("quantity_received", received.doubleValue())
        .containsEntry("receipts_not_certified", 1.0);
    assertThat(suppliers)
        .extracting(r -> r.get("supplier_nop_id"))
        .containsExactlyInAnyOrder("8150000101", "8150000105", "8150000202");
  }

  /**
   * t-04 WASTE 5 kg at TILBURY names no document: undocumented. f-03 has both. AMS|COCOA's March
   * waste (c-07, 80 kg) is 8 % of its base, above the 2 % tolerance.
   */
  private static void assertWaste(List<Map<String, Object>> waste) {
    assertThat(waste)
        .extracting(r -> r.get("movement_id"))
        .containsExactlyInAnyOrder("f-03", "f-12", "a-02", "t-04", "c-07", "x-04");
    Map<String, Object> t04 = byMovement(waste, "t-04");
    assertThat(t04)
        .containsEntry("reason", "spillage")
        .containsEntry("documented", false)
        .containsEntry("period", "2026-02");
    assertThat((String) t04.get("missing")).contains("document_ref");
    assertThat(byMovement(waste, "f-03"))
        .containsEntry("reason", "moisture damage")
        .containsEntry("document_ref", "WD-F3")
        .containsEntry("documented", true)
        .containsEntry("quantity", 10.0);
    assertThat(byMovement(waste, "c-07"))
        .containsEntry("period_waste_pct", 8.0)
        .containsEntry("tolerance_pct", 2.0)
        .containsEntry("above_tolerance", true);
    assertThat(byMovement(waste, "x-04")).containsEntry("reason", "-wet pallet");
  }

  private static Map<String, Object> byMovement(List<Map<String, Object>> rows, String id) {
    return rows.stream().filter(r -> id.equals(r.get("movement_id"))).findFirst().orElseThrow();
  }

  /** Text a spreadsheet would run is prefixed with ' in the CSV files; numbers keep their sign. */
  private static void assertCsvNeutralised(Path out) throws IOException {
    String trace = Files.readString(out.resolve("trace-back.csv"), StandardCharsets.UTF_8);
    assertThat(trace).contains(",'@CUST-9,").contains("\"'=HYPERLINK(\"\"http://x\"\"");
    assertThat(trace).doesNotContain(",@CUST-9").doesNotContain(",\"=HYPERLINK");
    String waste = Files.readString(out.resolve("waste.csv"), StandardCharsets.UTF_8);
    assertThat(waste).contains(",'-wet pallet,").doesNotContain(",-wet pallet");
    String mb = Files.readString(out.resolve("mass-balance.csv"), StandardCharsets.UTF_8);
    assertThat(mb).contains(",-11.498302,-22.327537,").doesNotContain("'-");
  }

  private static void assertManifestVerifiesAndZipHoldsAll(Path out) throws Exception {
    Process p =
        new ProcessBuilder("sha256sum", "--check", "--strict", "MANIFEST.sha256")
            .directory(out.toFile())
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(said).isZero();
    List<String> listed = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("MANIFEST.sha256"))) {
      listed.add(line.split("  ", 2)[1]);
    }
    assertThat(listed)
        .contains(
            "audit.xlsx",
            "mass-balance.csv",
            "trace-back.csv",
            "trace-forward.csv",
            "suppliers.csv",
            "waste.csv",
            "report.html",
            "report.pdf");
    List<String> zipped = new ArrayList<>();
    try (ZipInputStream zip =
        new ZipInputStream(Files.newInputStream(out.resolve("audit-2026-01-2026-03.zip")))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        zipped.add(e.getName());
      }
    }
    assertThat(zipped).contains("MANIFEST.sha256").containsAll(listed);
  }

  // ---- data ------------------------------------------------------------------------------------

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = AuditAcceptanceIT.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  /**
   * The acceptance movements with supplier columns: a RECEIPT's counterparty_id there is its
   * supplier; it becomes supplier_id with that supplier's NOP ID.
   */
  private static byte[] acceptanceMovementsWithNopIds() throws IOException {
    List<String> lines =
        new String(resource("/acceptance/movements.csv"), StandardCharsets.UTF_8).lines().toList();
    List<String> header = List.of(lines.get(0).split(",", -1));
    assertThat(lines).noneMatch(l -> l.contains("\""));
    int type = header.indexOf("type");
    int party = header.indexOf("counterparty_id");
    StringBuilder out = new StringBuilder(lines.get(0)).append(",supplier_id,supplier_nop_id\n");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      boolean receipt = f[type].equals("RECEIPT");
      String supplier = receipt ? f[party] : "";
      if (receipt) {
        f[party] = "";
      }
      out.append(String.join(",", f))
          .append(',')
          .append(supplier)
          .append(',')
          .append(NOP_IDS.getOrDefault(supplier, ""))
          .append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long ingest(Ingester ingester, Dataset<?> dataset, byte[] csv) throws Exception {
    IngestSummary summary =
        ingester.ingest(dataset, new ByteArrayInputStream(csv), ItSupport.topicOf(dataset));
    assertThat(summary.refusedCount()).as(dataset.name() + " refused rows: " + summary).isZero();
    return summary.sent();
  }

  // ---- reading the package ---------------------------------------------------------------------

  private record Run(int exit, String out, String err) {}

  private static Run audit(LocalStack stack, String api, Path dir) {
    CommandLine cmd = MassBalanceCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit =
        cmd.execute(
            "audit",
            "--from",
            RANGE.get(0),
            "--to",
            RANGE.get(RANGE.size() - 1),
            "--out",
            dir.toString(),
            "--bootstrap",
            stack.bootstrapServers(),
            "--registry",
            stack.registryUrl(),
            "--api",
            api);
    return new Run(exit, out.toString(), err.toString());
  }
}
