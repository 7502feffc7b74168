package org.massbalance.producers.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.avro.Yield;
import org.massbalance.producers.csv.CsvFormats;
import org.massbalance.producers.csv.CsvReadResult;
import org.massbalance.producers.integrity.CapturingProducers;
import org.massbalance.producers.transformations.TransformationIngest;

/** Workloads with transformations: the share, their shape, determinism, and share 0 unchanged. */
class TransformationWorkloadTest {

  private static final Pattern QUANTITY = Pattern.compile("^[0-9]+(\\.[0-9]{1,6})?$");
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,56}$");
  private static final BigDecimal LB_KG = new BigDecimal("0.45359237");

  private static WorkloadConfig config(long seed, long records, double faultRate, double share) {
    return new WorkloadConfig(
        seed, 10, 30, 250, records, LocalDate.of(2026, 1, 1), 28, faultRate, "m-", share);
  }

  private static List<SpecificRecord> all(WorkloadConfig c) {
    List<SpecificRecord> list = new ArrayList<>();
    MovementGenerator g = new MovementGenerator(c);
    while (g.hasNext()) {
      list.add(g.nextRecord());
    }
    return list;
  }

  private static void write(WorkloadConfig c, Path file) throws Exception {
    try (CsvMovementSink sink = new CsvMovementSink(file, c.transformationShare() > 0)) {
      sink.reference(ReferenceData.of(c));
      GenerateCommand.pump(
          new MovementGenerator(c), new Throttler(0, Throttler.SYSTEM), sink, null);
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void aShareOfZeroWritesTheBytesOfTheWorkloadOfBeforeTransformations(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("w.csv");
    write(config(42, 20_000, 0.01, 0), file);
    // recorded from the generator before it made transformations
    assertThat(sha256(file))
        .isEqualTo("86568def9a4f62f2f4991f1e4a1c4de6dd59147b74ad8ee407726ebae6dcdcf6");
    assertThat(Files.exists(CsvMovementSink.referenceFile(file, "transformations"))).isFalse();
    assertThat(Files.exists(CsvMovementSink.referenceFile(file, "yields"))).isFalse();
    assertThat(all(config(42, 20_000, 0.01, 0))).allMatch(Movement.class::isInstance);
  }

  @Test
  void theSameSeedWritesByteIdenticalFilesAndAnotherSeedOthers(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Path c = dir.resolve("c.csv");
    write(config(3, 5_000, 0.05, 0.2), a);
    write(config(3, 5_000, 0.05, 0.2), b);
    write(config(4, 5_000, 0.05, 0.2), c);
    for (String kind : List.of("transformations", "yields")) {
      Path fa = CsvMovementSink.referenceFile(a, kind);
      assertThat(Files.readAllLines(fa)).hasSizeGreaterThan(10);
      assertThat(Files.readAllBytes(fa))
          .isEqualTo(Files.readAllBytes(CsvMovementSink.referenceFile(b, kind)));
      assertThat(Files.readAllBytes(fa))
          .isNotEqualTo(Files.readAllBytes(CsvMovementSink.referenceFile(c, kind)));
    }
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(Files.readAllLines(CsvMovementSink.referenceFile(a, "transformations")).get(0))
        .isEqualTo(
            "transformation_id,site_id,occurred_at,role,product_id,quantity,unit,lot_id,"
                + "document_ref");
    assertThat(Files.readAllLines(CsvMovementSink.referenceFile(a, "yields")).get(0))
        .isEqualTo("input_product_id,output_product_id,min_pct,max_pct");
  }

  @Test
  void transformationsComeAtTheConfiguredShare() {
    for (double share : new double[] {0.05, 0.1, 0.3}) {
      MovementGenerator g = new MovementGenerator(config(11, 20_000, 0.01, share));
      long transformations = 0;
      long records = 0;
      while (g.hasNext()) {
        SpecificRecord r = g.nextRecord();
        if (r instanceof Transformation) {
          transformations++;
        }
        if (!(r instanceof Yield)) {
          records++;
        }
      }
      assertThat(records).isEqualTo(20_000);
      assertThat(g.transformations()).isEqualTo(transformations);
      // a few draws find nothing to process at their site and make a movement instead
      assertThat(transformations / 20_000.0)
          .as("share " + share)
          .isBetween(share * 0.85, share * 1.1);
    }
  }

  @Test
  void transformationsProcessHeldInputsIntoOtherProductsAtEightyFiveToOneHundredPercent() {
    WorkloadConfig c = config(5, 40_000, 0.02, 0.1);
    Map<String, Product> products =
        ReferenceData.of(c).products().stream()
            .collect(Collectors.toMap(Product::getProductId, Function.identity()));
    Set<String> received = new HashSet<>();
    Set<String> bands = new HashSet<>();
    Set<String> ids = new HashSet<>();
    Map<Integer, Integer> inputCounts = new HashMap<>();
    long gains = 0;
    long byproducts = 0;
    long additives = 0;
    long transformations = 0;
    MovementGenerator g = new MovementGenerator(c);
    while (g.hasNext()) {
      SpecificRecord r = g.nextRecord();
      if (r instanceof Yield y) {
        assertThat(bands.add(MovementGenerator.key(y))).as("one band per pair").isTrue();
        assertThat(y.getMinPct()).isEqualTo("50");
        assertThat(y.getMaxPct()).isEqualTo("100");
      } else if (r instanceof Movement m) {
        received.add(m.getSiteId() + "|" + m.getProductId());
        if (m.getToSiteId() != null) {
          received.add(m.getToSiteId() + "|" + m.getProductId());
        }
      } else {
        Transformation t = (Transformation) r;
        transformations++;
        assertThat(t.getTransformationId()).matches(ID).startsWith("m-t");
        assertThat(ids.add(MovementGenerator.key(t))).isTrue();
        assertThat(t.getDocumentRef()).startsWith("BR-");
        LocalDateTime.parse(t.getOccurredAt());
        inputCounts.merge(t.getInputs().size(), 1, Integer::sum);
        assertThat(t.getOutputs()).hasSizeBetween(1, 2);
        assertThat(t.getOutputs().get(0).getRole()).isEqualTo("MAIN");
        Set<String> inputProducts = new HashSet<>();
        BigDecimal inKg = BigDecimal.ZERO;
        for (TransformationItem i : t.getInputs()) {
          assertThat(received)
              .as("input %s of %s held at the site", i.getProductId(), t.getTransformationId())
              .contains(t.getSiteId() + "|" + i.getProductId());
          assertThat(i.getRole()).isNull();
          inputProducts.add(i.getProductId());
          inKg = inKg.add(kg(i, products));
          String mainBand =
              org.massbalance.topics.TopicDefaults.yieldKey(
                  i.getProductId(), t.getOutputs().get(0).getProductId());
          assertThat(bands).as("band before its first use").contains(mainBand);
          if (Boolean.FALSE.equals(products.get(i.getProductId()).getOrganic())) {
            additives++;
          }
        }
        assertThat(products.get(t.getInputs().get(0).getProductId()).getOrganic()).isTrue();
        BigDecimal outKg = BigDecimal.ZERO;
        for (TransformationItem o : t.getOutputs()) {
          assertThat(inputProducts).doesNotContain(o.getProductId());
          assertThat(products.get(o.getProductId()).getOrganic()).isTrue();
          outKg = outKg.add(kg(o, products));
          received.add(t.getSiteId() + "|" + o.getProductId());
        }
        if (t.getOutputs().size() == 2) {
          byproducts++;
          assertThat(t.getOutputs().get(1).getRole()).isEqualTo("BYPRODUCT");
          assertThat(t.getOutputs().get(1).getProductId())
              .isNotEqualTo(t.getOutputs().get(0).getProductId());
        }
        BigDecimal pct = outKg.movePointRight(2).divide(inKg, 6, java.math.RoundingMode.HALF_EVEN);
        if (outKg.compareTo(inKg) > 0) {
          gains++;
          assertThat(pct).isBetween(new BigDecimal("101"), new BigDecimal("110"));
        } else {
          assertThat(pct).isBetween(new BigDecimal("85"), new BigDecimal("100"));
        }
      }
    }
    assertThat(transformations).isBetween(3_400L, 4_400L);
    assertThat(g.gains()).isEqualTo(gains);
    assertThat(gains).isBetween(30L, 150L); // 2 % of about 4,000
    assertThat(inputCounts.keySet()).containsExactlyInAnyOrder(1, 2);
    assertThat(byproducts).isBetween(transformations / 3, transformations * 2 / 3);
    assertThat(additives).isPositive();
    assertThat(g.yields()).isEqualTo(bands.size());
  }

  @Test
  void theTransformationsFileReadsBackThroughIngestAsTheSameTransformations(@TempDir Path dir)
      throws Exception {
    WorkloadConfig c = config(8, 3_000, 0.01, 0.2);
    Path file = dir.resolve("w.csv");
    write(c, file);
    List<Transformation> generated =
        all(c).stream()
            .filter(Transformation.class::isInstance)
            .map(Transformation.class::cast)
            .toList();
    CapturingProducers producers = new CapturingProducers();
    try (InputStream in =
        Files.newInputStream(CsvMovementSink.referenceFile(file, "transformations"))) {
      String report =
          new TransformationIngest(
                  producers,
                  new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                  java.time.Clock.systemUTC())
              .ingest(in, "transformations")
              .report();
      assertThat(report)
          .contains(generated.size() + " transformations sent")
          .contains("0 rows refused");
    }
    List<Transformation> read = producers.values();
    read.forEach(t -> t.setIngestedAt(null));
    assertThat(read).isEqualTo(generated);
    assertThat(producers.<Transformation>sent().get(0).key())
        .isEqualTo(MovementGenerator.key(generated.get(0)));
    CsvReadResult<Yield> yields;
    try (InputStream in = Files.newInputStream(CsvMovementSink.referenceFile(file, "yields"))) {
      yields = CsvFormats.yields().readAll(in);
    }
    assertThat(yields.refusals()).isEmpty();
    assertThat(yields.records())
        .isEqualTo(all(c).stream().filter(Yield.class::isInstance).toList());
  }

  @Test
  void aWorkloadWithTransformationsIsNotReadAsMovementsAlone() {
    MovementGenerator g = new MovementGenerator(config(1, 1_000, 0, 1));
    assertThatThrownBy(
            () -> {
              while (g.hasNext()) {
                g.next();
              }
            })
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nextRecord()");
    assertThatThrownBy(() -> config(1, 1, 0, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("transformation share must be within 0..1");
  }

  private static BigDecimal kg(TransformationItem item, Map<String, Product> products) {
    assertThat(item.getQuantity()).matches(QUANTITY);
    assertThat(new BigDecimal(item.getQuantity()).signum()).isPositive();
    assertThat(item.getUnit()).isEqualTo(products.get(item.getProductId()).getUnit());
    BigDecimal q = new BigDecimal(item.getQuantity());
    return "lb".equals(item.getUnit()) ? q.multiply(LB_KG) : q;
  }
}
