package org.massbalance.producers.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.avro.Yield;
import org.massbalance.topics.TopicDefaults;

/**
 * A seeded, pure source of movements: the same {@link WorkloadConfig} yields the same records in
 * the same order (no clock, no I/O; {@code ingested_at} is left to the writer).
 *
 * <p>Keys are {@code site|product} with key index k mapping to site {@code k % sites} and product
 * {@code k / sites}; each movement picks a key uniformly. The generator keeps a running book per
 * key (in hundredths of the product's unit) so that sales, waste and transfers mostly take what is
 * on hand, and counts land near the book. Mix: receipts 30 %, sales 38 %, waste 5 % (90 %
 * documented), transfers 7 %, adjustments 5 %, counts 15 %. Of receipts, about 5 % have no NOP ID
 * and 4 % at US sites come from abroad with an import certificate. Times advance evenly over {@code
 * days}, in site-local time without an offset. A {@code faultRate} share of records carries one
 * fault: a bad quantity, a bad unit, a bad date, or a conflicting duplicate of the previous
 * movement.
 *
 * <p>With a {@code transformationShare} above 0, that share of the records ({@link #nextRecord})
 * are transformations instead of movements (when none can be made at the drawn site, a movement is
 * made): at the site of a key drawn uniformly, 1 or 2 inputs of products the site holds (at least
 * 10 units on the book; an organic one, a third of the time a second one, half of those a
 * non-organic additive such as salt of 1 to 5 % of the first's quantity), and outputs of other
 * organic products of the site's keys: a MAIN and, half of the time, a BYPRODUCT taking 15 to 40 %
 * of the output mass. The outputs weigh 86 to 99 % of the inputs (exactly, in kg, each output
 * rounded down to a hundredth of its unit), or, at the {@code faultRate} share, 102 to 110 %
 * (PROCESS_GAIN). Inputs leave and outputs join the generator's books, so later movements sell what
 * was made. A transformation's id is {@code {idPrefix}t{n}} (n: its record's sequence number), its
 * document {@code BR-{n}}. Before the first transformation naming an (input, MAIN output) pair
 * comes that pair's yield band ({@value #YIELD_MIN_PCT} to {@value #YIELD_MAX_PCT} %: a MAIN output
 * without by-product and with a gain lies outside it). With a share of 0 no random number is drawn
 * for transformations: the movements are those of the same workload without them, byte for byte.
 */
public final class MovementGenerator implements Iterator<Movement> {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final String[] WASTE_REASONS = {"spoiled", "damaged", "pest", "expired"};
  private static final String[] ABROAD = {"MX", "PE", "NL", "TR", "IN"};

  /** The lowest yield of the band the generator gives each pair it uses, in percent. */
  public static final String YIELD_MIN_PCT = "50";

  /** The highest yield of the band the generator gives each pair it uses, in percent. */
  public static final String YIELD_MAX_PCT = "100";

  private static final BigDecimal LB_KG = new BigDecimal("0.45359237");

  /** Random candidates tried for an input or an output at a site. */
  private static final int TRIES = 8;

  private final WorkloadConfig config;
  private final SplittableRandom random;
  private final List<Site> sites;
  private final List<Product> products;
  private final int suppliers;
  private final long[] book;
  private final LocalDateTime first;
  private final long stepMillis;
  private long next;
  private long faults;
  private Movement previous;
  private final Deque<SpecificRecord> pending = new ArrayDeque<>();
  private final Set<Long> pairs = new HashSet<>();
  private long transformations;
  private long gains;
  private long yields;

  /** A generator over a config; the reference data it refers to is {@link ReferenceData#of}. */
  public MovementGenerator(WorkloadConfig config) {
    this.config = config;
    this.random = new SplittableRandom(config.seed());
    ReferenceData ref = ReferenceData.of(config);
    this.sites = ref.sites();
    this.products = ref.products();
    this.suppliers = ref.certificates().size();
    this.book = new long[config.keys()];
    this.first = config.start().atTime(6, 0);
    this.stepMillis =
        config.movements() == 0 ? 0 : config.days() * 86_400_000L / config.movements();
  }

  /** Movements with a fault so far. */
  public long faults() {
    return faults;
  }

  /** Records (movements and transformations) produced so far. */
  public long produced() {
    return next;
  }

  /** Transformations produced so far. */
  public long transformations() {
    return transformations;
  }

  /** Transformations whose outputs outweigh their inputs, so far. */
  public long gains() {
    return gains;
  }

  /** Yield bands produced so far. */
  public long yields() {
    return yields;
  }

