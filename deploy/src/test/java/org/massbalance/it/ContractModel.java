package org.massbalance.it;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;
import org.massbalance.avro.Movement;

/**
 * An independent model of the product contract (the spec's PRODUCT.md), written for the reliability
 * suites from the contract's text and not from the engine: nothing here uses {@code
 * org.massbalance.engine}. It takes the movements in the order a producer writes them and tells
 * what the engine must show at the end: every book, every lot, the latest revision of every closed
 * snapshot, the provisional figures of the open months, the consolidated snapshots, the alerts and
 * the rejected records.
 *
 * <p>It covers what the suites' workloads send: movements in order per (site, product) (so the book
 * is the plain running balance and no LATE_MOVEMENT is due, except for transfer arrivals, which the
 * destination may process after later movements of its partition, and re-routed records, which
 * reach their partition through the repartition topic), all six types, named and engine-assigned
 * lots, first-in first-out allocation, COUNTs with their adjustment lots, transfers between US
 * sites, suppliers and imports, de-duplication, bad input, months closed by stream time. Where the
 * contract leaves a reading open the model says which one it takes (see {@link #alertQuantity});
 * anything the workloads do not send fails loudly rather than guessing.
 */
final class ContractModel {

  static final Duration GRACE = Duration.ofDays(3);
  static final int SCALE = 6;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
  private static final Pattern QUANTITY = Pattern.compile("^[+-]?[0-9]+(\\.[0-9]{1,6})?$");
  private static final Pattern IMPORT_CERTIFICATE =
      Pattern.compile("^[0-9]{3}-[0-9]{10}-[0-9]{6}$");
  private static final Pattern OCCURRED_AT =
      Pattern.compile(
          "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?"
              + "(Z|[+-][0-9]{2}:[0-9]{2})?)?$");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

  /**
   * The movement types the model knows; {@code ContractModelTypesTest} holds it to the engine's.
   */
  static final List<String> TYPES =
      List.of("RECEIPT", "SALE", "WASTE", "TRANSFER", "ADJUSTMENT", "COUNT");

  /** Units of mass with their exact factor to kilograms. */
  enum MassUnit {
    KG("kg", "1"),
    G("g", "0.001"),
    T("t", "1000"),
    LB("lb", "0.45359237"),
    OZ("oz", "0.028349523125");

    final String symbol;
    final BigDecimal kg;

    MassUnit(String symbol, String kg) {
      this.symbol = symbol;
      this.kg = new BigDecimal(kg);
    }

    static Optional<MassUnit> parse(String s) {
      for (MassUnit u : values()) {
        if (u.symbol.equalsIgnoreCase(s)) {
          return Optional.of(u);
        }
      }
      return Optional.empty();
    }

    /** {@code kg} in this unit, rounded half-even to 6 places (presentation). */
    BigDecimal present(BigDecimal kgValue) {
      return kgValue.divide(kg, SCALE, RoundingMode.HALF_EVEN);
    }
  }

  /** A site as the reference data gives it (defaults: UTC, US). */
  record Site(String id, ZoneId zone, String country) {
    boolean us() {
      return country.equalsIgnoreCase("US");
    }
  }

  /** A product as the reference data gives it (defaults: kg, organic, 5.0 %, prefix = id). */
  record Product(
      String id, MassUnit unit, boolean organic, BigDecimal tolerancePct, String lotPrefix) {}

  /** A certificate record: only what "certified at a date" reads. */
  record Certificate(String nopId, String status, LocalDate statusEffective, LocalDate expiresOn) {
    boolean certifiedOn(LocalDate day) {
      if (expiresOn != null && day.isAfter(expiresOn)) {
        return false;
      }
      return switch (status) {
        case "CERTIFIED" -> statusEffective == null || !statusEffective.isAfter(day);
        case "SUSPENDED", "REVOKED", "SURRENDERED" ->
            statusEffective != null && statusEffective.isAfter(day);
        default -> false;
      };
    }
  }

  /** What became of one record sent. */
  record Outcome(Kind kind, String reason) {
    enum Kind {
      APPLIED,
      DUPLICATE,
      REJECTED
    }

    static final Outcome APPLIED = new Outcome(Kind.APPLIED, null);
    static final Outcome DUPLICATE = new Outcome(Kind.DUPLICATE, null);

    static Outcome rejected(String reason) {
      return new Outcome(Kind.REJECTED, reason);
    }
  }

  /** An alert as far as the contract fixes it: what it is about. */
  record AlertKey(
      String type, String site, String product, String movement, String lot, String period) {
    @Override
    public String toString() {
      return type
          + "("
          + site
          + "|"
          + product
          + ", movement "
          + movement
          + ", lot "
          + lot
          + ", period "
          + period
          + ")";
    }
  }

  /** An allocation with the lot it drew from. */
  record Drawn(Lot lot, Allocation allocation) {}

  /** One allocation of an outbound movement (or a COUNT's excess) to a lot. */
  record Allocation(
      String movementId,
      String type,
      BigDecimal kg,
      Instant at,
      String counterparty,
      String documentRef,
      String toSite) {}

