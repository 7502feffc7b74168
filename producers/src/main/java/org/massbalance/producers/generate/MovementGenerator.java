package org.massbalance.producers.generate;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
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
 */
public final class MovementGenerator implements Iterator<Movement> {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final String[] WASTE_REASONS = {"spoiled", "damaged", "pest", "expired"};
  private static final String[] ABROAD = {"MX", "PE", "NL", "TR", "IN"};

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

  /** Movements produced so far. */
  public long produced() {
    return next;
  }

  @Override
  public boolean hasNext() {
    return next < config.movements();
  }

  @Override
  public Movement next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long seq = next++;
    String at = first.plusNanos(seq * stepMillis * 1_000_000L).format(LOCAL);
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
