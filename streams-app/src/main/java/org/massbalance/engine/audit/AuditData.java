package org.massbalance.engine.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Product;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.domain.Keys;

/**
 * Everything an audit package is made of, as read at one moment: the input of the pure writers.
 * Quantities are exact decimals in each product's reporting unit (6 places at most).
 *
 * @param from first period of the range
 * @param to last period of the range
 * @param sites the sites asked for (empty: every site)
 * @param generatedAt when the package was made (the only value two runs over the same input may
 *     differ in)
 * @param snapshots latest revision of each closed site snapshot of the range
 * @param consolidated latest revision of each consolidated snapshot of the range
 * @param traces back traces of the range's outbound movements
 * @param lots the lots of the range's site|product keys
 * @param certificates certificate records by NOP ID (latest)
 * @param products product records by id (latest)
 * @param alerts alerts of the range
 * @param investigations the engine's investigation cases of the range (INVESTIGATE snapshots)
 * @param importCertificates the engine's import certificates drawn in the range, with every draw
 */
public record AuditData(
    YearMonth from,
    YearMonth to,
    List<String> sites,
    Instant generatedAt,
    List<Snapshot> snapshots,
    List<ConsolidatedSnapshot> consolidated,
    List<TracedMovement> traces,
    List<LotRecord> lots,
    Map<String, SupplierCertificate> certificates,
    Map<String, Product> products,
    List<Alert> alerts,
    List<InvestigationRecord> investigations,
    List<ImportCertificatesSheet.Certificate> importCertificates) {

  /** Data without import certificates. */
  public AuditData(
      YearMonth from,
      YearMonth to,
      List<String> sites,
      Instant generatedAt,
      List<Snapshot> snapshots,
      List<ConsolidatedSnapshot> consolidated,
      List<TracedMovement> traces,
      List<LotRecord> lots,
      Map<String, SupplierCertificate> certificates,
      Map<String, Product> products,
      List<Alert> alerts,
      List<InvestigationRecord> investigations) {
    this(
        from,
        to,
        sites,
        generatedAt,
        snapshots,
        consolidated,
        traces,
        lots,
        certificates,
        products,
        alerts,
        investigations,
        List.of());
  }

  /** Data without investigation cases. */
  public AuditData(
      YearMonth from,
      YearMonth to,
      List<String> sites,
      Instant generatedAt,
      List<Snapshot> snapshots,
      List<ConsolidatedSnapshot> consolidated,
      List<TracedMovement> traces,
      List<LotRecord> lots,
      Map<String, SupplierCertificate> certificates,
      Map<String, Product> products,
      List<Alert> alerts) {
    this(
        from,
        to,
        sites,
        generatedAt,
        snapshots,
        consolidated,
        traces,
        lots,
        certificates,
        products,
        alerts,
        List.of());
  }

  /** Copies the lists and maps: an {@code AuditData} never changes. */
  public AuditData {
    investigations = List.copyOf(investigations);
    importCertificates = List.copyOf(importCertificates);
    sites = List.copyOf(sites);
    snapshots = List.copyOf(snapshots);
    consolidated = List.copyOf(consolidated);
    traces = List.copyOf(traces);
    lots = List.copyOf(lots);
    certificates = Map.copyOf(certificates);
    products = Map.copyOf(products);
    alerts = List.copyOf(alerts);
  }

  /** Whether {@code period} (yyyy-MM) lies in the range. */
  public boolean inRange(String period) {
    if (period == null) {
      return false;
    }
    YearMonth p = YearMonth.parse(period);
    return !p.isBefore(from) && !p.isAfter(to);
  }

  /**
   * The back trace of an outbound movement: what it drew from each lot and what no lot covered.
   *
   * @param quantity the movement's quantity (the sum of the lots' quantities and {@code uncovered})
   * @param period site-local yyyy-MM of {@code occurredAt}
   */
  public record TracedMovement(
      String siteId,
      String productId,
      String movementId,
      String type,
      String occurredAt,
      String period,
      BigDecimal quantity,
      String unit,
      BigDecimal uncovered,
      String counterpartyId,
      String documentRef,
      String toSiteId,
      String reason,
      List<TracedLot> lots) {

    /** Copies the list. */
    public TracedMovement {
      lots = List.copyOf(lots);
    }
  }

  /** One lot a movement drew, with the lot's receipt facts. */
  public record TracedLot(
      String lotId,
      BigDecimal quantity,
      String receivedAt,
      String supplierId,
      String supplierLot,
      String supplierNopId,
      Boolean certifiedAtReceipt,
      String importCertificate,
      String originCountry) {}

  /**
   * A lot with its forward trace.
   *
   * @param receivedPeriod site-local yyyy-MM of the original receipt
   */
  public record LotRecord(
      String siteId,
      String productId,
      String lotId,
      String unit,
      BigDecimal received,
      BigDecimal remaining,
      String receivedAt,
      String receivedPeriod,
      String supplierId,
      String supplierLot,
      String supplierNopId,
      Boolean certifiedAtReceipt,
      String importCertificate,
      String originCountry,
      String originSiteId,
      boolean adjustment,
      List<Allocation> allocations) {

    /** Copies the list. */
    public LotRecord {
      allocations = List.copyOf(allocations);
    }
  }

  /** One movement's draw from a lot. */
  public record Allocation(
      String movementId,
      String type,
      BigDecimal quantity,
      String occurredAt,
      String counterpartyId,
      String documentRef,
      String toSiteId) {}

  /**
   * An investigation case as the engine lists it ({@code GET /api/v1/investigations}): its status
   * (open or done), due date and the investigation recorded, if any (null fields).
   */
  public record InvestigationRecord(
      String siteId,
      String productId,
      String period,
      String status,
      String dueOn,
      boolean overdue,
      boolean late,
      String cause,
      String explanation,
      String correctiveAction,
      String certifierNotifiedOn,
      String investigatedBy,
      String recordedAt) {

    /** {@code site|product|yyyy-MM}. */
    public String key() {
      return Keys.period(siteId, productId, period);
    }
  }
}
