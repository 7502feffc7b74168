package org.massbalance.producers.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityReaderTest {

  @TempDir Path tmp;

  /** What a read delivered. */
  record Read(
      String format, List<Long> lines, List<Map<String, String>> rows, List<String> refused) {}

  static Read read(Path file, IntegrityLimits limits) {
    List<Long> lines = new ArrayList<>();
    List<Map<String, String>> rows = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    String format =
        new IntegrityReader(limits)
            .read(
                file,
                new IntegrityReader.Sink() {
                  @Override
                  public void row(long line, Map<String, String> fields) {
                    lines.add(line);
                    rows.add(fields);
                  }

                  @Override
                  public void refuse(long line, String reason) {
                    refused.add("line " + line + ": " + reason);
                  }
                });
    return new Read(format, lines, rows, refused);
  }

  static Read read(Path file) {
    return read(file, IntegrityLimits.defaults());
  }

  Path resource(String name) throws IOException {
    Path target = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/integrity/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  Path zip(String name, String... entries) throws IOException {
    Path file = tmp.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < entries.length; i += 2) {
        out.putNextEntry(new ZipEntry(entries[i]));
        out.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return file;
  }

  static List<Object> op(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void shouldReadTheXlsxExportFromTheRowHoldingOpNopOpId() throws IOException {
    Path file =
        IntegrityWorkbooks.write(
            tmp.resolve("export.xlsx"),
            List.of(
                op(
                    8150000016L,
                    "Valley Nut Growers",
                    "CCOF",
                    "Certified",
                    LocalDate.of(2019, 4, 1),
                    "Certified",
                    null,
                    null,
                    "Certified",
                    LocalDate.of(2019, 3, 15),
                    "Fresno"),
                op("8150000017", "Delta Orchards", "CCOF", "Suspended", "2025-06-01")));

    Read read = read(file);

    assertThat(read.format()).isEqualTo("xlsx");
    // row 4 is the description row under the header (row 3); operations start on row 5
    assertThat(read.lines()).containsExactly(4L, 5L, 6L);
    assertThat(IntegrityMapping.isDescriptionRow(read.rows().get(0))).isTrue();
    assertThat(read.rows().get(1))
        .containsEntry("op_nopOpID", "8150000016")
        .containsEntry("op_statusEffectiveDate", "2019-04-01")
        .containsEntry("op_nopAnniversaryDate", "2019-03-15")
        .containsEntry("opSC_HANDLING", "Certified")
        .doesNotContainKey("op_city");
    assertThat(read.rows().get(2)).containsEntry("op_status", "Suspended");
  }

  @Test
  void shouldRefuseAnXlsxWithoutTheHeaderRow() throws IOException {
    Path file = tmp.resolve("no-header.xlsx");
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      var row = wb.createSheet("s").createRow(0);
      row.createCell(0).setCellValue("nop_id");
      row.createCell(1).setCellValue("status");
      wb.createSheet("t");
      wb.getSheetAt(0).createRow(1).createCell(0).setCellValue("8150000016");
      wb.write(out);
    }
    assertThatThrownBy(() -> read(file))
        .isInstanceOf(IntegrityFileException.class)
        .hasMessage("INTEGRITY file refused: no header row holding op_nopOpID in the first sheet");
  }

  @Test
  void shouldRefuseAnXlsxCellLongerThanTheBound() throws IOException {
    Path file =
        IntegrityWorkbooks.write(
            tmp.resolve("long.xlsx"),
            List.of(op(8150000016L, "x".repeat(5000), "CCOF", "Certified")));
    assertThatThrownBy(() -> read(file))
        .isInstanceOf(IntegrityFileException.class)
        .hasMessage("INTEGRITY file refused: cell B5 holds 5000 characters, more than 4096");
  }

  @Test
  void shouldRefuseAWorkbookWhoseSheetInflatesLikeAZipBomb() throws IOException {
    Path plain =
        IntegrityWorkbooks.write(
            tmp.resolve("plain.xlsx"), List.of(op(8150000016L, "Valley", "CCOF", "Certified")));
    Path bomb = tmp.resolve("bomb.xlsx");
    try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(plain.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
      for (var e = in.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        out.putNextEntry(new ZipEntry(entry.getName()));
        byte[] content = in.getInputStream(entry).readAllBytes();
        if (entry.getName().startsWith("xl/worksheets/")) {
          String xml = new String(content, StandardCharsets.UTF_8);
          int afterDeclaration = xml.indexOf("?>") + 2;
          content =
              (xml.substring(0, afterDeclaration)
                      + " ".repeat(20_000_000)
                      + xml.substring(afterDeclaration))
                  .getBytes(StandardCharsets.UTF_8);
        }
        out.write(content);
        out.closeEntry();
      }
    }
    assertThat(Files.size(bomb)).isLessThan(200_000);
    assertThatThrownBy(() -> read(bomb))
        .isInstanceOf(IntegrityFileException.class)
        .hasMessageContaining("Zip bomb detected");
  }

  @Test
  void shouldRefuseAFileNamedXlsxThatIsNoWorkbook() throws IOException {
    Path file = Files.writeString(tmp.resolve("fake.xlsx"), "op_nopOpID,op_status\n");
    assertThatThrownBy(() -> read(file))
        .isInstanceOf(IntegrityFileException.class)
        .hasMessageStartingWith("INTEGRITY file refused: not an XLSX workbook");
  }

  @Test
  void shouldReadOperationElementsOfTheBulkXml() throws IOException {
    Read read = read(resource("operations.xml"));

    assertThat(read.format()).isEqualTo("xml");
    assertThat(read.lines()).containsExactly(3L, 14L, 23L, 27L);
    assertThat(read.rows().get(0))
        .containsEntry("op_nopOpID", "8150000016")
        .containsEntry("op_statusEffectiveDate", "2019-04-01T00:00:00")
        .doesNotContainKey("op_city");
    assertThat(read.rows().get(1)).containsEntry("op_name", "Delta Orchards & Sons");
    assertThat(read.rows().get(3)).containsEntry("op_name", "Surrendered Farm");
  }

  @Test
  void shouldReadAZipHoldingOneXmlEntry() throws IOException {
    String xml = Files.readString(resource("operations.xml"));
    Read read = read(zip("bulk.zip", "export/", "", "export/operations.xml", xml));
    assertThat(read.format()).isEqualTo("zip");
    assertThat(read.rows()).hasSize(4);
  }

  @Test
  void shouldRefuseXmlDeclaringADtdSoNoExternalEntityIsRead() throws IOException {
    for (String name : List.of("xxe.xml", "billion-laughs.xml")) {
      Path file = resource(name);
      assertThatThrownBy(() -> read(file))
          .isInstanceOf(IntegrityFileException.class)
          .hasMessage("INTEGRITY file refused: it declares a DTD (DOCTYPE), which is not allowed");
    }
  }

  @Test
  void shouldRefuseMalformedXml() throws IOException {
    Path file = resource("malformed.xml");
    assertThatThrownBy(() -> read(file))
        .isInstanceOf(IntegrityFileException.class)
        .hasMessageStartingWith("INTEGRITY file refused: malformed XML");
  }

  @Test
  void shouldRefuseAnElementLongerThanTheBound() throws IOException {
    Path file =
        Files.writeString(
            tmp.resolve("long.xml"),
            "<Operations><Operation><op_nopOpID>8150000016</op_nopOpID>\n<op_name>"
                + "y".repeat(100)
                + "</op_name></Operation></Operations>");
    assertThatThrownBy(() -> read(file, new IntegrityLimits(50, 1 << 20, 10, 10)))
        .isInstanceOf(IntegrityFileException.class)
        .hasMessage(
            "INTEGRITY file refused: element <op_name> at line 2 holds more than 50 characters");
  }

  @Test
  void shouldRefuseAZipWhoseEntryDecompressesBeyondTheBound() throws IOException {
    String bomb =
        "<Operations><Operation><op_nopOpID>8150000016</op_nopOpID><op_status>Certified</op_status>"
            + "</Operation>"
            + " ".repeat(2_000_000)
            + "</Operations>";
    Path file = zip("bomb.zip", "bomb.xml", bomb);
    assertThat(Files.size(file)).isLessThan(20_000);
    assertThatThrownBy(() -> read(file, new IntegrityLimits(4096, 1_000_000, 10, 100)))
        .isInstanceOf(IntegrityFileException.class)
        .hasMessage(
            "INTEGRITY file refused: the zip's XML entry decompresses to more than 1000000 bytes");
  }

  @Test
  void shouldRefuseAZipWithoutExactlyOneXmlEntry() throws IOException {
    Path two = zip("two.zip", "a.xml", "<a/>", "b.xml", "<b/>");
    assertThatThrownBy(() -> read(two))
        .hasMessage(
            "INTEGRITY file refused: the zip must hold exactly one .xml entry, it holds 2 files");
    Path csv = zip("csv.zip", "a.csv", "x");
    assertThatThrownBy(() -> read(csv))
        .hasMessage(
            "INTEGRITY file refused: the zip must hold exactly one .xml entry, it holds 1 file (a.csv)");
  }

  @Test
  void shouldRefuseAZipWithTooManyEntries() throws IOException {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      entries.add("d" + i + "/");
      entries.add("");
    }
    Path file = zip("many.zip", entries.toArray(String[]::new));
    assertThatThrownBy(() -> read(file, new IntegrityLimits(4096, 1 << 20, 10, 10)))
        .hasMessage("INTEGRITY file refused: the zip holds more than 10 entries");
  }

  @Test
  void shouldReadTheCsvWithTheOpColumns() throws IOException {
    Read read = read(resource("operations.csv"));
    assertThat(read.format()).isEqualTo("csv");
    assertThat(read.lines()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(read.rows().get(0))
        .containsEntry("op_nopOpID", "8150000016")
        .containsEntry("op_nopAnniversaryDate", "3/15/2019");
  }

  @Test
  void shouldRefuseACsvWithoutTheOpColumns() throws IOException {
    Path file = resource("missing-header.csv");
    assertThatThrownBy(() -> read(file))
        .isInstanceOf(IntegrityFileException.class)
        .hasMessageContaining("lacks required columns op_nopopid, op_status");
  }

  @Test
  void shouldRefuseAnUnknownExtension() throws IOException {
    Path file = Files.writeString(tmp.resolve("export.json"), "{}");
    assertThatThrownBy(() -> read(file))
        .hasMessage(
            "INTEGRITY file refused: export.json is not .xlsx, .xml, .zip (one XML entry) or .csv");
  }
}
