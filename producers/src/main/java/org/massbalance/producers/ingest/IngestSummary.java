package org.massbalance.producers.ingest;

import java.util.List;
import org.massbalance.producers.csv.CsvRefusal;

/**
 * The outcome of ingesting one file.
 *
 * @param dataset the dataset name
 * @param topic the topic written to
 * @param sent rows sent (and acknowledged)
 * @param refusedCount rows refused
 * @param refused the refused rows with line and reason (the first {@link Ingester#MAX_LISTED})
 * @param ignoredColumns header columns the format does not know
 */
public record IngestSummary(
    String dataset,
    String topic,
    long sent,
    long refusedCount,
    List<CsvRefusal> refused,
    List<String> ignoredColumns) {

  /** A human report: a totals line, then one line per refused row. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(dataset)
        .append(": ")
        .append(sent)
        .append(" rows sent to ")
        .append(topic)
        .append(", ")
        .append(refusedCount)
        .append(" refused");
    if (!ignoredColumns.isEmpty()) {
      out.append("\nignored unknown columns: ").append(String.join(", ", ignoredColumns));
    }
    for (CsvRefusal refusal : refused) {
      out.append("\nrefused ").append(refusal);
    }
    if (refusedCount > refused.size()) {
      out.append("\n... and ").append(refusedCount - refused.size()).append(" more refused rows");
    }
    return out.toString();
  }
}
