package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.util.List;
import org.massbalance.avro.PeriodSignOff;

/**
 * The {@code Sign-offs} sheet ({@code sign-offs.csv}): each signed month of the range at the sites
 * asked for, by site, product and period, with the snapshot revision signed, the SHA-256 of its
 * value bytes, who signed it, when and the note, as on {@code mass-balance-signoffs}.
 */
final class SignOffsSheet {

  static final TableSpec SPEC =
      new TableSpec(
          "Sign-offs",
          "sign-offs.csv",
          new TableSpec.Columns()
              .add(TEXT, "site", "product", "period")
              .add(COUNT, "revision")
              .add(TEXT, "sha256", "signed_by", "signed_at")
              .add(LONG_TEXT, "note")
              .list());

  private SignOffsSheet() {}

  /** The rows of {@code signOffs} (already in site, product, period order). */
  static void rows(List<PeriodSignOff> signOffs, TableSpec.RowSink sink) {
    for (PeriodSignOff s : signOffs) {
      sink.row(
          SPEC,
          new Object[] {
            s.getSiteId(),
            s.getProductId(),
            s.getPeriod(),
            (long) s.getRevision(),
            s.getSnapshotSha256(),
            s.getSignedBy(),
            s.getSignedAt(),
            s.getNote()
          });
    }
  }
}
