package org.massbalance.engine.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A table as CSV (UTF-8, header row first, LF line ends), a row at a time: quantities as exact
 * decimal strings, and a text cell that starts with {@code =}, {@code +}, {@code -} or {@code @}
 * prefixed with {@code '} so that no spreadsheet runs it as a formula. Also the table as a JSON
 * array ({@code export --format json}).
 */
public final class CsvTableWriter implements Closeable {

  private final Writer writer;
  private final CSVPrinter printer;
  private final String[] cells;

  /** A CSV of {@code table} written to {@code out} (its header row at once). */
  CsvTableWriter(TableSpec table, OutputStream out) throws IOException {
    this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader(table.names().toArray(String[]::new))
            .setRecordSeparator("\n")
            .get();
    this.printer = new CSVPrinter(writer, format);
    this.cells = new String[table.columns().size()];
  }

  /** Writes one row. */
  void row(Object[] row) {
    for (int i = 0; i < cells.length; i++) {
      cells[i] = i < row.length ? cell(row[i]) : "";
    }
    try {
      printer.printRecord((Object[]) cells);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes; the stream given is closed too when {@code closeStream} (see {@link #close}). */
  void flush() throws IOException {
    printer.flush();
  }

  /** Flushes and closes the stream. */
  @Override
  public void close() throws IOException {
    printer.flush();
    writer.close();
  }

  /** Writes {@code table} to {@code out} (flushed, not closed). */
  public static void write(Table table, OutputStream out) throws IOException {
    CsvTableWriter w =
        new CsvTableWriter(new TableSpec(table.sheet(), table.file(), table.columns()), out);
    for (List<Object> r : table.rows()) {
      w.row(r.toArray());
    }
    w.flush();
    w.writer.flush();
  }

  /**
   * A JSON array of objects keyed by the column names, a row at a time: quantities as exact decimal
   * strings (as in the API), counts as numbers, flags as booleans; text as it is (JSON has no
   * formulas to neutralise).
   */
  static final class Json implements Closeable {
    private final JsonGenerator g;
    private final TableSpec table;

    Json(TableSpec table, Writer out) throws IOException {
      this.table = table;
      this.g = new JsonFactory().createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartArray();
    }

    Json(TableSpec table, OutputStream out) throws IOException {
      this.table = table;
      this.g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartArray();
    }

    void row(Object[] row) {
      try {
        g.writeStartObject();
        for (int c = 0; c < table.columns().size(); c++) {
          Object v = c < row.length ? row[c] : null;
          g.writeFieldName(table.columns().get(c).name());
          if (v == null) {
            g.writeNull();
          } else if (v instanceof BigDecimal d) {
            g.writeString(d.toPlainString());
          } else if (v instanceof Long n) {
            g.writeNumber(n);
          } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
          } else {
            g.writeString(String.valueOf(v));
          }
        }
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      g.writeEndArray();
      g.flush();
    }
  }

  /** Writes {@code table} as a JSON array (see {@link Json}). */
  public static void writeJson(Table table, Writer out) throws IOException {
    try (Json j = new Json(new TableSpec(table.sheet(), table.file(), table.columns()), out)) {
      for (List<Object> r : table.rows()) {
        j.row(r.toArray());
      }
    }
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
