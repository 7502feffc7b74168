package org.massbalance.engine.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's shape: its sheet in {@code audit.xlsx}, its CSV file and its columns. Rows are {@code
 * Object[]} in column order: {@code String} (text), {@code BigDecimal} (quantities and
 * percentages), {@code Long} (counts), {@code Boolean}, or null (empty).
 */
public record TableSpec(String sheet, String file, List<Table.Column> columns) {

  /** Copies the list. */
  public TableSpec {
    columns = List.copyOf(columns);
  }

  /** The column names, in order. */
  public List<String> names() {
    List<String> out = new ArrayList<>(columns.size());
    for (Table.Column c : columns) {
      out.add(c.name());
    }
    return out;
  }

  /** Each column's width in characters. */
  public int[] widths() {
    int[] w = new int[columns.size()];
    for (int c = 0; c < w.length; c++) {
      Table.Column col = columns.get(c);
      w[c] = Math.max(col.kind().width(), col.name().length() + 3);
    }
    return w;
  }

  /** A table of this shape holding {@code rows}. */
  public Table with(List<Object[]> rows) {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      out.add(java.util.Arrays.asList(r));
    }
    return new Table(sheet, file, columns, out);
  }

  /** Builds column lists. */
  static final class Columns {
    private final List<Table.Column> cols = new ArrayList<>();

    Columns add(Table.Kind kind, String... names) {
      for (String n : names) {
        cols.add(new Table.Column(n, kind));
      }
      return this;
    }

    List<Table.Column> list() {
      return cols;
    }
  }

  /** Where rows go: a workbook's sheet, a CSV file, a list. */
  @FunctionalInterface
  public interface RowSink {
    /** Takes one row of {@code table}. */
    void row(TableSpec table, Object[] cells);
  }
}