  /** A lot of one site and product. */
  static final class Lot {
    final String id;
    final Instant receivedAt;
    final long sequence;
    final String originSite;
    final String originLot;
    final boolean adjustment;
    final String supplierId;
    final String supplierLot;
    final String supplierNopId;
    final Boolean certifiedAtReceipt;
    final String importCertificate;
    final String originCountry;
    BigDecimal receivedKg = BigDecimal.ZERO;
    BigDecimal remainingKg = BigDecimal.ZERO;
    final List<Allocation> allocations = new ArrayList<>();

    Lot(
        String id,
        Instant receivedAt,
        long sequence,
        String originSite,
        String originLot,
        boolean adjustment,
        String supplierId,
        String supplierLot,
        String supplierNopId,
        Boolean certifiedAtReceipt,
        String importCertificate,
        String originCountry) {
      this.id = id;
      this.receivedAt = receivedAt;
      this.sequence = sequence;
      this.originSite = originSite;
      this.originLot = originLot;
      this.adjustment = adjustment;
      this.supplierId = supplierId;
      this.supplierLot = supplierLot;
      this.supplierNopId = supplierNopId;
      this.certifiedAtReceipt = certifiedAtReceipt;
      this.importCertificate = importCertificate;
      this.originCountry = originCountry;
    }

    /** The same lot under another id at a destination (its facts travel with it). */
    Lot carriedAs(String newId, long newSequence) {
      return new Lot(
          newId,
          receivedAt,
          newSequence,
          originSite,
          originLot,
          adjustment,
          supplierId,
          supplierLot,
          supplierNopId,
          certifiedAtReceipt,
          importCertificate,
          originCountry);
    }
  }

  /** A month's sums of one site and product, exact kg. */
  static final class PeriodSums {
    BigDecimal receipts = BigDecimal.ZERO;
    BigDecimal sales = BigDecimal.ZERO;
    BigDecimal waste = BigDecimal.ZERO;
    BigDecimal transfersIn = BigDecimal.ZERO;
    BigDecimal transfersOut = BigDecimal.ZERO;
    BigDecimal adjustments = BigDecimal.ZERO;
    BigDecimal positiveAdjustments = BigDecimal.ZERO;
    BigDecimal lastCount;
    BigDecimal netBeforeCount = BigDecimal.ZERO;
    BigDecimal netAfterCount = BigDecimal.ZERO;
    long movements;

    void net(BigDecimal signedKg) {
      if (lastCount == null) {
        netBeforeCount = netBeforeCount.add(signedKg);
      } else {
        netAfterCount = netAfterCount.add(signedKg);
      }
    }
  }

  /** A period's figures (the contract's Arithmetic), exact kg; percentages rounded. */
  record Figures(
      String site,
      String product,
      YearMonth period,
      MassUnit unit,
      BigDecimal opening,
      BigDecimal receipts,
      BigDecimal sales,
      BigDecimal waste,
      BigDecimal transfersIn,
      BigDecimal transfersOut,
      BigDecimal adjustments,
      BigDecimal expectedClosing,
      BigDecimal counted,
      BigDecimal expectedAtCount,
      BigDecimal countVariance,
      BigDecimal variancePct,
      BigDecimal closing,
      BigDecimal wastePct,
      String status,
      boolean wasteHigh) {

    String key() {
      return site + "|" + product + "|" + period;
    }
  }

  /** Consolidated figures of one product and period label, exact kg. */
  record Consolidated(
      String product,
      String period,
      MassUnit unit,
      int sites,
      BigDecimal opening,
      BigDecimal receipts,
      BigDecimal sales,
      BigDecimal waste,
      BigDecimal transfersIn,
      BigDecimal transfersOut,
      BigDecimal adjustments,
      BigDecimal expectedClosing,
      BigDecimal countVariance,
      BigDecimal closing) {}

  /** The ledger of one site and product. */
  static final class Ledger {
    final String site;
    final String product;
    final int partition;
    BigDecimal book = BigDecimal.ZERO;
    long applied;
    Instant last;
    long nextLotSequence;
    final Map<String, Lot> lots = new LinkedHashMap<>();
    final TreeSet<Lot> onHand =
        new TreeSet<>(
            Comparator.comparing((Lot l) -> l.receivedAt).thenComparingLong(l -> l.sequence));
    final Map<LocalDate, Integer> daySequence = new HashMap<>();
    final Map<String, String> seen = new HashMap<>();
    final TreeMap<YearMonth, PeriodSums> periods = new TreeMap<>();

    Ledger(String site, String product, int partition) {
      this.site = site;
      this.product = product;
      this.partition = partition;
    }

    String key() {
      return site + "|" + product;
    }

    /** Lots on hand, oldest first by (received_at, creation sequence). */
    List<Lot> onHand() {
      return List.copyOf(onHand);
    }

    BigDecimal onHandKg() {
      return onHand.stream().map(l -> l.remainingKg).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Changes a lot's remaining quantity, keeping the on-hand order. */
    void change(Lot lot, BigDecimal receivedKg, BigDecimal remainingKg) {
      onHand.remove(lot);
      lot.receivedKg = receivedKg;
      lot.remainingKg = remainingKg;
      if (remainingKg.signum() > 0) {
        onHand.add(lot);
      }
    }
  }

