package org.massbalance.it;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.SignOff;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.avro.Yield;
import org.massbalance.it.ContractModel.Certificate;
import org.massbalance.it.ContractModel.Ledger;
import org.massbalance.it.ContractModel.Lot;
import org.massbalance.it.ContractModel.MassUnit;
import org.massbalance.it.ContractModel.Outcome;

/**
 * The reliability suites' seeded workload: reference data, then movements in time order over about
 * three and a half months (2025-01-01 on), each one fed to the {@link ContractModel} as it is made
 * so that the next choices can look at the books and lots.
 *
 * <p>Five sites in four time zones (one abroad, one without a site record) and five products (lb,
 * kg and g reporting units, organic and not, tolerances 2.5 to 10 %, one without a product record)
 * make 25 ledgers with receipts (named and engine-assigned lots, suppliers certified, not yet
 * certified, unknown and missing, imports with valid, invalid and missing certificates), sales
 * (some naming a lot on hand, a drawn one or an unknown one; a few oversells), waste (some
 * undocumented, some months high), signed adjustments, COUNTs (exact, within and beyond tolerance),
 * and transfers from N1 to D1 (a site that only receives them, in another time zone). Mixed in:
 * exact repeats (some in another unit), conflicting repeats, receipts of a lot already received,
 * and records that break the Bad input rules. Quantities come in kg, g, t, lb and oz; occurred_at
 * in UTC, with an offset, or in the site's local time.
 *
 * <p>Processing: every regular site holds three input products ({@link #PROCESS_INPUTS}, one not
 * organic) stocked by receipts (certified and not, named and engine-assigned lots) and a positive
 * adjustment in the first records only, and drawn by nothing but transformations; transformations
 * (about 3 % of the records from {@code processingFrom} on) draw 1 to 3 of them and make outputs of
 * the products of {@link #PROCESS_OUTPUTS} (MAIN and BYPRODUCT roles), which nothing else touches.
 * Some outputs weigh more than the inputs (PROCESS_GAIN), some MAIN outputs fall outside their
 * yield bands ({@link #YIELDS}), some inputs name a lot that holds less (LOT_OVERDRAWN), one drawn
 * to zero or unknown, and some ledgers run out before the end (OVERSELL, uncovered inputs); a few
 * are dated weeks back; mixed in are exact repeats (some in another unit of equal weight),
 * conflicting repeats and transformations that break a rule.
 *
 * <p>Why so: the contract promises no order between the movements a transformation makes (through
 * the engine's own topic) and the records of the movements topic, nor between transformations of
 * different keys. So that every result is still determined by what was sent: the input ledgers'
 * stock is written in the suites' first phase, which is processed before any transformation is
 * sent; the output ledgers receive nothing else; and the ids of one site's transformations are
 * chosen so that their keys share a partition, which keeps their inputs in the order sent at each
 * ledger. An output's lot gets an engine-assigned id only when no other engine-assigned output of
 * that site, product and day exists (outputs of different transformations may be made in either
 * order).
 */
final class ReliabilityWorkload {

  static final Instant START = Instant.parse("2025-01-01T12:00:00Z");
  static final Duration SPAN = Duration.ofDays(104);

  /** Sites with their records (null: no record, the defaults apply). */
  static final Map<String, Site> SITES = new LinkedHashMap<>();

  /** Products with their records (null: no record). */
  static final Map<String, Product> PRODUCTS = new LinkedHashMap<>();

  /** Certificates. */
  static final List<SupplierCertificate> CERTIFICATES = new ArrayList<>();

  /** A product and a certificate first written while the registry is away (registry suite). */
  static final Product LATE_PRODUCT =
      Product.newBuilder()
          .setProductId("NEWP")
          .setName("Product first written during a registry outage")
          .setUnit("kg")
          .setOrganic(false)
          .setTolerancePct("1.0")
          .setLotPrefix("NP")
          .build();

  static final SupplierCertificate LATE_CERTIFICATE =
      SupplierCertificate.newBuilder()
          .setNopId("1000000003")
          .setOperationName("Late Certified Farm")
          .setCertifier("CCOF")
          .setStatus("CERTIFIED")
          .setStatusEffective("2024-06-01")
          .build();

  static final String DESTINATION = "D1";
  static final String TRANSFER_SOURCE = "N1";
  static final List<String> REGULAR_SITES = List.of("N1", "N2", "E1", "U1", "U2");
  static final List<String> REGULAR_PRODUCTS = List.of("ALM", "OAT", "RICE", "TEA", "XPR");
  static final List<String> TRANSFERRED = List.of("ALM", "OAT", "RICE");

  /** Input products of processing: stocked at the start, drawn by transformations only. */
  static final List<String> PROCESS_INPUTS = List.of("NUT", "GRN", "SALT");

  /** Output products of processing: made by transformations, touched by nothing else. */
  static final List<String> PROCESS_OUTPUTS = List.of("KRN", "SHL", "FLR", "BRN", "MIX", "PST");

  /**
   * Import certificate records (the compacted import-certificates topic), by number. Organic
   * receipts from abroad at a US site name their ledger's own number (see {@link
   * #importCertificateOf}), so that each certificate is drawn by one ledger, in its order: N1|ALM's
   * certifies 500 kg (overdrawn after a few receipts), N2|OAT's plenty, U2|ALM's is valid until
   * 2025-02-15, N1|OAT's certifies ALM (a product mismatch); the other ledgers' numbers have no
   * record (UNKNOWN).
   */
  static final Map<String, ImportCertificate> IMPORT_CERTIFICATES = new LinkedHashMap<>();

  /** Yield bands (the compacted yields topic), by {@code input_product|output_product}. */
  static final Map<String, Yield> YIELDS = new LinkedHashMap<>();

  /** Receipts (and one adjustment) stocking each input product at each site. */
  static final int STOCK_LOTS = 10;

  /**
   * Every record of this (site, product) is sent under one wrong key, {@link #MISKEY}: the engine
   * must re-route it through its repartition topic. One constant key keeps them on one source
   * partition, so their order (which the contract does not promise between the two paths) is the
   * order they were sent in, and the model's verdicts hold.
   */
  static final String MISKEYED = "U2|TEA";

  /** The wrong key the records of {@link #MISKEYED} carry. */
  static final String MISKEY = "MISKEYED-U2-TEA";

