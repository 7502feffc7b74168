package org.massbalance.producers.transformations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;

/**
 * Groups the item rows of a file by {@code transformation_id} (rows of one transformation need not
 * be adjacent) into {@link Transformation} records, in the order of each id's first row: inputs are
 * its INPUT rows, outputs its MAIN and BYPRODUCT rows, each in file order. A transformation is
 * refused whole, naming every line of it, when its rows disagree on {@code site_id}, {@code
 * occurred_at} or {@code document_ref} (compared as written, an empty value being a value), or when
 * one of its rows cannot be read (so that no transformation is sent without one of its items). Not
 * thread-safe.
 */
public final class TransformationGroups {

  /** Longest value quoted in a refusal. */
  private static final int QUOTED = 40;

  /**
   * Refused rows: one row that could not be read, or every row of a refused transformation.
   *
   * @param lines the rows' 1-based lines, ascending
   * @param reason why
   */
  public record Refusal(List<Long> lines, String reason) {

    @Override
    public String toString() {
      return (lines.size() == 1 ? "line " : "lines ") + joined(lines) + ": " + reason;
    }
  }

  /**
   * What a file gave.
   *
   * @param transformations the transformations to send, in the order of their first rows
   * @param refusals the refusals, by their first line
   * @param rowsRefused rows refused in all
   */
  public record Result(
      List<Transformation> transformations, List<Refusal> refusals, long rowsRefused) {}

  private final Map<String, List<TransformationRows.Row>> groups = new LinkedHashMap<>();
  private final Map<String, List<Long>> unreadable = new LinkedHashMap<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private long rowsRefused;

  /** A row that was read. */
  public void add(TransformationRows.Row row) {
    groups.computeIfAbsent(row.transformationId(), k -> new ArrayList<>()).add(row);
  }

  /**
   * A row that could not be read.
   *
   * @param transformationId the transformation it names, or null when it names none
   * @param line its line
   * @param reason why
   */
  public void refuse(String transformationId, long line, String reason) {
    refusals.add(new Refusal(List.of(line), reason));
    rowsRefused++;
    if (transformationId != null) {
      unreadable.computeIfAbsent(transformationId, k -> new ArrayList<>()).add(line);
    }
  }

  /** The transformations and refusals of every row given so far. */
  public Result result() {
    List<Transformation> transformations = new ArrayList<>();
    List<Refusal> all = new ArrayList<>(refusals);
    long refused = rowsRefused;
    for (Map.Entry<String, List<TransformationRows.Row>> group : groups.entrySet()) {
      String id = group.getKey();
      List<TransformationRows.Row> rows = group.getValue();
      List<Long> lines = rows.stream().map(TransformationRows.Row::line).toList();
      String reason = null;
      List<Long> bad = unreadable.get(id);
      if (bad != null) {
        reason =
            "transformation "
                + quote(id)
                + " is refused whole: its "
                + (bad.size() == 1 ? "row at line " : "rows at lines ")
                + joined(bad)
                + " cannot be read";
      } else {
        List<String> disagreements = new ArrayList<>();
        disagreement("site_id", rows, TransformationRows.Row::siteId, disagreements);
        disagreement("occurred_at", rows, TransformationRows.Row::occurredAt, disagreements);
        disagreement("document_ref", rows, TransformationRows.Row::documentRef, disagreements);
        if (!disagreements.isEmpty()) {
          reason =
              "transformation "
                  + quote(id)
                  + ": its rows disagree on "
                  + String.join("; ", disagreements);
        }
      }
      if (reason != null) {
        all.add(new Refusal(lines, reason));
        refused += rows.size();
        continue;
      }
      transformations.add(transformation(id, rows));
    }
    all.sort(Comparator.comparing((Refusal r) -> r.lines().get(0)));
    return new Result(List.copyOf(transformations), List.copyOf(all), refused);
  }

  private static Transformation transformation(String id, List<TransformationRows.Row> rows) {
    List<TransformationItem> inputs = new ArrayList<>();
    List<TransformationItem> outputs = new ArrayList<>();
    for (TransformationRows.Row row : rows) {
      (row.input() ? inputs : outputs).add(row.item());
    }
    TransformationRows.Row first = rows.get(0);
    return Transformation.newBuilder()
        .setTransformationId(id)
        .setSiteId(first.siteId())
        .setOccurredAt(first.occurredAt())
        .setDocumentRef(first.documentRef())
        .setInputs(inputs)
        .setOutputs(outputs)
        .setIngestedAt(null)
        .build();
  }

  /** Adds "column (A at lines 2, 3; B at line 5)" when the rows hold more than one value. */
  private static void disagreement(
      String column,
      List<TransformationRows.Row> rows,
      Function<TransformationRows.Row, String> value,
      List<String> out) {
    Map<String, List<Long>> linesByValue = new LinkedHashMap<>();
    for (TransformationRows.Row row : rows) {
      linesByValue
          .computeIfAbsent(Objects.requireNonNullElse(value.apply(row), ""), k -> new ArrayList<>())
          .add(row.line());
    }
    if (linesByValue.size() > 1) {
      out.add(
          column
              + " ("
              + linesByValue.entrySet().stream()
                  .map(
                      e ->
                          (e.getKey().isEmpty() ? "empty" : quote(e.getKey()))
                              + " at "
                              + (e.getValue().size() == 1 ? "line " : "lines ")
                              + joined(e.getValue()))
                  .collect(Collectors.joining("; "))
              + ")");
    }
  }

  private static String quote(String value) {
    return "'" + (value.length() > QUOTED ? value.substring(0, QUOTED) + "..." : value) + "'";
  }

  private static String joined(List<Long> lines) {
    return lines.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
