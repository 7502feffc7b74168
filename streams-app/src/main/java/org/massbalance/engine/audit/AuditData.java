package org.massbalance.engine.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.io.CloseableIterator;
import org.massbalance.engine.domain.Keys;

/**
 * An audit package's input held in memory: lists in any order, grouped and sorted when read (tests
 * and small ranges; the reader spools a range to sorted files instead, see {@link AuditInput}).
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
 * @param lots the lots the range's site|product keys received or drew in the range
 * @param certificates certificate records by NOP ID (latest)
 * @param products product records by id (latest)
 * @param alerts alerts of the range
 * @param investigations the engine's investigation cases of the range (INVESTIGATE snapshots)
 * @param transformations the range's transformations
 * @param arrivals the transfers that arrived at the range's sites in the range
 * @param siteRecords site records by id (latest)
 * @param receiptDocuments a RECEIPT's {@code document_ref} by {@code site|product|movement_id}
 * @param importCertificates the engine's import certificates drawn in the range, with every draw
 * @param signOffs the sign-offs of the range's months at the sites asked for
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
    List<ProcessRecord> transformations,
    List<Arrival> arrivals,
    Map<String, Site> siteRecords,
    Map<String, String> receiptDocuments,
    List<ImportCertificatesSheet.Certificate> importCertificates,
    List<PeriodSignOff> signOffs)
    implements AuditInput {

  /** Data with import certificates but without processing, arrivals, sites or documents. */
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
      List<InvestigationRecord> investigations,
      List<ImportCertificatesSheet.Certificate> importCertificates) {
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
        List.of(),
        List.of(),
        Map.of(),
        Map.of(),
        importCertificates,
        List.of());
  }

  /** Data without investigation cases, processing, arrivals, sites or receipt documents. */
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

  /** Data without processing, arrivals, sites or receipt documents. */
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
        List.of(),
        List.of(),
        Map.of(),
        Map.of(),
        List.of(),
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
    transformations = List.copyOf(transformations);
    arrivals = List.copyOf(arrivals);
    siteRecords = Map.copyOf(siteRecords);
    receiptDocuments = Map.copyOf(receiptDocuments);
    signOffs = List.copyOf(signOffs);
  }

  /** This data with processing, arrivals, site records and receipt documents. */
  public AuditData with(
      List<ProcessRecord> transformations,
      List<Arrival> arrivals,
      Map<String, Site> siteRecords,
      Map<String, String> receiptDocuments) {
    return new AuditData(
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
        transformations,
        arrivals,
        siteRecords,
        receiptDocuments,
        importCertificates,
        signOffs);
  }

  /** This data with {@code signOffs}. */
  public AuditData withSignOffs(List<PeriodSignOff> signOffs) {
    return new AuditData(
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
        transformations,
        arrivals,
        siteRecords,
        receiptDocuments,
        importCertificates,
        signOffs);
  }

  /** Whether {@code period} (yyyy-MM) lies in the range. */
  public boolean inRange(String period) {
    return scope().inRange(period);
  }

  @Override
  public Scope scope() {
    return new Scope(from, to, sites, generatedAt);
  }

  @Override
  public Reference reference() {
    return new Reference(
        certificates, products, siteRecords, consolidated, importCertificates, signOffs);
  }

  @Override
  public CloseableIterator<KeyGroup> groups() {
    Map<String, Parts> byKey = new TreeMap<>(GROUP_ORDER);
    for (Snapshot s : snapshots) {
      part(byKey, s.getSiteId(), s.getProductId()).snapshots.add(s);
    }
    for (TracedMovement t : traces) {
      part(byKey, t.siteId(), t.productId()).traces.add(t);
    }
    for (LotRecord l : lots) {
      part(byKey, l.siteId(), l.productId()).lots.add(l);
    }
    for (Arrival a : arrivals) {
      part(byKey, a.siteId(), a.productId()).arrivals.add(a);
    }
    for (Alert a : alerts) {
      part(byKey, a.getSiteId(), a.getProductId()).alerts.add(a);
    }
    for (InvestigationRecord r : investigations) {
      part(byKey, r.siteId(), r.productId()).investigations.add(r);
    }
    for (Map.Entry<String, String> e : receiptDocuments.entrySet()) {
      String[] k = e.getKey().split("\\|", 3);
      part(byKey, k[0], k[1]).documents.put(k[2], e.getValue());
    }
    List<KeyGroup> out = new ArrayList<>();
    for (Parts p : byKey.values()) {
      out.add(p.group());
    }
    return CloseableIterator.of(out);
  }

  @Override
  public CloseableIterator<ProcessRecord> transformationRecords() {
    List<ProcessRecord> sorted = new ArrayList<>(transformations);
    sorted.sort(ProcessRecord.ORDER);
    return CloseableIterator.of(sorted);
  }

  /** Group keys: site, then product (empty for none), with a separator below every id byte. */
  private static final Comparator<String> GROUP_ORDER =
      Comparator.comparing((String k) -> k.substring(0, k.indexOf('\u0000')))
          .thenComparing(k -> k.substring(k.indexOf('\u0000') + 1));

  private static Parts part(Map<String, Parts> byKey, String site, String product) {
    String s = site == null ? "" : site;
    String p = product == null ? "" : product;
    return byKey.computeIfAbsent(s + '\u0000' + p, x -> new Parts(s, p));
  }

  /** One group's records as they are gathered. */
  private static final class Parts {
    final String site;
    final String product;
    final List<Snapshot> snapshots = new ArrayList<>();
    final List<TracedMovement> traces = new ArrayList<>();
    final List<LotRecord> lots = new ArrayList<>();
    final List<Arrival> arrivals = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<InvestigationRecord> investigations = new ArrayList<>();
    final Map<String, String> documents = new HashMap<>();

    Parts(String site, String product) {
      this.site = site;
      this.product = product;
    }

    KeyGroup group() {
      snapshots.sort(Comparator.comparing(Snapshot::getPeriod));
      traces.sort(AuditRows.TRACE_ORDER);
      lots.sort(AuditRows.LOT_ORDER);
      arrivals.sort(Comparator.comparing(Arrival::occurredAt).thenComparing(Arrival::movementId));
      alerts.sort(AuditRows.ALERT_ORDER);
      investigations.sort(Comparator.comparing(InvestigationRecord::period));
      return new KeyGroup(
          site, product, snapshots, traces, lots, arrivals, alerts, investigations, documents);
    }
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

  /**
   * One lot a movement drew, with the lot's receipt facts; a lot a transformation made names it and
   * the lots it drew ({@code inputs}) instead of a supplier.
   *
   * @param originSiteId the site of the lot's original receipt (or of the transformation)
   */
  public record TracedLot(
      String lotId,
      BigDecimal quantity,
      String receivedAt,
      String supplierId,
      String supplierLot,
      String supplierNopId,
      Boolean certifiedAtReceipt,
      String importCertificate,
      String originCountry,
      String originSiteId,
      String transformationId,
      List<LineageInput> inputs) {

    /** Copies the list. */
    public TracedLot {
      inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    /** A lot received from a supplier. */
    public TracedLot(
        String lotId,
        BigDecimal quantity,
        String receivedAt,
        String supplierId,
        String supplierLot,
        String supplierNopId,
        Boolean certifiedAtReceipt,
        String importCertificate,
        String originCountry) {
      this(
          lotId,
          quantity,
          receivedAt,
          supplierId,
          supplierLot,
          supplierNopId,
          certifiedAtReceipt,
          importCertificate,
          originCountry,
          null,
          null,
          List.of());
    }
  }

  /**
   * One lot a transformation drew to make a lot (a lineage one step down), in its product's unit.
   *
   * @param lotId null for a part no lot covered
   * @param transformationId the transformation that made this input lot, if one did
   */
  public record LineageInput(
      String productId,
      String lotId,
      BigDecimal quantity,
      String unit,
      boolean organic,
      String supplierId,
      String supplierLot,
      String supplierNopId,
      Boolean certifiedAtReceipt,
      String transformationId,
      String originSiteId) {}

  /**
   * A lot with its forward trace.
   *
   * @param receivedPeriod site-local yyyy-MM of the original receipt
   * @param transformationId the transformation that made it, if one did
   * @param inputs the lots that transformation drew
   * @param receiptMovementId the movement that created it (a RECEIPT, or a transformation's output)
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
      List<Allocation> allocations,
      String transformationId,
      List<LineageInput> inputs,
      String receiptMovementId) {

    /** Copies the lists. */
    public LotRecord {
      allocations = List.copyOf(allocations);
      inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    /** A lot received from a supplier (or an adjustment lot). */
    public LotRecord(
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
      this(
          siteId,
          productId,
          lotId,
          unit,
          received,
          remaining,
          receivedAt,
          receivedPeriod,
          supplierId,
          supplierLot,
          supplierNopId,
          certifiedAtReceipt,
          importCertificate,
          originCountry,
          originSiteId,
          adjustment,
          allocations,
          null,
          List.of(),
          null);
    }

    /** Whether it was received at its own site (not a transfer's arrival, not an adjustment). */
    public boolean receivedHere() {
      return !adjustment && (originSiteId == null || originSiteId.equals(siteId));
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
   * A transfer's arrival at a site of the range: the TRANSFER of {@code originSiteId}, the quantity
   * that arrived and, when the origin is outside the package's sites, the lots it carried (read
   * from the origin's back trace; empty otherwise: the origin's own trace is in the package).
   */
  public record Arrival(
      String siteId,
      String productId,
      String movementId,
      String occurredAt,
      String originSiteId,
      BigDecimal quantity,
      String unit,
      String documentRef,
      List<TracedLot> lots) {

    /** Copies the list. */
    public Arrival {
      lots = List.copyOf(lots);
    }
  }

  /**
   * A transformation of the range as the engine applied it ({@code GET
   * /api/v1/transformations/{site}/{id}}): inputs with the lots they drew, outputs with the lots
   * they made and their yields, masses and loss in kg.
   *
   * @param certified whether its outputs are certified (null until every input is drawn)
   */
  public record ProcessRecord(
      String siteId,
      String transformationId,
      String occurredAt,
      String documentRef,
      String status,
      List<ProcessInput> inputs,
      List<ProcessOutput> outputs,
      BigDecimal inputsKg,
      BigDecimal outputsKg,
      BigDecimal lossKg,
      BigDecimal lossPct,
      BigDecimal nonOrganicInputsKg,
      Boolean certified) {

    /** Copies the lists. */
    public ProcessRecord {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }

    /** Site, occurred_at, transformation id. */
    public static final Comparator<ProcessRecord> ORDER =
        Comparator.comparing(ProcessRecord::siteId)
            .thenComparing(ProcessRecord::occurredAt)
            .thenComparing(ProcessRecord::transformationId);
  }

  /**
   * One input of a transformation: its PROCESS_INPUT, what it asked for, the lots it drew.
   *
   * @param uncovered what no lot covered (null until drawn)
   */
  public record ProcessInput(
      String movementId,
      String productId,
      BigDecimal quantity,
      String unit,
      String lotId,
      List<LineageInput> drawn,
      BigDecimal uncovered) {

    /** Copies the list. */
    public ProcessInput {
      drawn = drawn == null ? List.of() : List.copyOf(drawn);
    }
  }

  /**
   * One output of a transformation: its PROCESS_OUTPUT, the lot it made and its yield against the
   * band (null bounds: no band).
   */
  public record ProcessOutput(
      String movementId,
      String productId,
      BigDecimal quantity,
      String unit,
      String role,
      String lotId,
      BigDecimal yieldPct,
      BigDecimal yieldMinPct,
      BigDecimal yieldMaxPct) {}

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
