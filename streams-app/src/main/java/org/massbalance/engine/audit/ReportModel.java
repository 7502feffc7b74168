package org.massbalance.engine.audit;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.domain.Keys;

/**
 * What the HTML and PDF reports show, per site and product: the months of the range, the trace-back
 * exercise, the certificates of the lots received, open exceptions and investigations. A pure
 * function of {@link AuditData}.
 */
final class ReportModel {

  /** One site and product's page. */
  record Page(
      String siteId,
      String productId,
      String unit,
      BigDecimal tolerancePct,
      List<Snapshot> months,
      Optional<TracedMovement> exercise,
      List<Certificate> certificates,
      List<Alert> exceptions,
      List<Draft> investigations) {}

  /**
   * An INVESTIGATE snapshot to investigate: the variance and the period's movements by type (the
   * snapshot's sums), the period's undocumented waste and late movements (their alerts), and the
   * engine's case (null when it lists none): an open one is drafted for a person to complete.
   */
  record Draft(
      Snapshot snapshot,
      AuditData.InvestigationRecord recorded,
      List<Alert> undocumentedWaste,
      List<Alert> lateMovements) {

    /** True unless the engine says it is done. */
    boolean open() {
      return recorded == null || !"done".equals(recorded.status());
    }
  }

  /** A supplier of the page's lots: the certificate now and the receipts of the range. */
  record Certificate(
      String nopId,
      String operationName,
      String certifier,
      String status,
      String statusEffective,
      long receipts,
      long notCertifiedAtReceipt) {}

  private ReportModel() {}

  /** The range's months, in order. */
  static List<YearMonth> months(AuditData data) {
    List<YearMonth> out = new ArrayList<>();
    for (YearMonth m = data.from(); !m.isAfter(data.to()); m = m.plusMonths(1)) {
      out.add(m);
    }
    return out;
  }

  /** One page per site|product of the range's snapshots, by site then product. */
  static List<Page> pages(AuditData data) {
    Map<String, List<Snapshot>> byKey = new TreeMap<>();
    for (Snapshot s : AuditRows.sortedSnapshots(data)) {
      byKey
          .computeIfAbsent(Keys.ledger(s.getSiteId(), s.getProductId()), k -> new ArrayList<>())
          .add(s);
    }
    // Each list grouped by site|product once, in its sorted order: a page reads only its own.
    Map<String, List<TracedMovement>> traces = new HashMap<>();
    for (TracedMovement t : AuditRows.sortedTraces(data)) {
      traces.computeIfAbsent(Keys.ledger(t.siteId(), t.productId()), x -> new ArrayList<>()).add(t);
    }
    Map<String, List<LotRecord>> receipts = new HashMap<>();
    for (LotRecord l : AuditRows.receipts(data)) {
      if (l.supplierNopId() != null) {
        receipts
            .computeIfAbsent(Keys.ledger(l.siteId(), l.productId()), x -> new ArrayList<>())
            .add(l);
      }
    }
    Map<String, List<Alert>> alerts = new HashMap<>();
    for (Alert a : AuditRows.sortedAlerts(data)) {
      if (!"INFO".equals(a.getSeverity())) {
        alerts
            .computeIfAbsent(Keys.ledger(a.getSiteId(), a.getProductId()), x -> new ArrayList<>())
            .add(a);
      }
    }
    // For the investigation drafts, per site|product|period: the engine's case, the undocumented
    // waste and the late movements.
    Map<String, AuditData.InvestigationRecord> recorded = new HashMap<>();
    for (AuditData.InvestigationRecord r : data.investigations()) {
      recorded.put(r.key(), r);
    }
    Map<String, List<Alert>> undocumentedWaste = new HashMap<>();
    Map<String, List<Alert>> lateMovements = new HashMap<>();
    for (Alert a : AuditRows.sortedAlerts(data)) {
      String key = Keys.period(a.getSiteId(), a.getProductId(), a.getPeriod());
      if ("WASTE_UNDOCUMENTED".equals(a.getType())) {
        undocumentedWaste.computeIfAbsent(key, x -> new ArrayList<>()).add(a);
      } else if ("LATE_MOVEMENT".equals(a.getType())) {
        lateMovements.computeIfAbsent(key, x -> new ArrayList<>()).add(a);
      }
    }
    List<Page> pages = new ArrayList<>();
    for (Map.Entry<String, List<Snapshot>> e : byKey.entrySet()) {
      Keys.SiteProduct k = Keys.parseLedger(e.getKey());
      String site = k.siteId();
      String product = k.productId();
      List<TracedMovement> mine = traces.getOrDefault(e.getKey(), List.of());
      Map<String, long[]> counts = new TreeMap<>();
      for (LotRecord l : receipts.getOrDefault(e.getKey(), List.of())) {
        long[] c = counts.computeIfAbsent(l.supplierNopId(), x -> new long[2]);
        c[0]++;
        if (Boolean.FALSE.equals(l.certifiedAtReceipt())) {
          c[1]++;
        }
      }
      List<Certificate> certificates = new ArrayList<>();
      for (Map.Entry<String, long[]> c : counts.entrySet()) {
        SupplierCertificate sc = data.certificates().get(c.getKey());
        certificates.add(
            new Certificate(
                c.getKey(),
                sc == null ? "(no certificate record)" : sc.getOperationName(),
                sc == null ? null : sc.getCertifier(),
                sc == null ? "UNKNOWN" : sc.getStatus(),
                sc == null ? null : sc.getStatusEffective(),
                c.getValue()[0],
                c.getValue()[1]));
      }
      List<Alert> exceptions = alerts.getOrDefault(e.getKey(), List.of());
      List<Draft> investigations = new ArrayList<>();
      for (Snapshot s : e.getValue()) {
        if ("INVESTIGATE".equals(s.getStatus())) {
          String key = Keys.period(site, product, s.getPeriod());
          investigations.add(
              new Draft(
                  s,
                  recorded.get(key),
                  undocumentedWaste.getOrDefault(key, List.of()),
                  lateMovements.getOrDefault(key, List.of())));
        }
      }
      pages.add(
          new Page(
              site,
              product,
              e.getValue().get(0).getUnit(),
              AuditRows.tolerance(data, product),
              e.getValue(),
              Optional.ofNullable(AuditRows.exercises(mine).get(product)),
              certificates,
              exceptions,
              investigations));
    }
    return pages;
  }

  /** The snapshot of each month of the range (null where none). */
  static Map<YearMonth, Snapshot> byMonth(AuditData data, Page page) {
    Map<YearMonth, Snapshot> out = new LinkedHashMap<>();
    for (YearMonth m : months(data)) {
      out.put(m, null);
    }
    for (Snapshot s : page.months()) {
      out.put(YearMonth.parse(s.getPeriod()), s);
    }
    return out;
  }
}
