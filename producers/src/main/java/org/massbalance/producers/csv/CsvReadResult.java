package org.massbalance.producers.csv;

import java.util.List;

/**
 * Everything read from a file at once (for small files and tests).
 *
 * @param records the records, in file order
 * @param refusals the refused rows, in file order
 * @param ignoredColumns header columns the format does not know
 * @param <T> the record type
 */
public record CsvReadResult<T>(
    List<T> records, List<CsvRefusal> refusals, List<String> ignoredColumns) {}
