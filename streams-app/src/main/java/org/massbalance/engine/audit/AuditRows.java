package org.massbalance.engine.audit;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Product;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.domain.ProductInfo;

/**
 * The package's one fixed order of each kind of record within a site|product, so the same data
 * always gives the same rows, and what the sheets and the report read of the products (the
 * tolerance) and of the traces (each product's trace-back exercise).
 */
final class AuditRows {

  private AuditRows() {}

  /** Back traces by occurred_at and movement id. */
  static final Comparator<TracedMovement> TRACE_ORDER =
      Comparator.comparing(TracedMovement::occurredAt).thenComparing(TracedMovement::movementId);

  /** Lots by received_at and lot id. */
  static final Comparator<LotRecord> LOT_ORDER =
      Comparator.comparing(LotRecord::receivedAt).thenComparing(LotRecord::lotId);

  /** Alerts by occurred_at, type and alert id. */
  static final Comparator<Alert> ALERT_ORDER =
      Comparator.comparing((Alert a) -> nz(a.getOccurredAt()))
          .thenComparing(Alert::getType)
          .thenComparing(Alert::getAlertId);

  /**
   * Whether {@code candidate} is a better trace-back exercise than {@code best}: the largest SALE
   * of the last period with sales (ties: the first in the package's order, which comes first).
   */
  static boolean betterExercise(TracedMovement candidate, TracedMovement best) {
    if (!"SALE".equals(candidate.type())) {
      return false;
    }
    return best == null
        || candidate.period().compareTo(best.period()) > 0
        || (candidate.period().equals(best.period())
            && candidate.quantity().compareTo(best.quantity()) > 0);
  }

  /** The exercise among {@code traces} (in the package's order), or null. */
  static TracedMovement exercise(List<TracedMovement> traces) {
    TracedMovement best = null;
    for (TracedMovement t : traces) {
      if (betterExercise(t, best)) {
        best = t;
      }
    }
    return best;
  }

  /**
   * The variance tolerance of {@code productId}, in percent, as the engine reads the product's
   * record ({@link ProductInfo#of}: a tolerance that is not a number from 0 up is the contract's
   * 5.0), or the contract's default for a product without a record.
   */
  static BigDecimal tolerance(Map<String, Product> products, String productId) {
    Product p = products.get(productId);
    return (p == null ? ProductInfo.defaults(productId) : ProductInfo.of(p)).tolerancePct();
  }

  /** Whether {@code productId} is organic (its record's flag; the contract's default: true). */
  static boolean organic(Map<String, Product> products, String productId) {
    Product p = products.get(productId);
    return (p == null ? ProductInfo.defaults(productId) : ProductInfo.of(p)).organic();
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