  @Override
  public boolean hasNext() {
    return !pending.isEmpty() || next < config.movements();
  }

  /**
   * The next movement, of a workload without transformations.
   *
   * @throws IllegalStateException when the next record is a transformation or a yield band: a
   *     workload with transformations is read with {@link #nextRecord}
   */
  @Override
  public Movement next() {
    SpecificRecord r = nextRecord();
    if (r instanceof Movement m) {
      return m;
    }
    throw new IllegalStateException(
        "the next record is a "
            + r.getSchema().getName()
            + ": read the workload with nextRecord()");
  }

  /**
   * The next record: a {@link Movement}, a {@link Transformation} or a {@link Yield} (a yield band,
   * just before the first transformation that uses it; not counted in {@link #produced}).
   */
  public SpecificRecord nextRecord() {
    if (!pending.isEmpty()) {
      return pending.poll();
    }
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long seq = next++;
    String at = first.plusNanos(seq * stepMillis * 1_000_000L).format(LOCAL);
    if (config.transformationShare() > 0 && random.nextDouble() < config.transformationShare()) {
      Transformation t = transformation(seq, at);
      if (t != null) {
        transformations++;
        pending.add(t);
        return pending.poll();
      }
    }
    return movement(seq, at);
  }

  private Movement movement(long seq, String at) {
    boolean fault = config.faultRate() > 0 && random.nextDouble() < config.faultRate();
    Movement m;
    if (fault && previous != null && random.nextInt(4) == 3) {
      m = Movement.newBuilder(previous).setQuantity(bump(previous.getQuantity())).build();
      faults++;
      return m; // a conflicting duplicate: same id, other quantity; the book is not changed
    }
    m = valid(seq, at);
    previous = m;
    if (fault) {
      faults++;
      m = Movement.newBuilder(m).build();
      switch (random.nextInt(3)) {
        case 0 -> {
          boolean signed = "ADJUSTMENT".equals(m.getType()) || "COUNT".equals(m.getType());
          m.setQuantity(random.nextBoolean() || signed ? "12,5" : "-" + m.getQuantity());
        }
        case 1 -> m.setUnit(random.nextBoolean() ? "lbs" : "pallets");
        default -> m.setOccurredAt(random.nextBoolean() ? "2026-02-30" : "31/01/2026");
      }
    }
    return m;
  }

  /** The key of a movement as producers send it. */
  public static String key(Movement m) {
    return TopicDefaults.movementKey(m.getSiteId(), m.getProductId());
  }

  /** The key of a transformation as producers send it: {@code site|transformation_id}. */
  public static String key(Transformation t) {
    return TopicDefaults.transformationKey(t.getSiteId(), t.getTransformationId());
  }

  /** The key of a yield band: {@code input_product|output_product}. */
  public static String key(Yield y) {
    return TopicDefaults.yieldKey(y.getInputProductId(), y.getOutputProductId());
  }