  static {
    SITES.put("N1", site("N1", "America/New_York", "US"));
    // kept organic only: its receipts of RICE and SALT (not organic) raise COMMINGLING_RISK
    SITES.put("N2", site("N2", "America/Los_Angeles", "US"));
    SITES.get("N2").setOrganicOnly(true);
    SITES.put("E1", site("E1", "Europe/Berlin", "DE"));
    SITES.put("U2", site("U2", "UTC", "US"));
    SITES.put(DESTINATION, site(DESTINATION, "America/Chicago", "US"));
    PRODUCTS.put("ALM", product("ALM", "lb", true, "5.0", "ALM"));
    PRODUCTS.put("OAT", product("OAT", "kg", true, "2.5", "OAT"));
    PRODUCTS.put("RICE", product("RICE", "kg", false, null, null));
    PRODUCTS.put("TEA", product("TEA", "g", true, "10", "T"));
    CERTIFICATES.add(certificate("1000000001", "2024-01-01"));
    CERTIFICATES.add(certificate("1000000002", "2025-02-15"));
    PRODUCTS.put("NUT", product("NUT", "lb", true, "5.0", "NUT"));
    PRODUCTS.put("GRN", product("GRN", "kg", true, "2.5", "GRN"));
    PRODUCTS.put("SALT", product("SALT", "kg", false, null, null));
    PRODUCTS.put("KRN", product("KRN", "lb", true, "5.0", "KRN"));
    PRODUCTS.put("SHL", product("SHL", "kg", true, "10", "SHL"));
    PRODUCTS.put("FLR", product("FLR", "kg", true, null, "FLR"));
    PRODUCTS.put("BRN", product("BRN", "g", true, "5.0", "BRN"));
    PRODUCTS.put("MIX", product("MIX", "kg", true, "5.0", "MX"));
    // PST has no product record: kg, organic, prefix PST
    importCertificate("N1", "ALM", "ALM", "500", "2024-01-01", "2026-12-31");
    importCertificate("N2", "OAT", "OAT", "1000000", "2024-01-01", "2026-12-31");
    importCertificate("U2", "ALM", "ALM", "1000000", "2024-12-01", "2025-02-15");
    importCertificate("N1", "OAT", "ALM", "1000000", "2024-01-01", "2026-12-31");
    yieldBand("NUT", "KRN", "55", "70");
    yieldBand("NUT", "SHL", "25", "40");
    yieldBand("GRN", "FLR", "70", "82.5");
    yieldBand("NUT", "MIX", "90", "101");
    yieldBand("GRN", "MIX", "95", "105");
  }

  /**
   * What was sent, in order, with the model's verdict on each record: a {@link Movement} to the
   * movements topic or a {@link Transformation} to the transformations topic, under {@code key}.
   */
  record Sent(String key, SpecificRecord value, Outcome outcome) {

    /** The movement sent, or null for a transformation. */
    Movement movement() {
      return value instanceof Movement m ? m : null;
    }

    /** The transformation sent, or null for a movement. */
    Transformation transformation() {
      return value instanceof Transformation t ? t : null;
    }

    /** The sign-off sent, or null. */
    SignOff signOff() {
      return value instanceof SignOff s ? s : null;
    }
  }

  enum Kind {
    RECEIPT,
    SALE,
    WASTE,
    ADJUSTMENT,
    COUNT,
    TRANSFER,
    REPEAT,
    CONFLICTING_REPEAT,
    LOT_ALREADY_RECEIVED,
    BAD,
    STOCK,
    TRANSFORMATION,
    TRANSFORMATION_REPEAT,
    TRANSFORMATION_CONFLICT,
    TRANSFORMATION_BAD
  }

  /** A receipt or adjustment stocking an input product at a site, planned before generation. */
  private record Stock(String site, String product, BigDecimal kg, boolean adjustment) {}

  private final Random random;
  private final ContractModel model;
  private final List<Sent> sent = new ArrayList<>();
  private final Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
  private int misKeyed;
  private final Map<String, List<Movement>> recent = new HashMap<>();
  private final int lateReferenceFrom;
  private final int processingFrom;
  private final List<String> products;
  private final List<Stock> stock = new ArrayList<>();
  private final Map<String, BigDecimal> meanDrawKg = new HashMap<>();
  private final Map<String, List<Transformation>> recentTransformations = new HashMap<>();
  private final Set<String> assignedOutputDays = new HashSet<>();
  private final Map<Integer, List<Sent>> signOffs = new HashMap<>();
  private Set<Integer> signOffPoints = Set.of();
  private int signOffsSent;
  private int outputSales;
  private final int partitions;
  private int stocked;
  private int transformationsSent;
  private Instant clock = START;
  private long stepMillis;
  private int n;

  private ReliabilityWorkload(
      long seed, int partitions, int lateReferenceFrom, int processingFrom) {
    boolean withLateReference = lateReferenceFrom >= 0;
    this.random = new Random(seed);
    this.partitions = partitions;
    this.lateReferenceFrom = withLateReference ? lateReferenceFrom : Integer.MAX_VALUE;
    this.processingFrom = processingFrom < 0 ? Integer.MAX_VALUE : processingFrom;
    Map<String, ContractModel.Site> siteModel = new HashMap<>();
    SITES.forEach(
        (id, s) ->
            siteModel.put(
                id,
                new ContractModel.Site(
                    id,
                    ZoneId.of(s.getTimeZone()),
                    s.getCountry(),
                    Boolean.TRUE.equals(s.getOrganicOnly()))));
    Map<String, ContractModel.Product> productModel = new HashMap<>();
    List<Product> all = new ArrayList<>(PRODUCTS.values());
    if (withLateReference) {
      all.add(LATE_PRODUCT);
    }
    for (Product p : all) {
      productModel.put(
          p.getProductId(),
          new ContractModel.Product(
              p.getProductId(),
              MassUnit.parse(p.getUnit()).orElseThrow(),
              p.getOrganic(),
              new BigDecimal(p.getTolerancePct() == null ? "5.0" : p.getTolerancePct()),
              p.getLotPrefix() == null ? p.getProductId() : p.getLotPrefix()));
    }
    Map<String, Certificate> certificateModel = new HashMap<>();
    List<SupplierCertificate> certs = new ArrayList<>(CERTIFICATES);
    if (withLateReference) {
      certs.add(LATE_CERTIFICATE);
    }
    for (SupplierCertificate c : certs) {
      certificateModel.put(
          c.getNopId(),
          new Certificate(
              c.getNopId(),
              c.getStatus(),
              java.time.LocalDate.parse(c.getStatusEffective()),
              null));
    }
    Map<String, ContractModel.YieldBand> yieldModel = new HashMap<>();
    YIELDS.forEach(
        (key, y) ->
            yieldModel.put(
                key,
                new ContractModel.YieldBand(
                    new BigDecimal(y.getMinPct()), new BigDecimal(y.getMaxPct()))));
    this.model =
        new ContractModel(
            siteModel, productModel, certificateModel, yieldModel, partitions, Instant.now());
    this.products = new ArrayList<>(REGULAR_PRODUCTS);
    Map<String, ContractModel.ImportCertificate> imports = new HashMap<>();
    IMPORT_CERTIFICATES.forEach(
        (number, c) ->
            imports.put(
                number,
                new ContractModel.ImportCertificate(
                    number,
                    c.getProductId(),
                    MassUnit.parse(c.getUnit())
                        .orElseThrow()
                        .kg
                        .multiply(new BigDecimal(c.getQuantity())),
                    java.time.LocalDate.parse(c.getValidFrom()),
                    java.time.LocalDate.parse(c.getValidTo()))));
    this.model.importCertificates(imports);
  }

