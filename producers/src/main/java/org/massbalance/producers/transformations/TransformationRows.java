package org.massbalance.producers.transformations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.massbalance.avro.TransformationItem;
import org.massbalance.producers.csv.CsvRecordReader;
import org.massbalance.producers.csv.CsvRow;
import org.massbalance.producers.csv.RowRefusedException;

/**
 * The transformations CSV: one row per item, {@code transformation_id, site_id, occurred_at, role}
 * (INPUT, MAIN or BYPRODUCT, case-insensitive) {@code , product_id, quantity, unit} and, as they
 * apply, {@code lot_id, document_ref}. A row is refused, with every reason, when it has no {@code
 * transformation_id} or no {@code role}, or a role that is none of the three; every other value is
 * passed on as a string (trimmed, empty as null), unjudged.
 */
public final class TransformationRows {

  /** Required columns of a transformations file. */
  public static final List<String> REQUIRED =
      List.of(
          "transformation_id", "site_id", "occurred_at", "role", "product_id", "quantity", "unit");

  /** Optional columns of a transformations file. */
  public static final List<String> OPTIONAL = List.of("lot_id", "document_ref");

  /** The role of an input row. */
  public static final String INPUT = "INPUT";

  /** The roles of an output row, as the {@code Transformation} record keeps them. */
  public static final List<String> OUTPUT_ROLES = List.of("MAIN", "BYPRODUCT");

  private static final CsvRecordReader<Row> READER =
      new CsvRecordReader<>("transformations", REQUIRED, OPTIONAL, TransformationRows::row);

  private TransformationRows() {}

  /**
   * One item row.
   *
   * @param line the 1-based line it starts on
   * @param transformationId the transformation it belongs to
   * @param siteId the site (null when empty)
   * @param occurredAt when (null when empty)
   * @param documentRef the document (null when empty)
   * @param input whether it is an input (else an output, whose role the item holds)
   * @param item the item: product, quantity, unit, lot and, for an output, role
   */
  public record Row(
      long line,
      String transformationId,
      String siteId,
      String occurredAt,
      String documentRef,
      boolean input,
      TransformationItem item) {}

  /** The reader of the format. */
  public static CsvRecordReader<Row> reader() {
    return READER;
  }

  static Row row(CsvRow row) throws RowRefusedException {
    List<String> problems = new ArrayList<>();
    String id = row.get("transformation_id");
    if (id == null) {
      problems.add("transformation_id is empty");
    }
    String role = row.get("role");
    String upper = role == null ? null : role.toUpperCase(Locale.ROOT);
    if (role == null) {
      problems.add("role is empty (INPUT, MAIN or BYPRODUCT)");
    } else if (!INPUT.equals(upper) && !OUTPUT_ROLES.contains(upper)) {
      problems.add("role '" + role + "' is not INPUT, MAIN or BYPRODUCT");
    }
    if (!problems.isEmpty()) {
      throw new RowRefusedException(String.join("; ", problems));
    }
    boolean input = INPUT.equals(upper);
    TransformationItem item =
        TransformationItem.newBuilder()
            .setProductId(row.get("product_id"))
            .setQuantity(row.get("quantity"))
            .setUnit(row.get("unit"))
            .setLotId(row.get("lot_id"))
            .setRole(input ? null : upper)
            .build();
    return new Row(
        row.line(),
        id,
        row.get("site_id"),
        row.get("occurred_at"),
        row.get("document_ref"),
        input,
        item);
  }
}