  private final Map<String, Site> sites;
  private final Map<String, Product> products;
  private final Map<String, Certificate> certificates;
  private final int partitions;
  private final Instant wallClock;
  private final Map<String, Ledger> ledgers = new LinkedHashMap<>();
  private final Map<Integer, Instant> streamTime = new HashMap<>();
  private final Set<Integer> ownMovements = new HashSet<>();
  private final Map<AlertKey, String> alerts = new LinkedHashMap<>();
  private final Map<String, List<String>> rejected = new LinkedHashMap<>();
  private long sent;
  private long duplicates;

  ContractModel(
      Map<String, Site> sites,
      Map<String, Product> products,
      Map<String, Certificate> certificates,
      int partitions,
      Instant wallClock) {
    this.sites = Map.copyOf(sites);
    this.products = Map.copyOf(products);
    this.certificates = Map.copyOf(certificates);
    this.partitions = partitions;
    this.wallClock = wallClock;
  }

  Site site(String id) {
    return sites.getOrDefault(id, new Site(id, ZoneOffset.UTC, "US"));
  }

  Product product(String id) {
    return products.getOrDefault(id, new Product(id, MassUnit.KG, true, new BigDecimal("5.0"), id));
  }

  int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  Ledger ledger(String site, String product) {
    String key = site + "|" + product;
    return ledgers.computeIfAbsent(key, k -> new Ledger(site, product, partitionOf(k)));
  }

  Optional<Ledger> existing(String site, String product) {
    return Optional.ofNullable(ledgers.get(site + "|" + product));
  }

  // ------------------------------------------------------------------ input

  /**
   * One record as a producer writes it, keyed by its {@code site|product}; returns what the engine
   * must make of it.
   */
  Outcome apply(Movement m) {
    return apply(m, m.getSiteId() + "|" + m.getProductId());
  }

  /**
   * One record as a producer writes it under {@code key}: under any other key than its {@code
   * site|product} it reaches its partition through the engine's repartition topic.
   */
  Outcome apply(Movement m, String key) {
    sent++;
    boolean ownPartition = key.equals(m.getSiteId() + "|" + m.getProductId());
    Parsed p;
    try {
      p = parse(m);
    } catch (Rejected r) {
      rejected.computeIfAbsent(idOf(m), k -> new ArrayList<>()).add(r.getMessage());
      return Outcome.rejected(r.getMessage());
    }
    Ledger ledger = ledger(p.site, p.product);
    String seen = ledger.seen.get(p.id);
    if (seen != null) {
      if (seen.equals(p.content)) {
        duplicates++;
        return Outcome.DUPLICATE;
      }
      rejected.computeIfAbsent(p.id, k -> new ArrayList<>()).add("conflicting duplicate");
      return Outcome.rejected("conflicting duplicate");
    }
    if (p.type.equals("RECEIPT") && p.lot != null && ledger.lots.containsKey(p.lot)) {
      rejected.computeIfAbsent(p.id, k -> new ArrayList<>()).add("lot_id already received");
      return Outcome.rejected("lot_id already received");
    }
    ledger.seen.put(p.id, p.content);
    process(ledger, p, ownPartition);
    return Outcome.APPLIED;
  }

  private static String idOf(Movement m) {
    return m.getMovementId() == null ? "" : m.getMovementId();
  }

  /** A rule of the contract's Bad input section was broken. */
  private static final class Rejected extends Exception {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  private record Parsed(
      String id,
      String type,
      Instant at,
      String site,
      String product,
      BigDecimal kg,
      String lot,
      String supplierId,
      String supplierLot,
      String supplierNopId,
      String importCertificate,
      String originCountry,
      String counterparty,
      String documentRef,
      String reason,
      String toSite,
      String content) {}

