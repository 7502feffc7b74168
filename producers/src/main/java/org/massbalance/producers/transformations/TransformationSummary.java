package org.massbalance.producers.transformations;

import java.util.List;

/**
 * The outcome of {@code ingest transformations}.
 *
 * @param topic the topic written to
 * @param rowsRead data rows read (blank lines aside)
 * @param sent transformations sent and acknowledged
 * @param rowsRefused rows refused
 * @param refusals the refusals listed (the first {@link TransformationIngest#MAX_LISTED})
 * @param refusalCount refusals in all
 * @param ignoredColumns header columns the format does not know
 */
public record TransformationSummary(
    String topic,
    long rowsRead,
    long sent,
    long rowsRefused,
    List<TransformationGroups.Refusal> refusals,
    long refusalCount,
    List<String> ignoredColumns) {

  /** A human report: a totals line, then the ignored columns, then one line per refusal. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append("transformations: ")
        .append(rowsRead)
        .append(" rows read, ")
        .append(sent)
        .append(" transformations sent to ")
        .append(topic)
        .append(", ")
        .append(rowsRefused)
        .append(" rows refused");
    if (!ignoredColumns.isEmpty()) {
      out.append("\nignored unknown columns: ").append(String.join(", ", ignoredColumns));
    }
    for (TransformationGroups.Refusal refusal : refusals) {
      out.append("\nrefused ").append(refusal);
    }
    if (refusalCount > refusals.size()) {
      out.append("\n... and ").append(refusalCount - refusals.size()).append(" more refusals");
    }
    return out.toString();
  }
}
