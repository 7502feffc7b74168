package org.massbalance.engine.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A {@link Table} as CSV (UTF-8, header row first, LF line ends): quantities as exact decimal
 * strings, and a text cell that starts with {@code =}, {@code +}, {@code -} or {@code @} prefixed
 * with {@code '} so that no spreadsheet runs it as a formula.
 */
public final class CsvTableWriter {

  private CsvTableWriter() {}

  /** Writes {@code table} to {@code out} (flushed, not closed). */
  public static void write(Table table, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader(table.columns().stream().map(Table.Column::name).toArray(String[]::new))
            .setRecordSeparator("\n")
            .get();
    CSVPrinter printer = new CSVPrinter(w, format);
    for (List<Object> row : table.rows()) {
      List<String> cells = new ArrayList<>(row.size());
      for (Object v : row) {
        cells.add(cell(v));
      }
      printer.printRecord(cells);
    }
    printer.flush();
  }

  /**
   * Writes {@code table} as a JSON array of objects keyed by the column names: quantities as exact
   * decimal strings (as in the API), counts as numbers, flags as booleans; text as it is (JSON has
   * no formulas to neutralise).
   */
  public static void writeJson(Table table, Writer out) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (List<Object> row : table.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int c = 0; c < table.columns().size(); c++) {
        Object v = row.get(c);
        m.put(table.columns().get(c).name(), v instanceof BigDecimal d ? d.toPlainString() : v);
      }
      rows.add(m);
    }
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, rows);
  }

  /** A cell's CSV text: exact decimals, {@code true}/{@code false}, neutralised text. */
  static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof String s) {
      return neutralise(s);
    }
    return String.valueOf(v);
  }

  /**
   * {@code s} with a leading {@code '} when it starts with {@code =}, {@code +}, {@code -},
   * {@code @}, a tab or a carriage return ({@link org.massbalance.engine.export.CsvCells}).
   */
  public static String neutralise(String s) {
    return org.massbalance.engine.export.CsvCells.neutralise(s);
  }
}
