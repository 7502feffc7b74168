package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.math.BigDecimal;
import org.massbalance.engine.audit.AuditData.LineageInput;
import org.massbalance.engine.audit.AuditData.ProcessInput;
import org.massbalance.engine.audit.AuditData.ProcessOutput;
import org.massbalance.engine.audit.AuditData.ProcessRecord;

/**
 * The {@code Processing} sheet: one row per transformation of the range and output, with the inputs
 * (each with the lots it drew) and their mass, the output, its yield against the band of the yields
 * reference data, the process loss (inputs' mass minus outputs' mass) and whether the outputs are
 * certified.
 */
final class ProcessingSheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Processing",
          "processing.csv",
          new TableSpec.Columns()
              .add(TEXT, "site_id", "transformation_id", "occurred_at", "document_ref")
              .add(LONG_TEXT, "inputs")
              .add(QUANTITY, "inputs_kg", "non_organic_inputs_kg")
              .add(TEXT, "output_product_id", "role", "output_lot_id")
              .add(QUANTITY, "output_quantity")
              .add(TEXT, "output_unit")
              .add(QUANTITY, "yield_pct", "yield_min_pct", "yield_max_pct")
              .add(FLAG, "yield_in_band")
              .add(QUANTITY, "loss_kg", "loss_pct")
              .add(FLAG, "certified")
              .add(TEXT, "status")
              .list());

  private ProcessingSheet() {}

  /** The rows of one transformation, one per output. */
  static void rows(ProcessRecord t, TableSpec.RowSink sink) {
    String inputs = inputs(t);
    for (ProcessOutput o : t.outputs()) {
      sink.row(
          SPEC,
          new Object[] {
            t.siteId(),
            t.transformationId(),
            t.occurredAt(),
            t.documentRef(),
            inputs,
            t.inputsKg(),
            t.nonOrganicInputsKg(),
            o.productId(),
            o.role(),
            o.lotId(),
            o.quantity(),
            o.unit(),
            o.yieldPct(),
            o.yieldMinPct(),
            o.yieldMaxPct(),
            inBand(o),
            t.lossKg(),
            t.lossPct(),
            t.certified(),
            t.status()
          });
    }
  }

  /** Whether the output's yield lies in its band (null without a band or a yield). */
  static Boolean inBand(ProcessOutput o) {
    if (o.yieldPct() == null || o.yieldMinPct() == null || o.yieldMaxPct() == null) {
      return null;
    }
    return o.yieldPct().compareTo(o.yieldMinPct()) >= 0
        && o.yieldPct().compareTo(o.yieldMaxPct()) <= 0;
  }

  /** "ALMONDS 10 lb from lot A (...); SALT 1 kg ..." */
  static String inputs(ProcessRecord t) {
    StringBuilder b = new StringBuilder();
    for (ProcessInput in : t.inputs()) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(in.productId()).append(' ').append(plain(in.quantity())).append(' ');
      b.append(in.unit());
      if (!in.drawn().isEmpty()) {
        b.append(" from ");
        String sep = "";
        for (LineageInput l : in.drawn()) {
          b.append(sep).append(TraceBackSheet.lineage(l));
          sep = ", ";
        }
      }
    }
    return b.toString();
  }

  private static String plain(BigDecimal d) {
    return d == null ? "" : d.stripTrailingZeros().toPlainString();
  }
}