  /**
   * Makes {@code count} records with {@code seed}, judged by a model of {@code partitions}
   * partitions.
   *
   * @param lateReferenceFrom index of the first record that may use {@link #LATE_PRODUCT} and
   *     {@link #LATE_CERTIFICATE} (they must be written before it), or -1 for none
   * @param processingFrom index of the first transformation: the suite has the records before it
   *     processed (the group caught up) before it sends the next ones; the input products' stock is
   *     among the first records, well before it (-1: no processing at all)
   */
  static ReliabilityWorkload generate(
      long seed, int count, int partitions, int lateReferenceFrom, int processingFrom) {
    return generate(seed, count, partitions, lateReferenceFrom, processingFrom, Set.of());
  }

  /**
   * As {@link #generate(long, int, int, int, int)}, with sign-offs before the records at {@code
   * signOffPoints} (positions in {@link #sent()}): the suite sends them ({@link #signOffsAt}) only
   * once the group has processed every record before that position, and has them processed before
   * it sends the next record.
   */
  static ReliabilityWorkload generate(
      long seed,
      int count,
      int partitions,
      int lateReferenceFrom,
      int processingFrom,
      Set<Integer> signOffPoints) {
    ReliabilityWorkload w =
        new ReliabilityWorkload(seed, partitions, lateReferenceFrom, processingFrom);
    w.signOffPoints = Set.copyOf(signOffPoints);
    w.stepMillis = SPAN.toMillis() / count;
    if (processingFrom >= 0) {
      w.planStock(count);
      if (2 * w.stock.size() > processingFrom) {
        throw new IllegalArgumentException(
            "processing from record "
                + processingFrom
                + " leaves no room for the "
                + w.stock.size()
                + " stock records before it");
      }
    }
    for (int i = 0; i < count; i++) {
      if (w.signOffPoints.contains(i)) {
        w.signOffs(i);
      }
      w.next(i);
    }
    return w;
  }

  /**
   * The sign-offs (and sales of transformations' outputs) to send before the record at position
   * {@code index} of {@link #sent()}.
   */
  List<Sent> signOffsAt(int index) {
    return signOffs.getOrDefault(index, List.of());
  }

  /** How many sales of transformations' outputs were sent at the quiet points. */
  int outputSales() {
    return outputSales;
  }

  /** How many sign-offs were made (repeats and rejected ones included). */
  int signOffsSent() {
    return signOffsSent;
  }

  /**
   * Sign-offs at a quiet point: for about two ledgers in three, every closed month not yet signed
   * (in order; a transformation dated back into one of them is then booked as a correction), one
   * month signed again by someone else (changes nothing), and one month not closed yet (rejected).
   */
  private void signOffs(int index) {
    if (sent.size() != index) {
      throw new IllegalStateException("one record per position: " + sent.size() + " != " + index);
    }
    List<Sent> out = new ArrayList<>();
    String at = clock.toString();
    List<String[]> signed = new ArrayList<>();
    Ledger open = null;
    for (Ledger l : model.ledgers()) {
      if (random.nextInt(3) == 0) {
        continue;
      }
      for (ContractModel.Figures f : model.chain(l)) {
        if (!model.closed(l, f.period())) {
          if (open == null || random.nextInt(8) == 0) {
            open = l;
          }
          break;
        }
        if (l.latestSigned == null || f.period().isAfter(l.latestSigned)) {
          signed.add(new String[] {l.site, l.product, f.period().toString()});
          out.add(signOff(l.site, l.product, f.period().toString(), "reviewer-" + index, at));
        }
      }
    }
    if (!signed.isEmpty()) {
      String[] again = signed.get(random.nextInt(signed.size()));
      out.add(signOff(again[0], again[1], again[2], "someone-else", at));
    }
    // sales of what transformations made (an output lot is certified only when every organic input
    // was drawn from certified lots: UNCERTIFIED_SOURCE otherwise), one per ledger at most
    for (String site : REGULAR_SITES) {
      for (String product : PROCESS_OUTPUTS) {
        Ledger l = model.existing(site, product).orElse(null);
        if (l == null || l.onHand().isEmpty() || random.nextInt(4) != 0) {
          continue;
        }
        ContractModel.Product p = model.product(product);
        BigDecimal kg =
            l.onHandKg()
                .multiply(BigDecimal.valueOf(10 + random.nextInt(50)))
                .divide(BigDecimal.valueOf(100), 3, RoundingMode.DOWN);
        if (kg.signum() <= 0) {
          continue;
        }
        String[] q = amount(p, kg, RoundingMode.DOWN);
        Movement.Builder b =
            base("SALE", site, product)
                .setType("SALE")
                .setOccurredAt(clock.toString())
                .setQuantity(q[0])
                .setUnit(q[1])
                .setCounterpartyId("CUST-" + random.nextInt(40))
                .setDocumentRef("SO-" + n);
        if (random.nextInt(3) == 0) {
          List<Lot> onHand = l.onHand();
          b.setLotId(onHand.get(random.nextInt(onHand.size())).id);
        }
        Movement m = b.build();
        Outcome outcome = model.applyAtQuietPoint(m);
        if (outcome.kind() != Outcome.Kind.APPLIED) {
          throw new IllegalStateException("a sale of outputs not applied: " + m + ": " + outcome);
        }
        outputSales++;
        out.add(new Sent(site + "|" + product, m, outcome));
      }
    }
    if (open != null) {
      List<ContractModel.Figures> chain = model.chain(open);
      out.add(
          signOff(
              open.site,
              open.product,
              chain.get(chain.size() - 1).period().toString(),
              "too-early",
              at));
    }
    signOffs.put(index, out);
  }

  private Sent signOff(String site, String product, String period, String by, String at) {
    SignOff s =
        SignOff.newBuilder()
            .setSiteId(site)
            .setProductId(product)
            .setPeriod(period)
            .setSignedBy(by)
            .setSignedAt(at)
            .setNote("reviewed at record " + sent.size())
            .build();
    Outcome outcome = model.signOff(site, product, period, by, at, s.getNote());
    signOffsSent++;
    return new Sent(site + "|" + product, s, outcome);
  }

  /** How many transformations were sent (repeats and invalid ones included). */
  int transformationsSent() {
    return transformationsSent;
  }

  List<Sent> sent() {
    return sent;
  }

  /** How many records were sent under a wrong key (see {@link #MISKEYED}). */
  int misKeyed() {
    return misKeyed;
  }

  ContractModel model() {
    return model;
  }

  Map<Kind, Integer> kinds() {
    return kinds;
  }

  /** Index of the first record that may use the late product and certificate. */
  int lateReferenceFrom() {
    return lateReferenceFrom;
  }

  // ------------------------------------------------------------------ generation

