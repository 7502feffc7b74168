package org.massbalance.producers.integrity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes INTEGRITY-like monthly exports for tests and the benchmark: a title row, a blank row, the
 * header row, a description row under it, then one row per operation; ids as numeric cells, dates
 * as date-formatted cells (as spreadsheet tools save them). Streams (SXSSF), so large files take
 * little memory.
 */
public final class IntegrityWorkbooks {

  /** The header written. */
  public static final List<String> HEADER =
      List.of(
          "op_nopOpID",
          "op_name",
          "op_certifierName",
          "op_status",
          "op_statusEffectiveDate",
          "opSC_CR",
          "opSC_LS",
          "opSC_WC",
          "opSC_HANDLING",
          "op_nopAnniversaryDate",
          "op_city");

  private IntegrityWorkbooks() {}

  /**
   * Writes a workbook. Each operation's values follow {@link #HEADER}: a Long or a LocalDate is
   * written as a numeric or date cell, anything else as text, null as no cell.
   */
  public static Path write(Path file, Iterator<List<Object>> operations) throws IOException {
    try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("m/d/yyyy"));
      Sheet sheet = wb.createSheet("Operations");
      int r = 0;
      sheet.createRow(r++).createCell(0).setCellValue("USDA Organic INTEGRITY Database export");
      r++;
      Row header = sheet.createRow(r++);
      for (int i = 0; i < HEADER.size(); i++) {
        header.createCell(i).setCellValue(HEADER.get(i));
      }
      Row description = sheet.createRow(r++);
      description.createCell(0).setCellValue("NOP ID of the operation");
      description.createCell(3).setCellValue("Certification status");
      while (operations.hasNext()) {
        List<Object> values = operations.next();
        Row row = sheet.createRow(r++);
        for (int i = 0; i < values.size(); i++) {
          Object v = values.get(i);
          if (v == null) {
            continue;
          }
          Cell cell = row.createCell(i);
          if (v instanceof Long l) {
            cell.setCellValue(l.doubleValue());
          } else if (v instanceof LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(date);
          } else {
            cell.setCellValue(v.toString());
          }
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
    return file;
  }

  /** Writes a workbook of the given operations. */
  public static Path write(Path file, List<List<Object>> operations) throws IOException {
    return write(file, operations.iterator());
  }
}
