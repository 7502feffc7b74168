package org.massbalance.producers.csv;

/**
 * A row the reader could not turn into a record.
 *
 * @param line 1-based line number where the row starts
 * @param reason why it was refused
 */
public record CsvRefusal(long line, String reason) {

  @Override
  public String toString() {
    return "line " + line + ": " + reason;
  }
}