  private void next(int index) {
    clock = clock.plusMillis(Math.max(1, (long) (stepMillis * (0.2 + 1.6 * random.nextDouble()))));
    if (index == lateReferenceFrom) {
      products.add(LATE_PRODUCT.getProductId());
    }
    if (stocked < stock.size() && index % 2 == 0) {
      stockRecord(stock.get(stocked++));
      return;
    }
    int roll = random.nextInt(10_000);
    String site = REGULAR_SITES.get(random.nextInt(REGULAR_SITES.size()));
    if (index >= processingFrom && roll >= 90 && roll < 390) {
      processing(roll, site);
      return;
    }
    String product = products.get(random.nextInt(products.size()));
    Kind kind;
    if (roll < 30) {
      kind = Kind.BAD;
    } else if (roll < 80) {
      kind = Kind.REPEAT;
    } else if (roll < 85) {
      kind = Kind.CONFLICTING_REPEAT;
    } else if (roll < 90) {
      kind = Kind.LOT_ALREADY_RECEIVED;
    } else {
      int r = random.nextInt(100);
      boolean transfers = site.equals(TRANSFER_SOURCE) && TRANSFERRED.contains(product);
      if (r < 12) {
        kind = Kind.RECEIPT;
      } else if (r < 18) {
        kind = Kind.WASTE;
      } else if (r < 21) {
        kind = Kind.ADJUSTMENT;
      } else if (r < 23) {
        kind = Kind.COUNT;
      } else if (transfers && r < 31) {
        kind = Kind.TRANSFER;
      } else {
        kind = Kind.SALE;
      }
    }
    Movement m = make(kind, site, product);
    if (m == null) {
      kind = Kind.RECEIPT;
      m = make(kind, site, product);
    }
    kinds.merge(kind, 1, Integer::sum);
    String key = m.getSiteId() + "|" + m.getProductId();
    if (key.equals(MISKEYED)) {
      key = MISKEY;
      misKeyed++;
    }
    Outcome outcome = model.apply(m, key);
    boolean expectedRejected =
        kind == Kind.BAD || kind == Kind.CONFLICTING_REPEAT || kind == Kind.LOT_ALREADY_RECEIVED;
    if (expectedRejected != (outcome.kind() == Outcome.Kind.REJECTED)
        || (kind == Kind.REPEAT) != (outcome.kind() == Outcome.Kind.DUPLICATE)) {
      throw new IllegalStateException(
          "workload and model disagree on " + kind + " " + m + ": " + outcome);
    }
    if (outcome.kind() == Outcome.Kind.APPLIED) {
      List<Movement> r = recent.computeIfAbsent(site + "|" + product, k -> new ArrayList<>());
      r.add(m);
      if (r.size() > 64) {
        r.remove(0);
      }
    }
    sent.add(new Sent(key, m, outcome));
  }

  private Movement make(Kind kind, String site, String product) {
    Ledger ledger = model.ledger(site, product);
    ContractModel.Product p = model.product(product);
    double scale = Math.max(0.3, Math.min(3.0, ledger.book.doubleValue() / 800));
    return switch (kind) {
      case RECEIPT -> receipt(site, product, p);
      case SALE -> sale(site, product, p, ledger, scale);
      case WASTE -> waste(site, product, p);
      case ADJUSTMENT ->
          base("ADJUSTMENT", site, product)
              .setQuantity(
                  (random.nextBoolean() ? "-" : "+")
                      + BigDecimal.valueOf(100 + random.nextInt(8000), 3).toPlainString())
              .setUnit("kg")
              .setReason("stock correction")
              .setDocumentRef("ADJ-" + n)
              .build();
      case COUNT -> count(site, product, p, ledger);
      case TRANSFER -> transfer(site, product, p, ledger);
      case REPEAT -> repeat(site, product);
      case CONFLICTING_REPEAT -> conflicting(site, product);
      case LOT_ALREADY_RECEIVED -> lotAgain(site, product, p, ledger);
      case BAD -> bad(site, product);
      case STOCK,
          TRANSFORMATION,
          TRANSFORMATION_REPEAT,
          TRANSFORMATION_CONFLICT,
          TRANSFORMATION_BAD ->
          throw new IllegalStateException("not a movement of the regular flow: " + kind);
    };
  }

  private Movement.Builder base(String type, String site, String product) {
    n++;
    Movement.Builder b =
        Movement.newBuilder()
            .setMovementId(type.substring(0, 2) + "-" + n)
            .setType(random.nextInt(100) < 3 ? type.toLowerCase(Locale.ROOT) : type)
            .setSiteId(site)
            .setProductId(product)
            .setOccurredAt(occurredAt(site, clock));
    return b;
  }

  /** In UTC (most), with an offset, or in the site's local time when that is unambiguous. */
  private String occurredAt(String site, Instant at) {
    int r = random.nextInt(100);
    ZoneId zone = model.site(site).zone();
    if (r < 10) {
      LocalDateTime local = LocalDateTime.ofInstant(at, zone);
      if (ZonedDateTime.ofLocal(local, zone, null).toInstant().equals(at)) {
        return local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      }
    } else if (r < 15) {
      return at.atOffset(ZoneOffset.ofHours(random.nextInt(25) - 12)).toString();
    }
    return at.toString();
  }

  /** {@code kg} in a unit the product's movements come in, 3 decimals (6 for t). */
  private String[] amount(ContractModel.Product p, BigDecimal kg, RoundingMode rounding) {
    int r = random.nextInt(100);
    MassUnit unit;
    if (p.unit() == MassUnit.LB) {
      unit = r < 80 ? MassUnit.LB : r < 95 ? MassUnit.KG : MassUnit.OZ;
    } else if (p.unit() == MassUnit.G) {
      unit = r < 70 ? MassUnit.G : MassUnit.KG;
    } else {
      unit = r < 85 ? MassUnit.KG : r < 95 ? MassUnit.G : MassUnit.T;
    }
    BigDecimal value = kg.divide(unit.kg, unit == MassUnit.T ? 6 : 3, rounding);
    if (value.signum() <= 0) {
      value = BigDecimal.ONE;
      unit = MassUnit.KG;
    }
    String symbol = random.nextInt(100) < 3 ? unit.symbol.toUpperCase(Locale.ROOT) : unit.symbol;
    String text = value.toPlainString();
    if (random.nextInt(100) < 2) {
      text = " " + text + " ";
    }
    return new String[] {text, symbol};
  }

  private BigDecimal kg(double min, double max) {
    return BigDecimal.valueOf(min + (max - min) * random.nextDouble())
        .setScale(3, RoundingMode.HALF_EVEN);
  }

