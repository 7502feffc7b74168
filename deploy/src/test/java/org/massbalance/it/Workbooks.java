package org.massbalance.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** Reading a written workbook back as a person's spreadsheet shows it. */
final class Workbooks {

  private Workbooks() {}

  /** A sheet's rows as header name -> String, Double or Boolean (null for a blank cell). */
  static List<Map<String, Object>> rows(Sheet sheet) {
    Row header = sheet.getRow(0);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      Map<String, Object> m = new LinkedHashMap<>();
      for (int c = 0; c < header.getLastCellNum(); c++) {
        Cell cell = row.getCell(c);
        Object v = null;
        if (cell != null && cell.getCellType() != CellType.BLANK) {
          v =
              switch (cell.getCellType()) {
                case NUMERIC -> cell.getNumericCellValue();
                case BOOLEAN -> cell.getBooleanCellValue();
                default -> cell.getStringCellValue();
              };
        }
        m.put(header.getCell(c).getStringCellValue(), v);
      }
      out.add(m);
    }
    return out;
  }
}