  /** The contract's Bad input rules, for the values the workloads send. */
  private Parsed parse(Movement m) throws Rejected {
    String id = clean(m.getMovementId());
    String type = clean(m.getType());
    String site = clean(m.getSiteId());
    String product = clean(m.getProductId());
    String quantity = clean(m.getQuantity());
    String unit = clean(m.getUnit());
    String lot = clean(m.getLotId());
    String toSite = clean(m.getToSiteId());
    String occurred = clean(m.getOccurredAt());
    if (type == null || !TYPES.contains(type.toUpperCase(Locale.ROOT))) {
      throw new Rejected("type");
    }
    type = type.toUpperCase(Locale.ROOT);
    for (String value : new String[] {id, site, product}) {
      if (value == null || !ID.matcher(value).matches()) {
        throw new Rejected("id");
      }
    }
    if (lot != null && !ID.matcher(lot).matches()) {
      throw new Rejected("lot_id");
    }
    if (quantity == null || !QUANTITY.matcher(quantity).matches()) {
      throw new Rejected("quantity");
    }
    BigDecimal q = new BigDecimal(quantity);
    boolean signOk =
        switch (type) {
          case "ADJUSTMENT" -> q.signum() != 0;
          case "COUNT" -> q.signum() >= 0;
          default -> q.signum() > 0;
        };
    if (!signOk) {
      throw new Rejected("quantity sign");
    }
    MassUnit u = unit == null ? null : MassUnit.parse(unit).orElse(null);
    if (u == null) {
      throw new Rejected("unit");
    }
    Instant at = occurredAt(occurred, site(site).zone(), type.equals("COUNT"));
    if (at.isAfter(wallClock.plus(Duration.ofHours(24)))) {
      throw new Rejected("occurred_at ahead");
    }
    if (type.equals("TRANSFER")
        && (toSite == null || !ID.matcher(toSite).matches() || toSite.equals(site))) {
      throw new Rejected("to_site_id");
    }
    BigDecimal kg = q.multiply(u.kg);
    String content =
        String.join(
            "\u001f",
            type,
            at.toString(),
            site,
            product,
            kg.stripTrailingZeros().toPlainString(),
            String.valueOf(lot),
            String.valueOf(clean(m.getSupplierId())),
            String.valueOf(clean(m.getSupplierLot())),
            String.valueOf(clean(m.getSupplierNopId())),
            String.valueOf(clean(m.getImportCertificate())),
            String.valueOf(clean(m.getOriginCountry())),
            String.valueOf(clean(m.getCounterpartyId())),
            String.valueOf(clean(m.getDocumentRef())),
            String.valueOf(clean(m.getReason())),
            String.valueOf(toSite));
    return new Parsed(
        id,
        type,
        at,
        site,
        product,
        kg,
        lot,
        clean(m.getSupplierId()),
        clean(m.getSupplierLot()),
        clean(m.getSupplierNopId()),
        clean(m.getImportCertificate()),
        clean(m.getOriginCountry()),
        clean(m.getCounterpartyId()),
        clean(m.getDocumentRef()),
        clean(m.getReason()),
        toSite,
        content);
  }

  /** Trimmed, a leading byte-order mark dropped, empty as absent. */
  static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    while (t.startsWith("\ufeff")) {
      t = t.substring(1).strip();
    }
    return t.isEmpty() ? null : t;
  }

  /**
   * {@code YYYY-MM-DD} or {@code YYYY-MM-DDThh:mm[:ss[.fraction]]} with an optional Z or offset; no
   * offset means the site's zone (a gap moves forward, an overlap takes the earlier offset); a date
   * alone is the start of the day, or the last millisecond of it for a COUNT.
   */
  static Instant occurredAt(String text, ZoneId zone, boolean count) throws Rejected {
    if (text == null || !OCCURRED_AT.matcher(text).matches()) {
      throw new Rejected("occurred_at");
    }
    try {
      if (text.length() == 10) {
        LocalDate d = LocalDate.parse(text);
        return count
            ? d.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1)
            : d.atStartOfDay(zone).toInstant();
      }
      if (text.endsWith("Z") || text.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      return ZonedDateTime.ofLocal(LocalDateTime.parse(text), zone, null).toInstant();
    } catch (DateTimeException e) {
      throw new Rejected("occurred_at");
    }
  }

  // ------------------------------------------------------------------ the ledger

  private void process(Ledger ledger, Parsed p, boolean ownPartition) {
    if (ledger.last != null && !p.at.isAfter(ledger.last)) {
      throw new IllegalStateException(
          "the workload must send movements in order per site and product: " + p.id);
    }
    Site site = site(p.site);
    Product product = product(p.product);
    YearMonth month = YearMonth.from(p.at.atZone(site.zone()));
    PeriodSums period = ledger.periods.computeIfAbsent(month, k -> new PeriodSums());
    period.movements++;
    switch (p.type) {
      case "RECEIPT" -> receipt(ledger, p, site, product, month, period);
      case "COUNT" -> count(ledger, p, site, product, month, period);
      case "ADJUSTMENT" -> {
        period.adjustments = period.adjustments.add(p.kg);
        period.net(p.kg);
        if (p.kg.signum() > 0) {
          period.positiveAdjustments = period.positiveAdjustments.add(p.kg);
          ledger.book = ledger.book.add(p.kg);
          addToAdjustmentLot(ledger, product, site, p.at, p.kg);
        } else {
          outbound(ledger, p, site, product, month, p.kg.negate());
        }
      }
      case "SALE", "WASTE", "TRANSFER" -> {
        switch (p.type) {
          case "SALE" -> period.sales = period.sales.add(p.kg);
          case "WASTE" -> period.waste = period.waste.add(p.kg);
          default -> period.transfersOut = period.transfersOut.add(p.kg);
        }
        period.net(p.kg.negate());
        List<Drawn> drawn = outbound(ledger, p, site, product, month, p.kg);
        if (p.type.equals("SALE")) {
          uncertifiedSource(ledger, p, product, month, drawn);
        }
        if (p.type.equals("WASTE") && (p.reason == null || p.documentRef == null)) {
          alert("WASTE_UNDOCUMENTED", ledger, p.id, null, month, present(p.kg, product));
        }
        if (p.type.equals("TRANSFER")) {
          arrival(ledger, p, drawn);
        }
      }
      default -> throw new IllegalStateException(p.type);
    }
    ledger.applied++;
    ledger.last = p.at;
    advance(ledger.partition, p.at, ownPartition);
  }