  private Movement receipt(String site, String product, ContractModel.Product p) {
    String[] q = amount(p, kg(40, 400), RoundingMode.HALF_EVEN);
    Movement.Builder b = base("RECEIPT", site, product).setQuantity(q[0]).setUnit(q[1]);
    if (random.nextInt(100) < 30) {
      b.setLotId("L" + n);
    }
    b.setSupplierId("SUP-" + random.nextInt(7)).setSupplierLot("SL-" + n).setDocumentRef("PO-" + n);
    int s = random.nextInt(100);
    boolean late = products.contains(LATE_PRODUCT.getProductId());
    String nop =
        s < 75
            ? "1000000001"
            : s < 83
                ? "1000000002"
                : s < 90
                    ? "9999999999"
                    : s < 95 ? null : late ? LATE_CERTIFICATE.getNopId() : "1000000001";
    b.setSupplierNopId(nop);
    int o = random.nextInt(100);
    String origin = o < 75 ? null : o < 80 ? "US" : o < 85 ? "us" : o < 95 ? "MX" : "ca";
    b.setOriginCountry(origin);
    if (origin != null && !origin.equalsIgnoreCase("US")) {
      int c = random.nextInt(100);
      // organic products at a US site name their ledger's own certificate (one ledger draws each)
      String wellFormed =
          p.organic() && model.site(site).us()
              ? importCertificateOf(site, product)
              : "123-4567890123-456789";
      b.setImportCertificate(
          c < 40 ? wellFormed : c < 70 ? null : c < 85 ? "4567890123" : "12-345-6");
    }
    return b.build();
  }

  private Movement sale(
      String site, String product, ContractModel.Product p, Ledger ledger, double scale) {
    BigDecimal kg;
    if (random.nextInt(100) == 0) {
      kg = ledger.book.max(BigDecimal.ZERO).add(kg(1, 50));
    } else {
      kg = kg(1 * scale, 40 * scale);
    }
    String[] q = amount(p, kg, RoundingMode.HALF_EVEN);
    Movement.Builder b =
        base("SALE", site, product)
            .setQuantity(q[0])
            .setUnit(q[1])
            .setCounterpartyId("CUST-" + random.nextInt(40))
            .setDocumentRef("SO-" + n);
    if (random.nextInt(100) < 20) {
      b.setLotId(namedLot(ledger));
    }
    return b.build();
  }

  /** A lot on hand (most), a drawn one, or one the site never held. */
  private String namedLot(Ledger ledger) {
    int r = random.nextInt(100);
    List<Lot> onHand = ledger.onHand();
    if (r < 80 && !onHand.isEmpty()) {
      return onHand.get(random.nextInt(onHand.size())).id;
    }
    if (r < 95) {
      List<Lot> drawn =
          ledger.lots.values().stream().filter(l -> l.remainingKg.signum() == 0).toList();
      if (!drawn.isEmpty()) {
        return drawn.get(random.nextInt(drawn.size())).id;
      }
    }
    return "GHOST-" + n;
  }

  private Movement waste(String site, String product, ContractModel.Product p) {
    boolean high =
        Math.floorMod((site + product + clock.toString().substring(0, 7)).hashCode(), 8) == 0;
    String[] q = amount(p, high ? kg(10, 60) : kg(0.2, 4), RoundingMode.HALF_EVEN);
    Movement.Builder b = base("WASTE", site, product).setQuantity(q[0]).setUnit(q[1]);
    int r = random.nextInt(100);
    if (r >= 15) {
      b.setReason("spoilage");
    }
    if (r < 15 || r >= 30) {
      b.setDocumentRef("WD-" + n);
    }
    return b.build();
  }

  private Movement count(String site, String product, ContractModel.Product p, Ledger ledger) {
    BigDecimal book = p.unit().present(ledger.book).setScale(3, RoundingMode.HALF_EVEN);
    int r = random.nextInt(100);
    BigDecimal counted;
    double tolerance = p.tolerancePct().doubleValue() / 100;
    if (book.signum() <= 0) {
      counted = r < 50 ? BigDecimal.ZERO : BigDecimal.valueOf(random.nextInt(20_000), 3);
    } else if (r < 60) {
      counted = book;
    } else if (r < 85) {
      double f = 1 + (random.nextBoolean() ? 1 : -1) * random.nextDouble() * tolerance * 0.5;
      counted = book.multiply(BigDecimal.valueOf(f)).setScale(3, RoundingMode.HALF_EVEN);
    } else {
      double f =
          1
              + (random.nextBoolean() ? 1 : -1)
                  * (tolerance * 1.5 + random.nextDouble() * (0.3 - tolerance * 1.5));
      counted = book.multiply(BigDecimal.valueOf(f)).setScale(3, RoundingMode.HALF_EVEN);
    }
    return base("COUNT", site, product)
        .setQuantity(counted.max(BigDecimal.ZERO).toPlainString())
        .setUnit(p.unit().symbol)
        .setReason("cycle count")
        .setDocumentRef("CS-" + n)
        .build();
  }

  private Movement transfer(String site, String product, ContractModel.Product p, Ledger ledger) {
    BigDecimal available = ledger.onHandKg().min(ledger.book);
    BigDecimal kg =
        available
            .multiply(BigDecimal.valueOf(0.05 + 0.25 * random.nextDouble()))
            .setScale(3, RoundingMode.DOWN);
    if (kg.compareTo(BigDecimal.ONE) < 0) {
      return null;
    }
    String[] q = amount(p, kg, RoundingMode.DOWN);
    Movement.Builder b =
        base("TRANSFER", site, product)
            .setQuantity(q[0])
            .setUnit(q[1])
            .setToSiteId(DESTINATION)
            .setDocumentRef("TR-" + n);
    if (random.nextInt(100) < 10 && !ledger.onHand().isEmpty()) {
      List<Lot> onHand = ledger.onHand();
      b.setLotId(onHand.get(random.nextInt(onHand.size())).id);
    }
    return b.build();
  }

  /** An earlier movement again, with the same content (sometimes in another unit). */
  private Movement repeat(String site, String product) {
    List<Movement> r = recent.get(site + "|" + product);
    if (r == null || r.isEmpty()) {
      return null;
    }
    Movement original = r.get(random.nextInt(r.size()));
    Movement.Builder b = Movement.newBuilder(original);
    String unit = ContractModel.clean(original.getUnit()).toLowerCase(Locale.ROOT);
    BigDecimal q = new BigDecimal(ContractModel.clean(original.getQuantity()));
    if (random.nextInt(100) < 30 && q.scale() <= 3) {
      if (unit.equals("kg")) {
        b.setQuantity(q.movePointRight(3).toPlainString()).setUnit("g");
      } else if (unit.equals("lb")) {
        b.setQuantity(q.multiply(BigDecimal.valueOf(16)).toPlainString()).setUnit("oz");
      }
    }
    return b.build();
  }

  /** An earlier movement's id with another quantity. */
  private Movement conflicting(String site, String product) {
    List<Movement> r = recent.get(site + "|" + product);
    if (r == null || r.isEmpty()) {
      return null;
    }
    Movement original = r.get(random.nextInt(r.size()));
    BigDecimal q = new BigDecimal(ContractModel.clean(original.getQuantity()));
    return Movement.newBuilder(original).setQuantity(q.add(BigDecimal.ONE).toPlainString()).build();
  }

