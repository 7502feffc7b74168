package org.massbalance.producers.csv;

import java.util.List;
import java.util.Map;

/** One data row, read by column name: values trimmed, empty or absent values null. */
public final class CsvRow {

  private final Map<String, Integer> columns;
  private final List<String> values;
  private final long line;

  CsvRow(Map<String, Integer> columns, List<String> values, long line) {
    this.columns = columns;
    this.values = values;
    this.line = line;
  }

  /** The 1-based line number where the row starts. */
  public long line() {
    return line;
  }

  /** The trimmed value of a column (case-insensitive name), or null when empty or absent. */
  public String get(String column) {
    Integer index = columns.get(CsvRecordReader.normalize(column));
    if (index == null || index >= values.size()) {
      return null;
    }
    return CsvRecordReader.clean(values.get(index));
  }

  /**
   * The value of a column that the record cannot do without.
   *
   * @throws RowRefusedException when it is empty
   */
  public String required(String column) throws RowRefusedException {
    String value = get(column);
    if (value == null) {
      throw new RowRefusedException(column + " is empty");
    }
    return value;
  }
}
