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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
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
    SITES.put("N2", site("N2", "America/Los_Angeles", "US"));
    SITES.put("E1", site("E1", "Europe/Berlin", "DE"));
    SITES.put("U2", site("U2", "UTC", "US"));
    SITES.put(DESTINATION, site(DESTINATION, "America/Chicago", "US"));
    PRODUCTS.put("ALM", product("ALM", "lb", true, "5.0", "ALM"));
    PRODUCTS.put("OAT", product("OAT", "kg", true, "2.5", "OAT"));
    PRODUCTS.put("RICE", product("RICE", "kg", false, null, null));
    PRODUCTS.put("TEA", product("TEA", "g", true, "10", "T"));
    CERTIFICATES.add(certificate("1000000001", "2024-01-01"));
    CERTIFICATES.add(certificate("1000000002", "2025-02-15"));
  }

  /** What was sent, in order, with the model's verdict on each record. */
  record Sent(String key, Movement movement, Outcome outcome) {}

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
    BAD
  }

  private final Random random;
  private final ContractModel model;
  private final List<Sent> sent = new ArrayList<>();
  private final Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
  private int misKeyed;
  private final Map<String, List<Movement>> recent = new HashMap<>();
  private final int lateReferenceFrom;
  private final List<String> products;
  private Instant clock = START;
  private long stepMillis;
  private int n;

  private ReliabilityWorkload(long seed, int partitions, int lateReferenceFrom) {
    boolean withLateReference = lateReferenceFrom >= 0;
    this.random = new Random(seed);
    this.lateReferenceFrom = withLateReference ? lateReferenceFrom : Integer.MAX_VALUE;
    Map<String, ContractModel.Site> siteModel = new HashMap<>();
    SITES.forEach(
        (id, s) ->
            siteModel.put(
                id, new ContractModel.Site(id, ZoneId.of(s.getTimeZone()), s.getCountry())));
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
    this.model =
        new ContractModel(siteModel, productModel, certificateModel, partitions, Instant.now());
    this.products = new ArrayList<>(REGULAR_PRODUCTS);
  }

  /**
   * Makes {@code count} records with {@code seed}, judged by a model of {@code partitions}
   * partitions.
   *
   * @param lateReferenceFrom index of the first record that may use {@link #LATE_PRODUCT} and
   *     {@link #LATE_CERTIFICATE} (they must be written before it), or -1 for none
   */
  static ReliabilityWorkload generate(long seed, int count, int partitions, int lateReferenceFrom) {
    ReliabilityWorkload w = new ReliabilityWorkload(seed, partitions, lateReferenceFrom);
    w.stepMillis = SPAN.toMillis() / count;
    for (int i = 0; i < count; i++) {
      w.next(i);
    }
    return w;
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
    int roll = random.nextInt(10_000);
    String site = REGULAR_SITES.get(random.nextInt(REGULAR_SITES.size()));
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
            .setOccurredAt(occurredAt(site));
    return b;
  }

  /** In UTC (most), with an offset, or in the site's local time when that is unambiguous. */
  private String occurredAt(String site) {
    int r = random.nextInt(100);
    ZoneId zone = model.site(site).zone();
    if (r < 10) {
      LocalDateTime local = LocalDateTime.ofInstant(clock, zone);
      if (ZonedDateTime.ofLocal(local, zone, null).toInstant().equals(clock)) {
        return local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      }
    } else if (r < 15) {
      return clock.atOffset(ZoneOffset.ofHours(random.nextInt(25) - 12)).toString();
    }
    return clock.toString();
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
      b.setImportCertificate(
          c < 40 ? "123-4567890123-456789" : c < 70 ? null : c < 85 ? "4567890123" : "12-345-6");
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
