package org.massbalance.producers.csv;

/**
 * Turns one CSV row into a record.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RowMapper<T> {

  /**
   * The record of a row.
   *
   * @throws RowRefusedException with the reason when the row cannot become a record
   */
  T map(CsvRow row) throws RowRefusedException;
}