  /** A new RECEIPT naming a lot id the site already holds for the product. */
  private Movement lotAgain(String site, String product, ContractModel.Product p, Ledger ledger) {
    if (ledger.lots.isEmpty()) {
      return null;
    }
    List<String> ids = new ArrayList<>(ledger.lots.keySet());
    String[] q = amount(p, kg(5, 50), RoundingMode.HALF_EVEN);
    return base("RECEIPT", site, product)
        .setQuantity(q[0])
        .setUnit(q[1])
        .setLotId(ids.get(random.nextInt(ids.size())))
        .setSupplierNopId("1000000001")
        .build();
  }

  /** A record that breaks one of the Bad input rules, in turn. */
  private Movement bad(String site, String product) {
    Movement.Builder b =
        base("SALE", site, product)
            .setMovementId("X-" + n)
            .setType("SALE")
            .setQuantity("5")
            .setUnit("kg");
    switch (n % 10) {
      case 0 -> b.setQuantity("-5");
      case 1 -> b.setUnit("lbs");
      case 2 -> b.setOccurredAt("2025-02-30T10:00:00Z");
      case 3 -> b.setType("TELEPORT");
      case 4 -> b.setMovementId("bad id " + n);
      case 5 -> b.setType("TRANSFER").setToSiteId(site);
      case 6 -> b.setQuantity("1.1234567");
      case 7 -> b.setType("COUNT").setQuantity("-1");
      case 8 -> b.setOccurredAt("2031-01-01T00:00:00Z");
      default -> b.setType("ADJUSTMENT").setQuantity("0");
    }
    return b.build();
  }

  // ------------------------------------------------------------------ processing

  /**
   * The stock of each input product at each site: {@value #STOCK_LOTS} receipts (one of them a
   * positive adjustment at some ledgers), sized at 90 % to 150 % of what the transformations are
   * expected to draw from it (60 % for SALT, which runs out first): some ledgers run out before the
   * end.
   */
  private void planStock(int count) {
    double perSite = 0.03 * 0.85 * Math.max(0, count - processingFrom) / REGULAR_SITES.size();
    Map<String, Double> share = Map.of("NUT", 0.62, "GRN", 0.58, "SALT", 0.15);
    Map<String, Double> meanKg = Map.of("NUT", 40.0, "GRN", 50.0, "SALT", 1.5);
    List<List<Stock>> ledgers = new ArrayList<>();
    for (String site : REGULAR_SITES) {
      for (String product : PROCESS_INPUTS) {
        double ratio = product.equals("SALT") ? 1 / 0.6 : 1 / (0.9 + 0.6 * random.nextDouble());
        double total = Math.max(1, perSite * share.get(product)) * meanKg.get(product) / ratio;
        meanDrawKg.put(site + "|" + product, BigDecimal.valueOf(meanKg.get(product)));
        List<Stock> lots = new ArrayList<>();
        for (int i = 0; i < STOCK_LOTS; i++) {
          boolean adjustment = i == 4 && !product.equals("SALT") && random.nextInt(3) == 0;
          double kg = total / STOCK_LOTS * (0.6 + 0.8 * random.nextDouble());
          lots.add(
              new Stock(
                  site,
                  product,
                  BigDecimal.valueOf(kg).setScale(3, RoundingMode.HALF_EVEN),
                  adjustment));
        }
        ledgers.add(lots);
      }
    }
    for (int i = 0; i < STOCK_LOTS; i++) {
      for (List<Stock> lots : ledgers) {
        stock.add(lots.get(i));
      }
    }
  }

  /** A receipt (or positive adjustment) of an input product's stock. */
  private void stockRecord(Stock st) {
    ContractModel.Product p = model.product(st.product());
    Movement m;
    if (st.adjustment()) {
      m =
          base("ADJUSTMENT", st.site(), st.product())
              .setQuantity("+" + st.kg().toPlainString())
              .setUnit("kg")
              .setReason("stock correction")
              .setDocumentRef("ADJ-" + n)
              .build();
    } else {
      String[] q = amount(p, st.kg(), RoundingMode.HALF_EVEN);
      Movement.Builder b = base("RECEIPT", st.site(), st.product()).setQuantity(q[0]).setUnit(q[1]);
      if (random.nextInt(100) < 40) {
        b.setLotId("STK-" + n);
      }
      int s = random.nextInt(100);
      String nop = s < 70 ? "1000000001" : s < 80 ? "1000000002" : s < 88 ? "9999999999" : null;
      b.setSupplierId("FARM-" + random.nextInt(5))
          .setSupplierLot("FL-" + n)
          .setSupplierNopId(nop)
          .setDocumentRef("PO-" + n);
      m = b.build();
    }
    String key = st.site() + "|" + st.product();
    Outcome outcome = model.apply(m, key);
    if (outcome.kind() != Outcome.Kind.APPLIED) {
      throw new IllegalStateException("workload and model disagree on stock " + m + ": " + outcome);
    }
    kinds.merge(Kind.STOCK, 1, Integer::sum);
    sent.add(new Sent(key, m, outcome));
  }

  /**
   * A record of the transformations topic: mostly a new transformation, else an exact repeat, a
   * conflicting repeat or one that breaks a rule.
   */
  private void processing(int roll, String site) {
    Kind kind;
    Transformation t = null;
    if (roll >= 375) {
      kind = Kind.TRANSFORMATION_BAD;
      t = badTransformation(site);
    } else if (roll >= 365) {
      kind = Kind.TRANSFORMATION_CONFLICT;
      t = conflictingTransformation(site);
    } else if (roll >= 345) {
      kind = Kind.TRANSFORMATION_REPEAT;
      t = repeatedTransformation(site);
    } else {
      kind = Kind.TRANSFORMATION;
    }
    if (t == null) {
      kind = Kind.TRANSFORMATION;
      t = newTransformation(site);
    }
    transformationsSent++;
    kinds.merge(kind, 1, Integer::sum);
    String key = t.getSiteId() + "|" + t.getTransformationId();
    Outcome outcome = model.applyTransformation(t);
    Outcome.Kind want =
        switch (kind) {
          case TRANSFORMATION -> Outcome.Kind.APPLIED;
          case TRANSFORMATION_REPEAT -> Outcome.Kind.DUPLICATE;
          default -> Outcome.Kind.REJECTED;
        };
    if (outcome.kind() != want) {
      throw new IllegalStateException(
          "workload and model disagree on " + kind + " " + t + ": " + outcome);
    }
    if (kind == Kind.TRANSFORMATION) {
      List<Transformation> r = recentTransformations.computeIfAbsent(site, k -> new ArrayList<>());
      r.add(t);
      if (r.size() > 32) {
        r.remove(0);
      }
    }
    sent.add(new Sent(key, t, outcome));
  }

  /**
   * A transformation id of this site whose key {@code site|id} lands on the site's partition: the
   * transformations of one site stay in the order sent all the way to their input ledgers.
   */
  private String transformationId(String site) {
    int target = REGULAR_SITES.indexOf(site) % partitions;
    String base = "TF" + n;
    for (int i = 0; ; i++) {
      String id = i == 0 ? base : base + "v" + i;
      if (model.partitionOf(site + "|" + id) == target) {
        return id;
      }
    }
  }

