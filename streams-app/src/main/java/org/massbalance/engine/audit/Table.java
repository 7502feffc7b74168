package org.massbalance.engine.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One table of the audit package: a sheet of {@code audit.xlsx} and a CSV file. Cells are {@code
 * String} (text), {@code BigDecimal} (quantities and percentages), {@code Long} (counts), {@code
 * Boolean}, or null (empty).
 *
 * @param sheet the sheet's name in {@code audit.xlsx}
 * @param file the CSV file's name
 */
public record Table(String sheet, String file, List<Column> columns, List<List<Object>> rows) {

  /** Copies the lists. */
  public Table {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> r : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /** What a column holds: its XLSX cell type and width follow from it. */
  public enum Kind {
    TEXT(18),
    LONG_TEXT(60),
    QUANTITY(14),
    COUNT(10),
    FLAG(10);

    private final int width;

    Kind(int width) {
      this.width = width;
    }

    /** Column width in characters. */
    public int width() {
      return width;
    }
  }

  /** A column: its header and kind. */
  public record Column(String name, Kind kind) {}

  /** Columns of {@code kind} named {@code names}. */
  static List<Column> columns(Kind kind, String... names) {
    List<Column> out = new ArrayList<>();
    for (String n : names) {
      out.add(new Column(n, kind));
    }
    return out;
  }

  /** A row of {@code values}, in column order (nulls allowed). */
  static List<Object> row(Object... values) {
    List<Object> r = new ArrayList<>(values.length);
    for (Object v : values) {
      r.add(v);
    }
    return r;
  }

  /** The decimal of a record's exact decimal string; null when absent or empty. */
  static BigDecimal decimal(String s) {
    return s == null || s.isEmpty() ? null : new BigDecimal(s);
  }
}