  private void receipt(
      Ledger ledger, Parsed p, Site site, Product product, YearMonth month, PeriodSums period) {
    period.receipts = period.receipts.add(p.kg);
    period.net(p.kg);
    ledger.book = ledger.book.add(p.kg);
    LocalDate day = p.at.atZone(site.zone()).toLocalDate();
    String lotId = p.lot != null ? p.lot : assignLotId(ledger, product, day);
    // "Organic integrity on the way out": a lot received without a NOP ID is not certified
    Boolean certified = false;
    if (p.supplierNopId != null) {
      Certificate c = certificates.get(p.supplierNopId);
      certified = c != null && c.certifiedOn(day);
    }
    Lot lot =
        new Lot(
            lotId,
            p.at,
            ledger.nextLotSequence++,
            ledger.site,
            lotId,
            false,
            p.supplierId,
            p.supplierLot,
            p.supplierNopId,
            certified,
            p.importCertificate,
            p.originCountry);
    ledger.lots.put(lotId, lot);
    ledger.change(lot, p.kg, p.kg);
    if (!product.organic()) {
      return;
    }
    String amount = present(p.kg, product);
    if (p.supplierNopId == null) {
      alert("SUPPLIER_CERTIFICATE_MISSING", ledger, p.id, lotId, month, amount);
    } else if (!certified) {
      alert("SUPPLIER_NOT_CERTIFIED", ledger, p.id, lotId, month, amount);
    }
    String origin = p.originCountry == null ? "US" : p.originCountry;
    if (site.us() && !origin.equalsIgnoreCase("US")) {
      if (p.importCertificate == null) {
        alert("IMPORT_CERTIFICATE_MISSING", ledger, p.id, lotId, month, amount);
      } else if (!IMPORT_CERTIFICATE.matcher(p.importCertificate).matches()) {
        alert("IMPORT_CERTIFICATE_INVALID", ledger, p.id, lotId, month, amount);
      } else {
        // a well-formed number draws from its certificate; the workload loads no certificate
        // record, so every draw is of a number the engine does not know (a WARNING)
        alert("IMPORT_CERTIFICATE_UNKNOWN", ledger, p.id, lotId, month, amount);
      }
    }
  }

  /**
   * UNCERTIFIED_SOURCE: a SALE of an organic product that drew from lots not certified at receipt
   * ({@code certified_at_receipt} false; adjustment lots have none), once per movement, its
   * quantity what it drew from them, naming the lot when there is one.
   */
  private void uncertifiedSource(
      Ledger ledger, Parsed p, Product product, YearMonth month, List<Drawn> drawn) {
    if (!product.organic()) {
      return;
    }
    BigDecimal kg = BigDecimal.ZERO;
    java.util.Set<String> lots = new java.util.LinkedHashSet<>();
    for (Drawn d : drawn) {
      if (Boolean.FALSE.equals(d.lot().certifiedAtReceipt)) {
        kg = kg.add(d.allocation().kg());
        lots.add(d.lot().id);
      }
    }
    if (!lots.isEmpty()) {
      alert(
          "UNCERTIFIED_SOURCE",
          ledger,
          p.id,
          lots.size() == 1 ? lots.iterator().next() : null,
          month,
          present(kg, product));
    }
  }

  /** {@code {lot_prefix}-{yyyyMMdd}-{NNN}}, sequence per site, product and site-local day. */
  private static String assignLotId(Ledger ledger, Product product, LocalDate day) {
    int seq = ledger.daySequence.getOrDefault(day, 0);
    String id;
    do {
      seq++;
      id = product.lotPrefix() + "-" + DAY.format(day) + "-" + String.format("%03d", seq);
    } while (ledger.lots.containsKey(id));
    ledger.daySequence.put(day, seq);
    return id;
  }

  /**
   * OVERSELL against the book, then the allocation: the named lot first (LOT_OVERDRAWN when it
   * holds less, UNTRACEABLE_OUTBOUND when unknown), the rest first-in first-out; a rest no lot
   * covers is UNTRACEABLE_OUTBOUND unless an OVERSELL was raised (at most one per movement).
   */
  private List<Drawn> outbound(
      Ledger ledger, Parsed p, Site site, Product product, YearMonth month, BigDecimal kg) {
    boolean oversold = kg.compareTo(ledger.book) > 0;
    if (oversold) {
      alert(
          "OVERSELL",
          ledger,
          p.id,
          null,
          month,
          present(kg.subtract(ledger.book.max(BigDecimal.ZERO)), product));
    }
    ledger.book = ledger.book.subtract(kg);
    List<Drawn> drawn = new ArrayList<>();
    BigDecimal rest = kg;
    boolean unknown = false;
    if (p.lot != null) {
      Lot named = ledger.lots.get(p.lot);
      if (named == null) {
        unknown = true;
      } else {
        BigDecimal before = named.remainingKg;
        BigDecimal take = before.min(rest);
        if (take.signum() > 0) {
          drawn.add(draw(ledger, named, take, p));
          rest = rest.subtract(take);
        }
        if (rest.signum() > 0) {
          alert("LOT_OVERDRAWN", ledger, p.id, p.lot, month, present(kg.subtract(before), product));
        }
      }
    }
    rest = drawFifo(ledger, rest, p, drawn);
    if (unknown) {
      alert("UNTRACEABLE_OUTBOUND", ledger, p.id, p.lot, month, null);
    } else if (rest.signum() > 0 && !oversold) {
      alert("UNTRACEABLE_OUTBOUND", ledger, p.id, null, month, present(rest, product));
    }
    return drawn;
  }

