package org.massbalance.producers.epcis;

import java.util.List;

/**
 * The outcome of {@code ingest epcis}.
 *
 * @param topic the movements topic
 * @param events events in the document
 * @param sent movements sent and acknowledged
 * @param transformationsTopic the transformations topic
 * @param transformationsSent transformations sent and acknowledged
 * @param refused refused events: {@code eventList[i]: reason}, by index
 */
public record EpcisSummary(
    String topic,
    long events,
    long sent,
    String transformationsTopic,
    long transformationsSent,
    List<String> refused) {

  /** A human report: a totals line, then one line per refused event. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append("epcis: ")
        .append(events)
        .append(" events, ")
        .append(sent)
        .append(" movements sent to ")
        .append(topic)
        .append(", ")
        .append(transformationsSent)
        .append(" transformations sent to ")
        .append(transformationsTopic)
        .append(", ")
        .append(refused.size())
        .append(" events refused");
    for (String r : refused) {
      out.append("\nrefused ").append(r);
    }
    return out.toString();
  }
}
