package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.COUNT;
import static org.massbalance.engine.audit.Table.Kind.FLAG;
import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Product;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.AuditData.Allocation;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.audit.Table.Column;
import org.massbalance.engine.audit.Table.Kind;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.export.SnapshotExport;

/**
 * The ten tables of the audit package, from {@link AuditData}: a pure function, rows in a fixed
 * order, so the same data always gives the same tables.
 */
public final class AuditTables {

  /** Sheet names, in workbook order. */
  public static final List<String> SHEETS =
      List.of(
          "Summary",
          "Mass balance",
          "Consolidated",
          "Trace back",
          "Trace forward",
          "Lots",
          "Suppliers",
          "Waste",
          "Alerts",
          "Investigations");

  private static final BigDecimal DEFAULT_TOLERANCE = new BigDecimal("5.0");

  private AuditTables() {}

  /** The tables of {@code data}, in {@link #SHEETS} order. */
  public static List<Table> build(AuditData data) {
    List<Snapshot> snapshots = sortedSnapshots(data);
    List<TracedMovement> traces = sortedTraces(data);
    return List.of(
        summary(data, snapshots, traces),
        massBalance(snapshots),
        consolidated(data),
        traceBack(traces),
        traceForward(data),
        lots(data, traces),
        suppliers(data),
        waste(data, snapshots, traces),
        alerts(data.alerts()),
        investigations(snapshots, data.investigations()));
  }

  static List<Snapshot> sortedSnapshots(AuditData data) {
    List<Snapshot> out = new ArrayList<>(data.snapshots());
    out.sort(
        Comparator.comparing(Snapshot::getSiteId)
            .thenComparing(Snapshot::getProductId)
            .thenComparing(Snapshot::getPeriod));
    return out;
  }

  static List<TracedMovement> sortedTraces(AuditData data) {
    List<TracedMovement> out = new ArrayList<>(data.traces());
    out.sort(
        Comparator.comparing(TracedMovement::siteId)
            .thenComparing(TracedMovement::productId)
            .thenComparing(TracedMovement::occurredAt)
            .thenComparing(TracedMovement::movementId));
    return out;
  }

  // ------------------------------------------------------------------------------ Summary

  static Table summary(AuditData data, List<Snapshot> snapshots, List<TracedMovement> traces) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(row("range", data.from() + " to " + data.to()));
    Set<String> sites = new TreeSet<>();
    snapshots.forEach(s -> sites.add(s.getSiteId()));
    rows.add(
        row(
            "sites",
            (data.sites().isEmpty() ? "all: " : "")
                + String.join(", ", data.sites().isEmpty() ? sites : new TreeSet<>(data.sites()))));
    rows.add(row("generated_at", data.generatedAt().toString()));
    rows.add(row("snapshots", String.valueOf(snapshots.size())));
    Map<String, Integer> byStatus = new TreeMap<>();
    for (String st : List.of("INVESTIGATE", "NOT_COUNTED", "WITHIN_TOLERANCE")) {
      byStatus.put(st, 0);
    }
    snapshots.forEach(s -> byStatus.merge(s.getStatus(), 1, Integer::sum));
    byStatus.forEach((k, v) -> rows.add(row("snapshots " + k, String.valueOf(v))));
    rows.add(row("alerts", String.valueOf(data.alerts().size())));
    rows.add(
        row(
            "CRITICAL alerts",
            String.valueOf(
                data.alerts().stream().filter(a -> "CRITICAL".equals(a.getSeverity())).count())));
    Map<String, TracedMovement> exercises = exercises(traces);
    for (Map.Entry<String, TracedMovement> e : exercises.entrySet()) {
      rows.add(row("trace-back exercise " + e.getKey(), exerciseText(e.getValue())));
    }
    return new Table(
        "Summary", "summary.csv", List.of(new Column("item", TEXT), col("value", LONG_TEXT)), rows);
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