  private static BigDecimal drawFifo(Ledger ledger, BigDecimal kg, Parsed p, List<Drawn> drawn) {
    BigDecimal rest = kg;
    while (rest.signum() > 0 && !ledger.onHand.isEmpty()) {
      Lot lot = ledger.onHand.first();
      BigDecimal take = lot.remainingKg.min(rest);
      drawn.add(draw(ledger, lot, take, p));
      rest = rest.subtract(take);
    }
    return rest;
  }

  private static Drawn draw(Ledger ledger, Lot lot, BigDecimal kg, Parsed p) {
    ledger.change(lot, lot.receivedKg, lot.remainingKg.subtract(kg));
    Allocation a =
        new Allocation(
            p.id,
            p.type,
            kg,
            p.at,
            p.counterparty,
            p.documentRef,
            p.type.equals("TRANSFER") ? p.toSite : null);
    lot.allocations.add(a);
    return new Drawn(lot, a);
  }

  /**
   * A COUNT: VARIANCE_EXCEEDED against the book at it, the book set to the count, the lots on hand
   * set to max(book, 0) (an excess drawn first-in first-out, a shortfall to the adjustment lot).
   */
  private void count(
      Ledger ledger, Parsed p, Site site, Product product, YearMonth month, PeriodSums period) {
    BigDecimal bookAt = ledger.book;
    BigDecimal variance = p.kg.subtract(bookAt);
    boolean exceeded =
        bookAt.signum() == 0
            ? variance.signum() != 0
            : variance
                    .abs()
                    .multiply(HUNDRED)
                    .compareTo(product.tolerancePct().multiply(bookAt.abs()))
                > 0;
    if (exceeded) {
      alert("VARIANCE_EXCEEDED", ledger, p.id, null, month, present(variance, product));
    }
    ledger.book = p.kg;
    period.netBeforeCount = period.netBeforeCount.add(period.netAfterCount);
    period.netAfterCount = BigDecimal.ZERO;
    period.lastCount = p.kg;
    BigDecimal target = p.kg.max(BigDecimal.ZERO);
    BigDecimal onHand = ledger.onHandKg();
    int cmp = onHand.compareTo(target);
    if (cmp > 0) {
      drawFifo(ledger, onHand.subtract(target), p, new ArrayList<>());
    } else if (cmp < 0) {
      addToAdjustmentLot(ledger, product, site, p.at, target.subtract(onHand));
    }
  }

  /** {@code {lot_prefix}-ADJ-{yyyyMM}}, created at that instant when missing. */
  private static void addToAdjustmentLot(
      Ledger ledger, Product product, Site site, Instant at, BigDecimal kg) {
    String id =
        product.lotPrefix() + "-ADJ-" + MONTH.format(YearMonth.from(at.atZone(site.zone())));
    Lot adjustment = new Lot(id, at, -1, ledger.site, id, true, null, null, null, null, null, null);
    place(ledger, adjustment, kg);
  }

  /**
   * Places a lot at a ledger: added to the lot of that id when it comes from the same original
   * receipt (or is the same adjustment lot), else under {@code {lot_id}@{origin_site}}.
   */
  private static Lot place(Ledger ledger, Lot lot, BigDecimal kg) {
    for (int attempt = 0; ; attempt++) {
      String id =
          attempt == 0
              ? lot.id
              : lot.originLot + "@" + lot.originSite + (attempt == 1 ? "" : "-" + attempt);
      Lot held = ledger.lots.get(id);
      if (held == null) {
        held = lot.carriedAs(id, ledger.nextLotSequence++);
        ledger.lots.put(id, held);
      } else if (!(held.originSite.equals(lot.originSite)
          && held.originLot.equals(lot.originLot)
          && held.adjustment == lot.adjustment)) {
        continue;
      }
      ledger.change(held, held.receivedKg.add(kg), held.remainingKg.add(kg));
      return held;
    }
  }

