package org.massbalance.engine.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Product;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.domain.ProductInfo;

/**
 * The records of {@link AuditData} that the sheets and the report share, each list in the package's
 * one fixed order, so the same data always gives the same rows; and what they read of the products
 * (the tolerance) and of the traces (each product's trace-back exercise).
 */
final class AuditRows {

  private AuditRows() {}

  /** The snapshots by site, product and period. */
  static List<Snapshot> sortedSnapshots(AuditData data) {
    List<Snapshot> out = new ArrayList<>(data.snapshots());
    out.sort(
        Comparator.comparing(Snapshot::getSiteId)
            .thenComparing(Snapshot::getProductId)
            .thenComparing(Snapshot::getPeriod));
    return out;
  }

  /** The back traces by site, product, occurred_at and movement id. */
  static List<TracedMovement> sortedTraces(AuditData data) {
    List<TracedMovement> out = new ArrayList<>(data.traces());
    out.sort(
        Comparator.comparing(TracedMovement::siteId)
            .thenComparing(TracedMovement::productId)
            .thenComparing(TracedMovement::occurredAt)
            .thenComparing(TracedMovement::movementId));
    return out;
  }

  /** The lots by site, product, received_at and lot id. */
  static List<LotRecord> sortedLots(AuditData data) {
    List<LotRecord> out = new ArrayList<>(data.lots());
    out.sort(
        Comparator.comparing(LotRecord::siteId)
            .thenComparing(LotRecord::productId)
            .thenComparing(LotRecord::receivedAt)
            .thenComparing(LotRecord::lotId));
    return out;
  }

  /** Receipts of the range: lots received at their own site (not transfer arrivals). */
  static List<LotRecord> receipts(AuditData data) {
    List<LotRecord> out = new ArrayList<>();
    for (LotRecord l : sortedLots(data)) {
      if (data.inRange(l.receivedPeriod())
          && !l.adjustment()
          && (l.originSiteId() == null || l.originSiteId().equals(l.siteId()))) {
        out.add(l);
      }
    }
    return out;
  }

  /** The alerts of {@code data}, as {@link #sortedAlerts(List)} orders them. */
  static List<Alert> sortedAlerts(AuditData data) {
    return sortedAlerts(data.alerts());
  }

  /** {@code alerts} by site, product, occurred_at, type and alert id. */
  static List<Alert> sortedAlerts(List<Alert> alerts) {
    List<Alert> sorted = new ArrayList<>(alerts);
    sorted.sort(
        Comparator.comparing((Alert a) -> nz(a.getSiteId()))
            .thenComparing(a -> nz(a.getProductId()))
            .thenComparing(a -> nz(a.getOccurredAt()))
            .thenComparing(Alert::getType)
            .thenComparing(Alert::getAlertId));
    return sorted;
  }

  /**
   * The trace-back exercise of each product: the largest SALE of the last period with sales (ties:
   * the first by site, occurred_at, movement id), by product id.
   */
  static Map<String, TracedMovement> exercises(List<TracedMovement> traces) {
    Map<String, TracedMovement> out = new TreeMap<>();
    for (TracedMovement t : traces) {
      if (!"SALE".equals(t.type())) {
        continue;
      }
      TracedMovement best = out.get(t.productId());
      if (best == null
          || t.period().compareTo(best.period()) > 0
          || (t.period().equals(best.period()) && t.quantity().compareTo(best.quantity()) > 0)) {
        out.put(t.productId(), t);
      }
    }
    return out;
  }

  /**
   * The variance tolerance of {@code productId}, in percent, as the engine reads the product's
   * record ({@link ProductInfo#of}: a tolerance that is not a number from 0 up is the contract's
   * 5.0), or the contract's default for a product without a record.
   */
  static BigDecimal tolerance(AuditData data, String productId) {
    Product p = data.products().get(productId);
    return (p == null ? ProductInfo.defaults(productId) : ProductInfo.of(p)).tolerancePct();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