  /**
   * A transformation at the site of a key drawn uniformly, or null when none can be made there (a
   * product held for input, or another organic product for output, not found); see the class
   * comment. The books change only when one is made.
   */
  private Transformation transformation(long seq, String at) {
    int siteCount = config.sites();
    int k0 = random.nextInt(config.keys());
    int s = k0 % siteCount;
    int perSite =
        (config.keys() - s + siteCount - 1) / siteCount; // products p with p * sites + s < keys
    if (perSite < 2) {
      return null;
    }
    List<Integer> inputs = new ArrayList<>(2);
    List<Long> inputQuantities = new ArrayList<>(2);
    int main = held(s, perSite, k0 / siteCount, true, 1000, inputs);
    if (main < 0) {
      return null;
    }
    long q = Math.max(1000, book[main * siteCount + s] * (20 + random.nextInt(41)) / 100);
    inputs.add(main);
    inputQuantities.add(q);
    if (random.nextInt(3) == 0) {
      boolean additive = random.nextBoolean();
      int second =
          held(s, perSite, random.nextInt(perSite), !additive, additive ? 100 : 1000, inputs);
      if (second >= 0) {
        long onHand = book[second * siteCount + s];
        inputs.add(second);
        inputQuantities.add(
            additive
                ? Math.min(onHand, Math.max(1, q * (1 + random.nextInt(5)) / 100))
                : Math.max(1000, onHand * (20 + random.nextInt(41)) / 100));
      }
    }
    List<Integer> taken = new ArrayList<>(inputs);
    int out = other(perSite, taken);
    if (out < 0) {
      return null;
    }
    taken.add(out);
    int by = random.nextBoolean() ? other(perSite, taken) : -1;
    boolean gain = config.faultRate() > 0 && random.nextDouble() < config.faultRate();
    int pct = gain ? 102 + random.nextInt(9) : 86 + random.nextInt(14);
    BigDecimal inKg = BigDecimal.ZERO;
    for (int i = 0; i < inputs.size(); i++) {
      inKg = inKg.add(kg(inputs.get(i), inputQuantities.get(i)));
    }
    BigDecimal outKg = inKg.multiply(BigDecimal.valueOf(pct)).movePointLeft(2);
    BigDecimal mainKg =
        by < 0
            ? outKg
            : outKg.multiply(BigDecimal.valueOf(60 + random.nextInt(26))).movePointLeft(2);
    long qMain = hundredths(out, mainKg);
    long qBy = by < 0 ? 0 : hundredths(by, outKg.subtract(mainKg));
    if (qMain <= 0 || (by >= 0 && qBy <= 0)) {
      return null; // not with inputs of at least 10 units
    }
    List<TransformationItem> in = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      int p = inputs.get(i);
      book[p * siteCount + s] -= inputQuantities.get(i);
      in.add(item(p, inputQuantities.get(i), null));
      if (pairs.add((long) p * config.products() + out)) {
        yields++;
        pending.add(
            new Yield(
                products.get(p).getProductId(),
                products.get(out).getProductId(),
                YIELD_MIN_PCT,
                YIELD_MAX_PCT));
      }
    }
    List<TransformationItem> outputs = new ArrayList<>(2);
    book[out * siteCount + s] += qMain;
    outputs.add(item(out, qMain, "MAIN"));
    if (by >= 0) {
      book[by * siteCount + s] += qBy;
      outputs.add(item(by, qBy, "BYPRODUCT"));
    }
    if (gain) {
      gains++;
    }
    return Transformation.newBuilder()
        .setTransformationId(config.idPrefix() + "t" + seq)
        .setSiteId(sites.get(s).getSiteId())
        .setOccurredAt(at)
        .setDocumentRef("BR-" + seq)
        .setInputs(in)
        .setOutputs(outputs)
        .setIngestedAt(null)
        .build();
  }

  /**
   * A product of site {@code s}'s keys (among {@code perSite}) with the organic flag {@code
   * organic} and at least {@code min} hundredths on the book, not in {@code taken}: {@code first},
   * else up to {@link #TRIES} - 1 drawn at random; -1 when none.
   */
  private int held(int s, int perSite, int first, boolean organic, long min, List<Integer> taken) {
    int p = first;
    for (int i = 0; i < TRIES; i++) {
      if (i > 0) {
        p = random.nextInt(perSite);
      }
      if (organic(p) == organic && book[p * config.sites() + s] >= min && !taken.contains(p)) {
        return p;
      }
    }
    return -1;
  }

  /** An organic product of the site's keys not in {@code taken}, drawn; -1 when none is found. */
  private int other(int perSite, List<Integer> taken) {
    for (int i = 0; i < TRIES; i++) {
      int p = random.nextInt(perSite);
      if (organic(p) && !taken.contains(p)) {
        return p;
      }
    }
    return -1;
  }

  private boolean organic(int p) {
    return !Boolean.FALSE.equals(products.get(p).getOrganic());
  }

  /** Kilograms in one unit of product p. */
  private BigDecimal unitKg(int p) {
    return "lb".equals(products.get(p).getUnit()) ? LB_KG : BigDecimal.ONE;
  }

  /** The exact kilograms of {@code hundredths} of product p's unit. */
  private BigDecimal kg(int p, long hundredths) {
    return BigDecimal.valueOf(hundredths, 2).multiply(unitKg(p));
  }

  /** {@code kg} in hundredths of product p's unit, rounded down. */
  private long hundredths(int p, BigDecimal kg) {
    return kg.movePointRight(2).divide(unitKg(p), 0, RoundingMode.FLOOR).longValueExact();
  }

  private TransformationItem item(int p, long hundredths, String role) {
    return new TransformationItem(
        products.get(p).getProductId(), fmt(hundredths), products.get(p).getUnit(), null, role);
  }

  private Movement valid(long seq, String at) {
    int k = random.nextInt(config.keys());
    int s = k % config.sites();
    int p = k / config.sites();
    Site site = sites.get(s);
    Product product = products.get(p);
    String unit = product.getUnit();
    Movement.Builder b =
        Movement.newBuilder()
            .setMovementId(config.idPrefix() + seq)
            .setOccurredAt(at)
            .setSiteId(site.getSiteId())
            .setProductId(product.getProductId())
            .setUnit(unit);
    int roll = random.nextInt(100);
    long onHand = book[k];
    if (roll < 30 || (onHand <= 0 && roll < 73 && random.nextInt(50) != 0)) {
      long q = 100 * (50 + random.nextInt(2000));
      book[k] += q;
      b.setType("RECEIPT").setQuantity(fmt(q)).setDocumentRef("PO-" + seq);
      int supplier = random.nextInt(suppliers);
      b.setSupplierId("SUP" + (supplier + 1)).setSupplierLot("SL" + random.nextInt(100_000));
      if (random.nextInt(20) != 0) {
        b.setSupplierNopId(ReferenceData.nopId(supplier));
      }
      if ("US".equals(site.getCountry()) && random.nextInt(25) == 0) {
        b.setOriginCountry(ABROAD[random.nextInt(ABROAD.length)])
            .setImportCertificate(
                String.format(
                    "%03d-%010d-%06d",
                    random.nextInt(1000),
                    random.nextLong(10_000_000_000L),
                    random.nextInt(1_000_000)));
      }
      if (random.nextInt(10) == 0 && "kg".equals(unit)) {
        b.setUnit("g").setQuantity(fmt(q * 1000)); // same mass, another unit
      }
    } else if (roll < 68) {
      long q = take(onHand);
      book[k] -= q;
      b.setType("SALE").setQuantity(fmt(q)).setCounterpartyId("C" + random.nextInt(5000));
      b.setDocumentRef("SO-" + seq);
    } else if (roll < 73) {
      long q = Math.max(1, take(onHand) / 10);
      book[k] -= q;
      b.setType("WASTE").setQuantity(fmt(q));
      if (random.nextInt(10) != 0) {
        b.setReason(WASTE_REASONS[random.nextInt(WASTE_REASONS.length)])
            .setDocumentRef("WD-" + seq);
      }
    } else if (roll < 80) {
      int to = (s + 1 + random.nextInt(config.sites() - 1)) % config.sites();
      int toKey = p * config.sites() + to;
      long q = take(onHand);
      b.setType("TRANSFER").setQuantity(fmt(q)).setDocumentRef("TR-" + seq);
      if (toKey < config.keys()) {
        book[k] -= q;
        book[toKey] += q;
        b.setToSiteId(sites.get(to).getSiteId());
      } else {
        book[k] -= q; // the destination is outside the key space: make it a sale
        b.setType("SALE").setCounterpartyId("C" + random.nextInt(5000));
      }
    } else if (roll < 85) {
      long q = 100 * (1 + random.nextInt(20));
      if (random.nextBoolean() && onHand > q) {
        q = -q;
      }
      book[k] += q;
      b.setType("ADJUSTMENT").setQuantity(fmt(q)).setReason("correction");
    } else {
      long counted = Math.max(0, onHand);
      int v = random.nextInt(100);
      if (v < 70) {
        counted += (counted * (random.nextInt(41) - 20)) / 1000; // within 2 %
      } else if (v < 90) {
        counted += (counted * (random.nextInt(81) - 40)) / 1000; // within 4 %
      } else {
        counted = counted * (85 + random.nextInt(10)) / 100; // 6..15 % short
      }
      book[k] = counted;
      b.setType("COUNT").setQuantity(fmt(counted)).setDocumentRef("CS-" + seq);
    }
    return b.build();
  }

  /** Mostly a part of what is on hand; sometimes (2 %) more than that, to oversell. */
  private long take(long onHand) {
    if (onHand <= 100 || random.nextInt(50) == 0) {
      return 100 * (10 + random.nextInt(500)) + Math.max(0, onHand);
    }
    long q = onHand * (5 + random.nextInt(45)) / 100;
    return Math.max(1, q);
  }

  private String bump(String quantity) {
    try {
      return new java.math.BigDecimal(quantity).abs().add(java.math.BigDecimal.ONE).toPlainString();
    } catch (NumberFormatException e) {
      return "1";
    }
  }

  /** Hundredths as an exact decimal string. */
  static String fmt(long hundredths) {
    long abs = Math.abs(hundredths);
    String sign = hundredths < 0 ? "-" : "";
    long whole = abs / 100;
    long frac = abs % 100;
    if (frac == 0) {
      return sign + whole;
    }
    return frac % 10 == 0
        ? sign + whole + "." + (frac / 10)
        : sign + whole + "." + (frac < 10 ? "0" : "") + frac;
  }
}