  /** "FRESNO SALE m-003 of 600 lb on ...: lot X 500 lb (supplier ..., NOP ID ..., certified)". */
  static String exerciseText(TracedMovement t) {
    StringBuilder b =
        new StringBuilder()
            .append(t.siteId())
            .append(' ')
            .append(t.type())
            .append(' ')
            .append(t.movementId())
            .append(" of ")
            .append(plain(t.quantity()))
            .append(' ')
            .append(t.unit())
            .append(" on ")
            .append(t.occurredAt());
    String sep = ": ";
    for (TracedLot l : t.lots()) {
      b.append(sep)
          .append("lot ")
          .append(l.lotId())
          .append(' ')
          .append(plain(l.quantity()))
          .append(' ')
          .append(t.unit())
          .append(" (supplier ")
          .append(orDash(l.supplierId()))
          .append(", supplier lot ")
          .append(orDash(l.supplierLot()))
          .append(", NOP ID ")
          .append(orDash(l.supplierNopId()))
          .append(", ")
          .append(
              l.certifiedAtReceipt() == null
                  ? "certification unknown"
                  : l.certifiedAtReceipt() ? "certified at receipt" : "NOT certified at receipt")
          .append(')');
      sep = "; ";
    }
    if (t.uncovered().signum() != 0) {
      b.append(sep).append(plain(t.uncovered())).append(' ').append(t.unit()).append(" untraced");
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------ Mass balance

  /**
   * Snapshot quantity fields, in contract order: the contract's snapshot fields between {@code
   * unit} and {@code status}.
   */
  static final List<String> SNAPSHOT_QUANTITIES =
      SnapshotExport.FIELDS.subList(
          SnapshotExport.FIELDS.indexOf("unit") + 1, SnapshotExport.FIELDS.indexOf("status"));

  static Table massBalance(List<Snapshot> snapshots) {
    List<Column> cols = new ArrayList<>(Table.columns(TEXT, "site_id", "product_id", "period"));
    cols.add(col("revision", COUNT));
    cols.add(col("unit", TEXT));
    cols.addAll(Table.columns(QUANTITY, SNAPSHOT_QUANTITIES.toArray(String[]::new)));
    cols.add(col("status", TEXT));
    List<List<Object>> rows = new ArrayList<>();
    for (Snapshot s : snapshots) {
      List<Object> r = new ArrayList<>();
      r.add(s.getSiteId());
      r.add(s.getProductId());
      r.add(s.getPeriod());
      r.add((long) s.getRevision());
      r.add(s.getUnit());
      for (String f : SNAPSHOT_QUANTITIES) {
        r.add(dec((String) s.get(f)));
      }
      r.add(s.getStatus());
      rows.add(r);
    }
    return new Table("Mass balance", "mass-balance.csv", cols, rows);
  }

  // ------------------------------------------------------------------------------ Consolidated

  static Table consolidated(AuditData data) {
    List<String> quantities =
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
    List<Column> cols = new ArrayList<>(Table.columns(TEXT, "product_id", "period"));
    cols.add(col("revision", COUNT));
    cols.add(col("unit", TEXT));
    cols.add(col("sites", COUNT));
    cols.addAll(Table.columns(QUANTITY, quantities.toArray(String[]::new)));
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
      for (String f : quantities) {
        r.add(dec((String) c.get(f)));
      }
      rows.add(r);
    }
    return new Table("Consolidated", "consolidated.csv", cols, rows);
  }

  // ------------------------------------------------------------------------------ Trace back

  static Table traceBack(List<TracedMovement> traces) {
    List<Column> cols =
        new ArrayList<>(
            Table.columns(
                TEXT, "movement_id", "type", "occurred_at", "site_id", "product_id", "lot_id"));
    cols.add(col("quantity", QUANTITY));
    cols.addAll(Table.columns(TEXT, "unit", "supplier_id", "supplier_lot", "supplier_nop_id"));
    cols.add(col("certified_at_receipt", FLAG));
    cols.addAll(Table.columns(TEXT, "import_certificate", "counterparty_id", "document_ref"));
    List<List<Object>> rows = new ArrayList<>();
    for (TracedMovement t : traces) {
      for (TracedLot l : t.lots()) {
        rows.add(
            row(
                t.movementId(),
                t.type(),
                t.occurredAt(),
                t.siteId(),
                t.productId(),
                l.lotId(),
                l.quantity(),
                t.unit(),
                l.supplierId(),
                l.supplierLot(),
                l.supplierNopId(),
                l.certifiedAtReceipt(),
                l.importCertificate(),
                t.counterpartyId(),
                t.documentRef()));
      }
      if (t.uncovered().signum() != 0 || t.lots().isEmpty()) {
        rows.add(
            row(
                t.movementId(),
                t.type(),
                t.occurredAt(),
                t.siteId(),
                t.productId(),
                null,
                t.uncovered(),
                t.unit(),
                null,
                null,
                null,
                null,
                null,
                t.counterpartyId(),
                t.documentRef()));
      }
    }
    return new Table("Trace back", "trace-back.csv", cols, rows);
  }

  // ------------------------------------------------------------------------------ Trace forward

  static List<LotRecord> sortedLots(AuditData data) {
    List<LotRecord> out = new ArrayList<>(data.lots());
    out.sort(
        Comparator.comparing(LotRecord::siteId)
            .thenComparing(LotRecord::productId)
            .thenComparing(LotRecord::receivedAt)
            .thenComparing(LotRecord::lotId));
    return out;
  }

  static Table traceForward(AuditData data) {
    List<Column> cols =
        new ArrayList<>(
            Table.columns(
                TEXT, "site_id", "product_id", "lot_id", "received_at", "movement_id", "type"));
    cols.add(col("quantity", QUANTITY));
    cols.addAll(
        Table.columns(
            TEXT, "unit", "occurred_at", "counterparty_id", "document_ref", "to_site_id"));
    List<List<Object>> rows = new ArrayList<>();
    for (LotRecord l : sortedLots(data)) {
      if (!data.inRange(l.receivedPeriod())) {
        continue;
      }
      for (Allocation a : l.allocations()) {
        rows.add(
            row(
                l.siteId(),
                l.productId(),
                l.lotId(),
                l.receivedAt(),
                a.movementId(),
                a.type(),
                a.quantity(),
                l.unit(),
                a.occurredAt(),
                a.counterpartyId(),
                a.documentRef(),
                a.toSiteId()));
      }
    }
    return new Table("Trace forward", "trace-forward.csv", cols, rows);
  }

  // ------------------------------------------------------------------------------ Lots

  static Table lots(AuditData data, List<TracedMovement> traces) {
    Set<String> drawn = new HashSet<>();
    for (TracedMovement t : traces) {
      for (TracedLot l : t.lots()) {
        drawn.add(Keys.lot(Keys.ledger(t.siteId(), t.productId()), l.lotId()));
      }
    }
    List<Column> cols =
        new ArrayList<>(Table.columns(TEXT, "site_id", "product_id", "lot_id", "unit"));
    cols.addAll(Table.columns(QUANTITY, "received", "remaining"));
    cols.addAll(
        Table.columns(TEXT, "received_at", "supplier_id", "supplier_lot", "supplier_nop_id"));
    cols.add(col("certified_at_receipt", FLAG));
    cols.addAll(Table.columns(TEXT, "import_certificate", "origin_country", "origin_site_id"));
    cols.add(col("allocations", COUNT));
    List<List<Object>> rows = new ArrayList<>();
    for (LotRecord l : sortedLots(data)) {
      if (!data.inRange(l.receivedPeriod())
          && !drawn.contains(Keys.lot(Keys.ledger(l.siteId(), l.productId()), l.lotId()))) {
        continue;
      }
      rows.add(
          row(
              l.siteId(),
              l.productId(),
              l.lotId(),
              l.unit(),
              l.received(),
              l.remaining(),
              l.receivedAt(),
              l.supplierId(),
              l.supplierLot(),
              l.supplierNopId(),
              l.certifiedAtReceipt(),
              l.importCertificate(),
              l.originCountry(),
              l.originSiteId(),
              (long) l.allocations().size()));
    }
    return new Table("Lots", "lots.csv", cols, rows);
  }

  // ------------------------------------------------------------------------------ Suppliers

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

  static Table suppliers(AuditData data) {
    List<Column> cols =
        new ArrayList<>(
            Table.columns(
                TEXT,
                "supplier_nop_id",
                "operation_name",
                "certifier",
                "status",
                "status_effective",
                "expires_on",
                "scopes",
                "product_id",
                "unit"));
    cols.add(col("receipts", COUNT));
    cols.add(col("quantity_received", QUANTITY));
    cols.add(col("receipts_not_certified", COUNT));
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> quantities = new HashMap<>();
    Map<String, String> units = new HashMap<>();
    for (LotRecord l : receipts(data)) {
      if (l.supplierNopId() == null) {
        continue;
      }
      String k = l.supplierNopId() + "|" + l.productId();
      long[] c = counts.computeIfAbsent(k, x -> new long[2]);
      c[0]++;
      if (Boolean.FALSE.equals(l.certifiedAtReceipt())) {
        c[1]++;
      }
      quantities.merge(k, l.received(), BigDecimal::add);
      units.put(k, l.unit());
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      String[] k = e.getKey().split("\\|", 2);
      SupplierCertificate c = data.certificates().get(k[0]);
      rows.add(
          row(
              k[0],
              c == null ? "(no certificate record)" : c.getOperationName(),
              c == null ? null : c.getCertifier(),
              c == null ? null : c.getStatus(),
              c == null ? null : c.getStatusEffective(),
              c == null ? null : c.getExpiresOn(),
              c == null ? null : String.join(";", c.getScopes()),
              k[1],
              units.get(e.getKey()),
              e.getValue()[0],
              quantities.get(e.getKey()),
              e.getValue()[1]));
    }
    return new Table("Suppliers", "suppliers.csv", cols, rows);
  }

  // ------------------------------------------------------------------------------ Waste

  static BigDecimal tolerance(AuditData data, String productId) {
    Product p = data.products().get(productId);
    if (p == null || p.getTolerancePct() == null) {
      return DEFAULT_TOLERANCE;
    }
    try {
      return new BigDecimal(p.getTolerancePct().trim());
    } catch (NumberFormatException e) {
      return DEFAULT_TOLERANCE;
    }
  }

  static Table waste(AuditData data, List<Snapshot> snapshots, List<TracedMovement> traces) {
    Map<String, Snapshot> byKey = new HashMap<>();
    snapshots.forEach(
        s -> byKey.put(Keys.period(s.getSiteId(), s.getProductId(), s.getPeriod()), s));
    Map<String, Alert> undocumented = new HashMap<>();
    for (Alert a : data.alerts()) {
      if ("WASTE_UNDOCUMENTED".equals(a.getType()) && a.getMovementId() != null) {
        undocumented.put(
            Keys.movement(Keys.ledger(a.getSiteId(), a.getProductId()), a.getMovementId()), a);
      }
    }
    List<Column> cols =
        new ArrayList<>(
            Table.columns(TEXT, "site_id", "product_id", "period", "movement_id", "occurred_at"));
    cols.add(col("quantity", QUANTITY));
    cols.addAll(Table.columns(TEXT, "unit", "reason", "document_ref"));
    cols.add(col("documented", FLAG));
    cols.add(col("missing", TEXT));
    cols.addAll(Table.columns(QUANTITY, "period_waste", "period_waste_pct", "tolerance_pct"));
    cols.add(col("above_tolerance", FLAG));
    List<List<Object>> rows = new ArrayList<>();
    for (TracedMovement t : traces) {
      if (!"WASTE".equals(t.type())) {
        continue;
      }
      Alert a =
          undocumented.get(Keys.movement(Keys.ledger(t.siteId(), t.productId()), t.movementId()));
      Snapshot s = byKey.get(Keys.period(t.siteId(), t.productId(), t.period()));
      BigDecimal tol = tolerance(data, t.productId());
      BigDecimal pct = s == null ? null : dec(s.getWastePct());
      BigDecimal periodWaste = s == null ? null : dec(s.getWaste());
      Boolean above =
          s == null ? null : periodWaste.signum() > 0 && (pct == null || pct.compareTo(tol) > 0);
      rows.add(
          row(
              t.siteId(),
              t.productId(),
              t.period(),
              t.movementId(),
              t.occurredAt(),
              t.quantity(),
              t.unit(),
              t.reason(),
              t.documentRef(),
              a == null,
              a == null ? null : a.getDetails().getOrDefault("missing", ""),
              periodWaste,
              pct,
              tol,
              above));
    }
    return new Table("Waste", "waste.csv", cols, rows);
  }

  // ------------------------------------------------------------------------------ Alerts

  /**
   * The {@code Alerts} table of {@code alerts} (sorted by site, product, occurred_at, type, id).
   */
  public static Table alerts(List<Alert> alerts) {
    List<Column> cols =
        new ArrayList<>(
            Table.columns(
                TEXT,
                "alert_id",
                "type",
                "severity",
                "site_id",
                "product_id",
                "lot_id",
                "movement_id",
                "period"));
    cols.add(col("quantity", QUANTITY));
    cols.addAll(Table.columns(TEXT, "unit", "occurred_at", "detected_at"));
    cols.add(col("message", LONG_TEXT));
    cols.add(col("details", LONG_TEXT));
    List<List<Object>> rows = new ArrayList<>();
    for (Alert a : sortedAlerts(alerts)) {
      StringBuilder details = new StringBuilder();
      for (Map.Entry<String, String> d : new TreeMap<>(a.getDetails()).entrySet()) {
        details.append(details.length() == 0 ? "" : "; ").append(d.getKey()).append('=');
        details.append(d.getValue());
      }
      rows.add(
          row(
              a.getAlertId(),
              a.getType(),
              a.getSeverity(),
              a.getSiteId(),
              a.getProductId(),
              a.getLotId(),
              a.getMovementId(),
              a.getPeriod(),
              dec(a.getQuantity()),
              a.getUnit(),
              a.getOccurredAt(),
              a.getDetectedAt(),
              a.getMessage(),
              details.toString()));
    }
    return new Table("Alerts", "alerts.csv", cols, rows);
  }

  static List<Alert> sortedAlerts(AuditData data) {
    return sortedAlerts(data.alerts());
  }

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

  // ------------------------------------------------------------------------------ Investigations

  static Table investigations(List<Snapshot> snapshots) {
    return investigations(snapshots, List.of());
  }

  /**
   * Each INVESTIGATE snapshot of the range with the engine's case: status (open, done; open when
   * the engine lists none), due date, whether overdue or late, and the investigation recorded.
   */
  static Table investigations(
      List<Snapshot> snapshots, List<AuditData.InvestigationRecord> investigations) {
    Map<String, AuditData.InvestigationRecord> byKey = new HashMap<>();
    for (AuditData.InvestigationRecord r : investigations) {
      byKey.put(r.key(), r);
    }
    List<Column> cols =
        new ArrayList<>(Table.columns(TEXT, "site_id", "product_id", "period", "unit"));
    cols.addAll(Table.columns(QUANTITY, "expected_at_count", "counted", "count_variance"));
    cols.add(col("variance_pct", QUANTITY));
    cols.addAll(Table.columns(TEXT, "status", "investigation", "due_on"));
    cols.add(col("overdue", FLAG));
    cols.add(col("late", FLAG));
    cols.add(col("cause", TEXT));
    cols.add(col("explanation", LONG_TEXT));
    cols.add(col("corrective_action", LONG_TEXT));
    cols.addAll(Table.columns(TEXT, "certifier_notified_on", "investigated_by", "recorded_at"));
    List<List<Object>> rows = new ArrayList<>();
    for (Snapshot s : snapshots) {
      if (!"INVESTIGATE".equals(s.getStatus())) {
        continue;
      }
      AuditData.InvestigationRecord r =
          byKey.get(Keys.period(s.getSiteId(), s.getProductId(), s.getPeriod()));
      boolean recorded = r != null && r.cause() != null;
      rows.add(
          row(
              s.getSiteId(),
              s.getProductId(),
              s.getPeriod(),
              s.getUnit(),
              dec(s.getExpectedAtCount()),
              dec(s.getCounted()),
              dec(s.getCountVariance()),
              dec(s.getVariancePct()),
              r == null ? "open" : r.status(),
              recorded ? "recorded" : "none recorded",
              r == null ? null : r.dueOn(),
              r != null && r.overdue(),
              r != null && r.late(),
              r == null ? null : r.cause(),
              r == null ? null : r.explanation(),
              r == null ? null : r.correctiveAction(),
              r == null ? null : r.certifierNotifiedOn(),
              r == null ? null : r.investigatedBy(),
              r == null ? null : r.recordedAt()));
    }
    return new Table("Investigations", "investigations.csv", cols, rows);
  }

  // ------------------------------------------------------------------------------ helpers

  /** The table named {@code sheet} of {@code tables}. */
  public static Optional<Table> find(List<Table> tables, String sheet) {
    return tables.stream().filter(t -> t.sheet().equals(sheet)).findFirst();
  }

  static BigDecimal dec(String s) {
    return s == null || s.isEmpty() ? null : new BigDecimal(s);
  }

  static String plain(BigDecimal d) {
    return d == null ? "" : d.toPlainString();
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static Column col(String name, Kind kind) {
    return new Column(name, kind);
  }

  private static List<Object> row(Object... values) {
    List<Object> r = new ArrayList<>(values.length);
    for (Object v : values) {
      r.add(v);
    }
    return r;
  }
}
