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
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.AuditData.InvestigationRecord;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/**
 * What the HTML and PDF reports show of one site and product: the months of the range, the
 * trace-back exercise, the certificates of the lots received, open exceptions and investigations. A
 * pure function of one {@link KeyGroup} and the reference data.
 */
final class ReportModel {

  /**
   * One site and product's page.
   *
   * @param processing whether a month moved anything through a transformation (the tables then show
   *     processed and produced)
   * @param signOffs the sign-off of each signed month of the page, in period order
   * @param corrections the months whose snapshot books corrections (movements dated in signed
   *     months), in period order
   */
  record Page(
      String siteId,
      String productId,
      String unit,
      BigDecimal tolerancePct,
      List<Snapshot> months,
      Optional<TracedMovement> exercise,
      List<Certificate> certificates,
      List<Alert> exceptions,
      List<Draft> investigations,
      boolean processing,
      List<PeriodSignOff> signOffs,
      List<Snapshot> corrections) {

    /** Copies the lists. */
    Page {
      signOffs = List.copyOf(signOffs);
      corrections = List.copyOf(corrections);
    }

    /**
     * The sign-off block's correction lines: each month of the page booking corrections (movements
     * dated in signed months), in period order.
     */
    List<String> correctionLines() {
      List<String> out = new ArrayList<>();
      for (Snapshot c : corrections) {
        out.add(
            c.getPeriod()
                + ": correction of "
                + c.getCorrections()
                + " "
                + c.getUnit()
                + " booked (movements dated in signed months)");
      }
      return out;
    }
  }

  /**
   * An INVESTIGATE snapshot to investigate: the variance and the period's movements by type (the
   * snapshot's sums), the period's undocumented waste and late movements (their alerts), and the
   * engine's case (null when it lists none): an open one is drafted for a person to complete.
   */
  record Draft(
      Snapshot snapshot,
      InvestigationRecord recorded,
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
  static List<YearMonth> months(AuditInput.Scope scope) {
    List<YearMonth> out = new ArrayList<>();
    for (YearMonth m = scope.from(); !m.isAfter(scope.to()); m = m.plusMonths(1)) {
      out.add(m);
    }
    return out;
  }

  /** The page of {@code group}, or null when it has no snapshot (no page). */
  static Page page(AuditInput.Scope scope, AuditInput.Reference reference, KeyGroup group) {
    if (group.snapshots().isEmpty() || group.keyless()) {
      return null;
    }
    Map<String, long[]> counts = new TreeMap<>();
    for (LotRecord l : group.lots()) {
      if (l.supplierNopId() != null
          && l.receivedHere()
          && l.transformationId() == null
          && scope.inRange(l.receivedPeriod())) {
        long[] c = counts.computeIfAbsent(l.supplierNopId(), x -> new long[2]);
        c[0]++;
        if (Boolean.FALSE.equals(l.certifiedAtReceipt())) {
          c[1]++;
        }
      }
    }
    List<Certificate> certificates = new ArrayList<>();
    for (Map.Entry<String, long[]> c : counts.entrySet()) {
      SupplierCertificate sc = reference.certificates().get(c.getKey());
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
    List<Alert> exceptions = new ArrayList<>();
    Map<String, List<Alert>> undocumented = new HashMap<>();
    Map<String, List<Alert>> late = new HashMap<>();
    for (Alert a : group.alerts()) {
      if (!"INFO".equals(a.getSeverity())) {
        exceptions.add(a);
      }
      if ("WASTE_UNDOCUMENTED".equals(a.getType())) {
        undocumented.computeIfAbsent(a.getPeriod(), x -> new ArrayList<>()).add(a);
      } else if ("LATE_MOVEMENT".equals(a.getType())) {
        late.computeIfAbsent(a.getPeriod(), x -> new ArrayList<>()).add(a);
      }
    }
    Map<String, InvestigationRecord> recorded = new HashMap<>();
    for (InvestigationRecord r : group.investigations()) {
      recorded.put(r.period(), r);
    }
    List<Draft> investigations = new ArrayList<>();
    boolean processing = false;
    List<PeriodSignOff> signOffs = new ArrayList<>();
    List<Snapshot> corrections = new ArrayList<>();
    for (Snapshot s : group.snapshots()) {
      PeriodSignOff signed = reference.signOff(group.siteId(), group.productId(), s.getPeriod());
      if (signed != null) {
        signOffs.add(signed);
      }
      if (nonZero(s.getCorrections())) {
        corrections.add(s);
      }
      if ("INVESTIGATE".equals(s.getStatus())) {
        investigations.add(
            new Draft(
                s,
                recorded.get(s.getPeriod()),
                undocumented.getOrDefault(s.getPeriod(), List.of()),
                late.getOrDefault(s.getPeriod(), List.of())));
      }
      processing |= nonZero(s.getProcessed()) || nonZero(s.getProduced());
    }
    return new Page(
        group.siteId(),
        group.productId(),
        group.snapshots().get(0).getUnit(),
        AuditRows.tolerance(reference.products(), group.productId()),
        group.snapshots(),
        Optional.ofNullable(AuditRows.exercise(group.traces())),
        certificates,
        exceptions,
        investigations,
        processing,
        signOffs,
        corrections);
  }

  private static boolean nonZero(String s) {
    return s != null && !s.isEmpty() && new BigDecimal(s).signum() != 0;
  }

  /** The snapshot of each month of the range (null where none). */
  static Map<YearMonth, Snapshot> byMonth(AuditInput.Scope scope, Page page) {
    Map<YearMonth, Snapshot> out = new LinkedHashMap<>();
    for (YearMonth m : months(scope)) {
      out.put(m, null);
    }
    for (Snapshot s : page.months()) {
      out.put(YearMonth.parse(s.getPeriod()), s);
    }
    return out;
  }
}