  /** A transfer's arrival at its destination, at the same instant, with the lots it drew. */
  private void arrival(Ledger source, Parsed p, List<Drawn> drawn) {
    Site to = site(p.toSite);
    Site from = site(p.site);
    Product product = product(p.product);
    if (product.organic() && !from.us() && to.us()) {
      throw new UnsupportedOperationException("the workloads send no transfer into the US");
    }
    Ledger dest = ledger(p.toSite, p.product);
    if (dest.last != null && !p.at.isAfter(dest.last)) {
      throw new IllegalStateException("arrivals must come in order: " + p.id);
    }
    YearMonth month = YearMonth.from(p.at.atZone(to.zone()));
    PeriodSums period = dest.periods.computeIfAbsent(month, k -> new PeriodSums());
    period.movements++;
    period.transfersIn = period.transfersIn.add(p.kg);
    period.net(p.kg);
    dest.book = dest.book.add(p.kg);
    BigDecimal placed = BigDecimal.ZERO;
    for (Drawn d : drawn) {
      place(dest, d.lot(), d.allocation().kg());
      placed = placed.add(d.allocation().kg());
    }
    BigDecimal rest = p.kg.subtract(placed);
    if (rest.signum() > 0) {
      addToAdjustmentLot(dest, product, to, p.at, rest);
    }
    dest.applied++;
    dest.last = p.at;
    advance(dest.partition, p.at, false);
  }

  private void alert(
      String type, Ledger ledger, String movement, String lot, YearMonth month, String quantity) {
    AlertKey key = new AlertKey(type, ledger.site, ledger.product, movement, lot, month.toString());
    if (alerts.put(key, quantity == null ? "" : quantity) != null) {
      throw new IllegalStateException("the model raised twice: " + key);
    }
  }

  private static String present(BigDecimal kg, Product product) {
    return product.unit().present(kg).toPlainString();
  }

  // ------------------------------------------------------------------ expectations

  /** Every ledger that applied at least one movement. */
  List<Ledger> ledgers() {
    return ledgers.values().stream().filter(l -> l.applied > 0).toList();
  }

  /** Records sent to the model. */
  long sent() {
    return sent;
  }

  /** Repeats with the same content, applied once. */
  long duplicates() {
    return duplicates;
  }

  /** Rejected records: reasons by movement id (a conflicting duplicate shares the first's id). */
  Map<String, List<String>> rejected() {
    return rejected;
  }

  long rejectedCount() {
    return rejected.values().stream().mapToLong(List::size).sum();
  }

  /** Movements applied, arrivals included. */
  long applied() {
    return ledgers.values().stream().mapToLong(l -> l.applied).sum();
  }