  /** Exact kg of an item as written (quantity and unit strings). */
  private static BigDecimal kgOf(TransformationItem item) {
    return new BigDecimal(ContractModel.clean(item.getQuantity()))
        .multiply(MassUnit.parse(ContractModel.clean(item.getUnit())).orElseThrow().kg);
  }

  private double between(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  /** A yield: mostly within [lo, hi], one in ten outside (below or above). */
  private double yieldOf(double lo, double hi, double below, double above) {
    int r = random.nextInt(100);
    if (r < 5) {
      return between(below, lo - 0.01);
    }
    if (r < 10) {
      return between(hi + 0.01, above);
    }
    return between(lo, hi);
  }

  /**
   * A new transformation at {@code site}: one of five recipes (cracking in-shell nuts into kernels
   * and shells, milling grain into flour and bran with salt now and then, mixing nuts and grain, a
   * paste with no yield band, bran alone as a by-product).
   */
  private Transformation newTransformation(String site) {
    n++;
    String id = transformationId(site);
    Instant at = clock;
    if (random.nextInt(100) < 5) {
      at =
          clock.minus(
              Duration.ofDays(8 + random.nextInt(33)).plusMillis(random.nextInt(86_400_000)));
      Instant earliest = START.plus(Duration.ofDays(2));
      if (at.isBefore(earliest)) {
        at = earliest.plusMillis(random.nextInt(3_600_000));
      }
    }
    List<TransformationItem> inputs = new ArrayList<>();
    int r = random.nextInt(100);
    String recipe = r < 30 ? "CRACK" : r < 60 ? "MILL" : r < 80 ? "MIX" : r < 92 ? "PASTE" : "BRAN";
    switch (recipe) {
      case "CRACK", "PASTE" -> inputs.add(input(site, "NUT"));
      case "MILL", "BRAN" -> inputs.add(input(site, "GRN"));
      default -> {
        inputs.add(input(site, "NUT"));
        inputs.add(input(site, "GRN"));
        Collections.shuffle(inputs, random);
      }
    }
    if ((recipe.equals("MILL") || recipe.equals("MIX")) && random.nextInt(100) < 30) {
      inputs.add(random.nextInt(inputs.size() + 1), input(site, "SALT"));
    }
    BigDecimal all = BigDecimal.ZERO;
    Map<String, BigDecimal> byProduct = new HashMap<>();
    for (TransformationItem i : inputs) {
      all = all.add(kgOf(i));
      byProduct.put(i.getProductId(), kgOf(i));
    }
    List<Object[]> outs = new ArrayList<>();
    switch (recipe) {
      case "CRACK" -> {
        BigDecimal nut = byProduct.get("NUT");
        outs.add(new Object[] {"KRN", "MAIN", times(nut, yieldOf(0.56, 0.69, 0.45, 0.78))});
        outs.add(new Object[] {"SHL", "BYPRODUCT", times(nut, between(0.26, 0.33))});
      }
      case "MILL" -> {
        BigDecimal grain = byProduct.get("GRN");
        outs.add(new Object[] {"FLR", "MAIN", times(grain, yieldOf(0.71, 0.81, 0.6, 0.9))});
        outs.add(new Object[] {"BRN", "BYPRODUCT", times(grain, between(0.12, 0.2))});
      }
      case "MIX" -> {
        BigDecimal base = byProduct.get("NUT").add(byProduct.get("GRN"));
        outs.add(new Object[] {"MIX", "MAIN", times(base, yieldOf(0.91, 1.0, 0.8, 1.12))});
      }
      case "PASTE" ->
          outs.add(new Object[] {"PST", "MAIN", times(byProduct.get("NUT"), between(0.9, 0.98))});
      default ->
          outs.add(
              new Object[] {"BRN", "BYPRODUCT", times(byProduct.get("GRN"), between(0.85, 0.97))});
    }
    if (random.nextInt(100) < 6) {
      // more out than in: PROCESS_GAIN
      BigDecimal made = BigDecimal.ZERO;
      for (Object[] o : outs) {
        made = made.add((BigDecimal) o[2]);
      }
      double factor = all.doubleValue() * between(1.01, 1.08) / made.doubleValue();
      for (Object[] o : outs) {
        o[2] = times((BigDecimal) o[2], factor);
      }
    }
    List<TransformationItem> outputs = new ArrayList<>();
    for (Object[] o : outs) {
      outputs.add(
          output(id, outputs.size(), site, (String) o[0], (String) o[1], (BigDecimal) o[2], at));
    }
    Transformation t = new Transformation();
    t.setTransformationId(id);
    t.setSiteId(site);
    t.setOccurredAt(occurredAt(site, at));
    t.setDocumentRef(random.nextInt(100) < 90 ? "BATCH-" + n : null);
    t.setInputs(inputs);
    t.setOutputs(outputs);
    return t;
  }

  private static BigDecimal times(BigDecimal kg, double factor) {
    return kg.multiply(BigDecimal.valueOf(factor)).setScale(3, RoundingMode.HALF_EVEN);
  }

  /**
   * An input of {@code product} at {@code site}: mostly first-in first-out; one in five names a lot
   * on hand (some of those, when the lot holds little, ask for a little more: LOT_OVERDRAWN), a few
   * name a lot drawn to zero or one the site never held.
   */
  private TransformationItem input(String site, String product) {
    Ledger ledger = model.ledger(site, product);
    ContractModel.Product p = model.product(product);
    BigDecimal kg =
        meanDrawKg
            .get(site + "|" + product)
            .multiply(BigDecimal.valueOf(between(0.4, 1.6)))
            .setScale(3, RoundingMode.HALF_EVEN);
    String lot = null;
    int r = random.nextInt(100);
    List<Lot> onHand = ledger.onHand();
    if (r < 20 && !onHand.isEmpty()) {
      Lot named = onHand.get(random.nextInt(onHand.size()));
      lot = named.id;
      if (random.nextInt(100) < 40 && named.remainingKg.compareTo(kg.add(kg)) <= 0) {
        kg = named.remainingKg.add(kg(0.5, 10)).setScale(3, RoundingMode.UP);
      }
    } else if (r < 23) {
      List<Lot> drawn =
          ledger.lots.values().stream().filter(l -> l.remainingKg.signum() == 0).toList();
      lot = drawn.isEmpty() || random.nextBoolean() ? "GHOST-" + n : drawn.get(0).id;
    }
    String[] q = amount(p, kg, RoundingMode.HALF_EVEN);
    TransformationItem item = new TransformationItem();
    item.setProductId(product);
    item.setQuantity(q[0]);
    item.setUnit(q[1]);
    item.setLotId(lot);
    return item;
  }

  /**
   * Output {@code index}: its lot engine-assigned when no other engine-assigned output of the same
   * site, product and day exists (and mostly then), else named; its role spelled now and then in
   * lower case, or left out for MAIN (the default).
   */
  private TransformationItem output(
      String id, int index, String site, String product, String role, BigDecimal kg, Instant at) {
    String[] q = amount(model.product(product), kg, RoundingMode.HALF_EVEN);
    String day = site + "|" + product + "|" + at.atZone(model.site(site).zone()).toLocalDate();
    String lot = id + "-O" + index;
    if (!assignedOutputDays.contains(day) && random.nextInt(100) < 70) {
      assignedOutputDays.add(day);
      lot = null;
    }
    int r = random.nextInt(100);
    String spelled =
        r < 10 ? role.toLowerCase(Locale.ROOT) : r < 30 && role.equals("MAIN") ? null : role;
    TransformationItem item = new TransformationItem();
    item.setProductId(product);
    item.setQuantity(q[0]);
    item.setUnit(q[1]);
    item.setLotId(lot);
    item.setRole(spelled);
    return item;
  }

  /** A copy whose items can be changed without changing the original's. */
  private static Transformation copyOf(Transformation t) {
    Transformation copy = new Transformation();
    copy.setTransformationId(t.getTransformationId());
    copy.setSiteId(t.getSiteId());
    copy.setOccurredAt(t.getOccurredAt());
    copy.setDocumentRef(t.getDocumentRef());
    copy.setInputs(copyOf(t.getInputs()));
    copy.setOutputs(copyOf(t.getOutputs()));
    return copy;
  }

  private static List<TransformationItem> copyOf(List<TransformationItem> items) {
    List<TransformationItem> out = new ArrayList<>();
    for (TransformationItem i : items) {
      TransformationItem c = new TransformationItem();
      c.setProductId(i.getProductId());
      c.setQuantity(i.getQuantity());
      c.setUnit(i.getUnit());
      c.setLotId(i.getLotId());
      c.setRole(i.getRole());
      out.add(c);
    }
    return out;
  }

  /** An earlier transformation of the site again, same content (sometimes in another unit). */
  private Transformation repeatedTransformation(String site) {
    List<Transformation> r = recentTransformations.get(site);
    if (r == null || r.isEmpty()) {
      return null;
    }
    Transformation copy = copyOf(r.get(random.nextInt(r.size())));
    if (random.nextInt(100) < 40) {
      List<TransformationItem> items = new ArrayList<>(copy.getInputs());
      items.addAll(copy.getOutputs());
      TransformationItem item = items.get(random.nextInt(items.size()));
      String unit = ContractModel.clean(item.getUnit()).toLowerCase(Locale.ROOT);
      BigDecimal q = new BigDecimal(ContractModel.clean(item.getQuantity()));
      if (unit.equals("kg") && q.scale() <= 3) {
        item.setQuantity(q.movePointRight(3).toPlainString());
        item.setUnit("g");
      } else if (unit.equals("lb") && q.scale() <= 3) {
        item.setQuantity(q.multiply(BigDecimal.valueOf(16)).toPlainString());
        item.setUnit("oz");
      } else if ("MAIN".equals(item.getRole())) {
        item.setRole(null);
      }
    }
    return copy;
  }

  /** An earlier transformation's id with another quantity. */
  private Transformation conflictingTransformation(String site) {
    List<Transformation> r = recentTransformations.get(site);
    if (r == null || r.isEmpty()) {
      return null;
    }
    Transformation copy = copyOf(r.get(random.nextInt(r.size())));
    TransformationItem first = copy.getInputs().get(0);
    first.setQuantity(
        new BigDecimal(ContractModel.clean(first.getQuantity()))
            .add(BigDecimal.ONE)
            .toPlainString());
    return copy;
  }

  /** A transformation breaking one of the rules, in turn. */
  private Transformation badTransformation(String site) {
    n++;
    TransformationItem in = new TransformationItem();
    in.setProductId("NUT");
    in.setQuantity("10");
    in.setUnit("kg");
    TransformationItem out = new TransformationItem();
    out.setProductId("KRN");
    out.setQuantity("6");
    out.setUnit("kg");
    out.setRole("MAIN");
    Transformation t = new Transformation();
    t.setTransformationId("TX" + n);
    t.setSiteId(site);
    t.setOccurredAt(occurredAt(site, clock));
    t.setDocumentRef("BATCH-" + n);
    t.setInputs(new ArrayList<>(List.of(in)));
    t.setOutputs(new ArrayList<>(List.of(out)));
    switch (n % 8) {
      case 0 -> t.setTransformationId("TX" + n + "-" + "x".repeat(56 - ("TX" + n).length()));
      case 1 -> t.setInputs(new ArrayList<>());
      case 2 -> out.setProductId("NUT");
      case 3 -> out.setRole("SIDE");
      case 4 -> in.setQuantity("-3");
      case 5 -> in.setUnit("lbs");
      case 6 -> t.setOccurredAt("2025-02-30T10:00:00Z");
      default -> in.setRole("MAIN");
    }
    return t;
  }

  // ------------------------------------------------------------------ reference records

  private static Site site(String id, String zone, String country) {
    return Site.newBuilder()
        .setSiteId(id)
        .setName("Site " + id)
        .setTimeZone(zone)
        .setCountry(country)
        .build();
  }

  private static Product product(
      String id, String unit, boolean organic, String tolerance, String prefix) {
    return Product.newBuilder()
        .setProductId(id)
        .setName("Product " + id)
        .setUnit(unit)
        .setOrganic(organic)
        .setTolerancePct(tolerance)
        .setLotPrefix(prefix)
        .build();
  }

  /** The import certificate number organic receipts from abroad at {@code site} name. */
  static String importCertificateOf(String site, String product) {
    int p = REGULAR_PRODUCTS.indexOf(product);
    return String.format("1%d%d-4567890123-456789", REGULAR_SITES.indexOf(site), p < 0 ? 9 : p);
  }

  private static void importCertificate(
      String site, String product, String certifies, String kg, String from, String to) {
    String number = importCertificateOf(site, product);
    IMPORT_CERTIFICATES.put(
        number,
        ImportCertificate.newBuilder()
            .setCertificateNumber(number)
            .setProductId(certifies)
            .setHtsCode("0802120000")
            .setQuantity(kg)
            .setUnit("kg")
            .setValidFrom(from)
            .setValidTo(to)
            .setExporter("Exportadora Orgánica SA")
            .setImporterNopId("1000000001")
            .setCertifier("CERT-MX")
            .setOriginCountry("MX")
            .build());
  }

  private static void yieldBand(String input, String output, String min, String max) {
    YIELDS.put(
        input + "|" + output,
        Yield.newBuilder()
            .setInputProductId(input)
            .setOutputProductId(output)
            .setMinPct(min)
            .setMaxPct(max)
            .build());
  }

  private static SupplierCertificate certificate(String nop, String effective) {
    return SupplierCertificate.newBuilder()
        .setNopId(nop)
        .setOperationName("Farm " + nop)
        .setCertifier("CCOF")
        .setStatus("CERTIFIED")
        .setStatusEffective(effective)
        .setScopes(List.of("CROPS"))
        .build();
  }
}
