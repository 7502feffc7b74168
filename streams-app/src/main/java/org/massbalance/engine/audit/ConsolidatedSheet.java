package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.engine.audit.Table.Column;

/**
 * The {@code Consolidated} sheet: the latest revision of each product's consolidated snapshot of
 * the range (every site's figures summed), by product and period.
 */
final class ConsolidatedSheet {

  /** The consolidated snapshot's quantity fields, in contract order. */
  private static final List<String> QUANTITIES =
      List.of(
          "opening",
          "receipts",
          "sales",
          "waste",
          "transfers_in",
          "transfers_out",
          "adjustments",
          "expected_closing",
          "count_variance",
          "closing");

  private ConsolidatedSheet() {}

  /** The sheet of {@code data}'s consolidated snapshots. */
  static Table build(AuditData data) {
    List<Column> cols = new ArrayList<>(Table.columns(TEXT, "product_id", "period"));
    cols.add(new Column("revision", COUNT));
    cols.add(new Column("unit", TEXT));
    cols.add(new Column("sites", COUNT));
    cols.addAll(Table.columns(QUANTITY, QUANTITIES.toArray(String[]::new)));
    List<ConsolidatedSnapshot> sorted = new ArrayList<>(data.consolidated());
    sorted.sort(
        Comparator.comparing(ConsolidatedSnapshot::getProductId)
            .thenComparing(ConsolidatedSnapshot::getPeriod));
    List<List<Object>> rows = new ArrayList<>();
    for (ConsolidatedSnapshot c : sorted) {
      List<Object> r = new ArrayList<>();
      r.add(c.getProductId());
      r.add(c.getPeriod());
      r.add((long) c.getRevision());
      r.add(c.getUnit());
      r.add((long) c.getSites());
      for (String f : QUANTITIES) {
        r.add(Table.decimal((String) c.get(f)));
      }
      rows.add(r);
    }
    return new Table("Consolidated", "consolidated.csv", cols, rows);
  }
}
