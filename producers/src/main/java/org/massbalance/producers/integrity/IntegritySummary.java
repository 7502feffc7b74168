package org.massbalance.producers.integrity;

import java.util.List;
import org.massbalance.producers.csv.CsvRefusal;

/**
 * The outcome of {@code ingest integrity}.
 *
 * @param format the format read (xlsx, xml, zip, csv)
 * @param topic the topic written to
 * @param read operations read (description rows not counted)
 * @param sent records sent and acknowledged
 * @param unchanged records identical to the ones on the topic, not sent again
 * @param unknown records left out by {@code --only-known} (NOP ID not on the topic)
 * @param skipped description rows skipped
 * @param refusedCount operations refused
 * @param refused refused operations with line and reason (the first {@link
 *     IntegrityIngest#MAX_LISTED})
 */
public record IntegritySummary(
    String format,
    String topic,
    long read,
    long sent,
    long unchanged,
    long unknown,
    long skipped,
    long refusedCount,
    List<CsvRefusal> refused) {

  /** A human report: a totals line, then one line per refused operation. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append("integrity (")
        .append(format)
        .append("): ")
        .append(read)
        .append(" read, ")
        .append(sent)
        .append(" sent to ")
        .append(topic)
        .append(", ")
        .append(unchanged)
        .append(" unchanged, ");
    if (unknown > 0) {
      out.append(unknown).append(" not known (--only-known), ");
    }
    out.append(refusedCount).append(" refused");
    if (skipped > 0) {
      out.append(" (").append(skipped).append(" description rows skipped)");
    }
    for (CsvRefusal refusal : refused) {
      out.append("\nrefused ").append(refusal);
    }
    if (refusedCount > refused.size()) {
      out.append("\n... and ").append(refusedCount - refused.size()).append(" more refused");
    }
    return out.toString();
  }
}
