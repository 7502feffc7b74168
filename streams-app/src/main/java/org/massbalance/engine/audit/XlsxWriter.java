package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * {@code audit.xlsx}: one sheet per {@link Table}, header row first (bold, frozen), an auto filter
 * over the table, column widths from each column's kind. SXSSF keeps a window of {@value #WINDOW}
 * rows in memory and flushes the rest to a temporary file, so heap does not grow with rows.
 *
 * <p>Quantities are numeric cells: the exact 6-place {@code BigDecimal} becomes a {@code double}
 * here, when the cell is written, and nowhere else (the CSV files keep the exact strings).
 */
public final class XlsxWriter {

  /** Rows kept in memory per sheet while writing. */
  static final int WINDOW = 100;

  private XlsxWriter() {}

  /**
   * Writes {@code tables} to {@code out} (closed).
   *
   * @param created the workbook's creation date (a fixed value keeps the bytes reproducible)
   * @param progress told (sheet, rows) after each sheet
   */
  public static void write(
      List<Table> tables, Instant created, OutputStream out, BiConsumer<String, Integer> progress)
      throws IOException {
    Path tmp = Files.createTempFile("massbalance-audit-", ".xlsx");
    try {
      SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
      try {
        wb.getXSSFWorkbook()
            .getProperties()
            .getCoreProperties()
            .setCreated(Optional.of(Date.from(created)));
        wb.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("massbalance");
        Font bold = wb.createFont();
        bold.setBold(true);
        CellStyle header = wb.createCellStyle();
        header.setFont(bold);
        for (Table t : tables) {
          sheet(wb, t, header);
          progress.accept(t.sheet(), t.rows().size());
        }
        try (OutputStream file = Files.newOutputStream(tmp)) {
          wb.write(file);
        }
      } finally {
        wb.close();
      }
      Zips.normalise(tmp, out);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void sheet(SXSSFWorkbook wb, Table t, CellStyle header) {
    SXSSFSheet sheet = wb.createSheet(t.sheet());
    List<Table.Column> cols = t.columns();
    for (int c = 0; c < cols.size(); c++) {
      int chars = Math.max(cols.get(c).kind().width(), cols.get(c).name().length() + 3);
      sheet.setColumnWidth(c, Math.min(chars, 255) * 256);
    }
    Row h = sheet.createRow(0);
    for (int c = 0; c < cols.size(); c++) {
      Cell cell = h.createCell(c);
      cell.setCellValue(cols.get(c).name());
      cell.setCellStyle(header);
    }
    int r = 1;
    for (List<Object> values : t.rows()) {
      Row row = sheet.createRow(r++);
      for (int c = 0; c < values.size(); c++) {
        Object v = values.get(c);
        if (v == null) {
          continue;
        }
        Cell cell = row.createCell(c);
        if (v instanceof BigDecimal d) {
          // The one conversion to binary floating point: the cell's value, at the last step.
          cell.setCellValue(d.doubleValue());
        } else if (v instanceof Long n) {
          cell.setCellValue(n.doubleValue());
        } else if (v instanceof Boolean b) {
          cell.setCellValue(b);
        } else {
          cell.setCellValue(String.valueOf(v));
        }
      }
    }
    sheet.createFreezePane(0, 1);
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, cols.size() - 1));
  }
}