  /**
   * "A period closes when the stream time of its partition passes the period's end plus a grace
   * period." The stream time of a partition: the latest occurred_at of the movements read from that
   * partition of the movements topic. Re-routed records and transfer arrivals reach the partition
   * through other topics ("order between the two paths is not guaranteed") and count only until the
   * partition's first movement of its own.
   */
  private void advance(int partition, Instant at, boolean ownPartition) {
    if (ownPartition) {
      ownMovements.add(partition);
    } else if (ownMovements.contains(partition)) {
      return;
    }
    streamTime.merge(partition, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** The stream time of a partition (see {@link #advance}). */
  Instant streamTime(int partition) {
    return streamTime.get(partition);
  }

  /**
   * The immediate alerts and the WASTE_HIGH of the closed months, with the quantity where the
   * contract fixes it (empty where it does not: an UNTRACEABLE_OUTBOUND naming an unknown lot).
   *
   * <p>Readings taken: an OVERSELL's shortfall is the part of the outbound quantity not covered by
   * a positive book ({@code q - max(book, 0)}); LOT_OVERDRAWN's quantity is what the named lot
   * could not cover; VARIANCE_EXCEEDED's is the count variance; the receipt alerts' is the lot
   * quantity.
   */
  Map<AlertKey, String> alertQuantity() {
    Map<AlertKey, String> all = new LinkedHashMap<>(alerts);
    for (Figures f : closedSnapshots()) {
      if (f.wasteHigh()) {
        all.put(
            new AlertKey("WASTE_HIGH", f.site(), f.product(), null, null, f.period().toString()),
            f.unit().present(f.waste()).toPlainString());
      }
    }
    return all;
  }

  /** The months of a ledger closed by its partition's stream time (end + grace passed). */
  boolean closed(Ledger ledger, YearMonth month) {
    Instant time = streamTime.get(ledger.partition);
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(site(ledger.site).zone()).toInstant();
    if (time == null) {
      return false;
    }
    if (end.plus(GRACE).equals(time)) {
      throw new IllegalStateException("a movement exactly at a close boundary: " + time);
    }
    return !end.plus(GRACE).isAfter(time);
  }

  /** The latest figures of every closed snapshot. */
  List<Figures> closedSnapshots() {
    List<Figures> out = new ArrayList<>();
    for (Ledger l : ledgers()) {
      for (Figures f : chain(l)) {
        if (closed(l, f.period())) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /**
   * The provisional figures (status OPEN) of the months not closed that the engine holds: months
   * with a movement, and the month after the last closed one when that closed with a balance.
   */
  List<Figures> openSnapshots() {
    List<Figures> out = new ArrayList<>();
    for (Ledger l : ledgers()) {
      Figures previous = null;
      for (Figures f : chain(l)) {
        if (!closed(l, f.period())) {
          boolean moved = l.periods.containsKey(f.period());
          boolean carried =
              previous != null
                  && closed(l, previous.period())
                  && previous.closing().signum() != 0
                  && previous.period().plusMonths(1).equals(f.period());
          if (moved || carried) {
            out.add(
                new Figures(
                    f.site(),
                    f.product(),
                    f.period(),
                    f.unit(),
                    f.opening(),
                    f.receipts(),
                    f.sales(),
                    f.waste(),
                    f.transfersIn(),
                    f.transfersOut(),
                    f.adjustments(),
                    f.expectedClosing(),
                    f.counted(),
                    f.expectedAtCount(),
                    f.countVariance(),
                    f.variancePct(),
                    f.closing(),
                    f.wastePct(),
                    "OPEN",
                    f.wasteHigh()));
          }
        }
        previous = f;
      }
    }
    return out;
  }

  /**
   * A ledger's months from its first movement to its last, each with a snapshot when it had a
   * movement or a nonzero opening; one more month is carried while the balance is nonzero.
   */
  List<Figures> chain(Ledger l) {
    List<Figures> out = new ArrayList<>();
    if (l.periods.isEmpty()) {
      return out;
    }
    Product product = product(l.product);
    BigDecimal opening = BigDecimal.ZERO;
    YearMonth last = l.periods.lastKey().plusMonths(1);
    for (YearMonth m = l.periods.firstKey(); !m.isAfter(last); m = m.plusMonths(1)) {
      PeriodSums s = l.periods.getOrDefault(m, new PeriodSums());
      if (s.movements == 0 && opening.signum() == 0) {
        continue;
      }
      Figures f = figures(l.site, l.product, m, product, opening, s);
      out.add(f);
      opening = f.closing();
    }
    return out;
  }

  private static Figures figures(
      String site,
      String productId,
      YearMonth month,
      Product product,
      BigDecimal opening,
      PeriodSums s) {
    BigDecimal expectedClosing =
        opening
            .add(s.receipts)
            .add(s.transfersIn)
            .subtract(s.sales)
            .subtract(s.waste)
            .subtract(s.transfersOut)
            .add(s.adjustments);
    BigDecimal counted = s.lastCount;
    BigDecimal expectedAtCount = null;
    BigDecimal variance = BigDecimal.ZERO;
    BigDecimal variancePct = null;
    BigDecimal closing = expectedClosing;
    String status = "NOT_COUNTED";
    BigDecimal tolerance = product.tolerancePct();
    if (counted != null) {
      expectedAtCount = opening.add(s.netBeforeCount);
      variance = counted.subtract(expectedAtCount);
      variancePct = percent(variance, expectedAtCount);
      closing = counted.add(s.netAfterCount);
      status =
          variance.abs().multiply(HUNDRED).compareTo(tolerance.multiply(expectedAtCount.abs())) <= 0
              ? "WITHIN_TOLERANCE"
              : "INVESTIGATE";
    }
    BigDecimal base =
        opening.max(BigDecimal.ZERO).add(s.receipts).add(s.transfersIn).add(s.positiveAdjustments);
    BigDecimal wastePct = percent(s.waste, base);
    boolean wasteHigh =
        s.waste.signum() > 0
            && (base.signum() == 0
                || s.waste.multiply(HUNDRED).compareTo(tolerance.multiply(base)) > 0);
    return new Figures(
        site,
        productId,
        month,
        product.unit(),
        opening,
        s.receipts,
        s.sales,
        s.waste,
        s.transfersIn,
        s.transfersOut,
        s.adjustments,
        expectedClosing,
        counted,
        expectedAtCount,
        variance,
        variancePct,
        closing,
        wastePct,
        status,
        wasteHigh);
  }

  /** 100 * numerator / |denominator|, rounded half-even to 6 places; null when it is 0. */
  static BigDecimal percent(BigDecimal numerator, BigDecimal denominator) {
    if (denominator.signum() == 0) {
      return null;
    }
    return numerator.multiply(HUNDRED).divide(denominator.abs(), SCALE, RoundingMode.HALF_EVEN);
  }

  /** The consolidated figures of every (product, period label) with a closed site snapshot. */
  List<Consolidated> consolidated() {
    Map<String, List<Figures>> byKey = new TreeMap<>();
    for (Figures f : closedSnapshots()) {
      byKey.computeIfAbsent(f.product() + "|" + f.period(), k -> new ArrayList<>()).add(f);
    }
    List<Consolidated> out = new ArrayList<>();
    for (List<Figures> group : byKey.values()) {
      Figures first = group.get(0);
      out.add(
          new Consolidated(
              first.product(),
              first.period().toString(),
              first.unit(),
              group.size(),
              sum(group, Figures::opening),
              sum(group, Figures::receipts),
              sum(group, Figures::sales),
              sum(group, Figures::waste),
              sum(group, Figures::transfersIn),
              sum(group, Figures::transfersOut),
              sum(group, Figures::adjustments),
              sum(group, Figures::expectedClosing),
              sum(group, Figures::countVariance),
              sum(group, Figures::closing)));
    }
    return out;
  }

  private static BigDecimal sum(
      List<Figures> group, java.util.function.Function<Figures, BigDecimal> field) {
    return group.stream().map(field).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
