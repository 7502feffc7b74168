package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.massbalance.avro.ConsolidatedSnapshot;

/**
 * The {@code Consolidated} sheet: the latest revision of each product's consolidated snapshot of
 * the range (every site's figures summed), by product and period, then {@code processed} and {@code
 * produced}.
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

  static final TableSpec SPEC =
      new TableSpec(
          "Consolidated",
          "consolidated.csv",
          new TableSpec.Columns()
              .add(TEXT, "product_id", "period")
              .add(COUNT, "revision")
              .add(TEXT, "unit")
              .add(COUNT, "sites")
              .add(QUANTITY, QUANTITIES.toArray(String[]::new))
              .add(QUANTITY, "processed", "produced")
              .list());

  private ConsolidatedSheet() {}

  /** The rows of the consolidated snapshots. */
  static void rows(List<ConsolidatedSnapshot> consolidated, TableSpec.RowSink sink) {
    List<ConsolidatedSnapshot> sorted = new ArrayList<>(consolidated);
    sorted.sort(
        Comparator.comparing(ConsolidatedSnapshot::getProductId)
            .thenComparing(ConsolidatedSnapshot::getPeriod));
    for (ConsolidatedSnapshot c : sorted) {
      Object[] r = new Object[SPEC.columns().size()];
      int i = 0;
      r[i++] = c.getProductId();
      r[i++] = c.getPeriod();
      r[i++] = (long) c.getRevision();
      r[i++] = c.getUnit();
      r[i++] = (long) c.getSites();
      for (String f : QUANTITIES) {
        r[i++] = Table.decimal((String) c.get(f));
      }
      r[i++] = Table.decimal(c.getProcessed());
      r[i++] = Table.decimal(c.getProduced());
      sink.row(SPEC, r);
    }
  }
}
