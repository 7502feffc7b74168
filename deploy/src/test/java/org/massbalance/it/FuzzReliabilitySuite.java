package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.serde.ConfluentAvroSerializer;
import org.massbalance.topics.TopicDefaults;

/**
 * Reliability, fuzzed input: good movements mixed with fixed kinds of bad input and with mutants of
 * valid Confluent-framed movements. The engine never stops; every record that must be rejected is
 * on the rejected topic with a reason, matched to its source partition and offset; no good record
 * is rejected; and the good ones are exact.
 *
 * <p>Fixed kinds of bad input, in turn: random bytes, an unknown magic byte, an unknown schema id,
 * a negative SALE quantity, a non-numeric quantity, a 31-digit quantity, an unknown unit, an
 * impossible date, a 300,000-character id, a unicode site id, a date years ahead, an unknown type.
 *
 * <p>Mutants keep a valid header and schema id, so the Avro decoder sees garbage behind them:
 * random byte flips, truncations, a huge length prefix, random bytes inserted. Their fate is
 * decided independently: a mutant that the plain Avro reader cannot decode to its end must be
 * rejected; one that decodes must be treated as {@link ContractModel} treats it (rejected with the
 * contract's reason, or applied). Mutants use a site of their own, which no mutation turns into a
 * good record's site, so the good books stay exact.
 *
 * <p>Not part of {@code ./mvnw verify}: {@code ./mvnw -B verify -pl deploy -am -Preliability
 * -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dfuzz.records=N}, default 100000;
 * {@code -Dfuzz.seed=S}).
 */
class FuzzReliabilitySuite {

  private static final String APP_ID = "massbalance-fuzz";
  private static final Duration CATCH_UP = Duration.ofMinutes(5);
  private static final int SITES = 20;
  private static final int PRODUCTS = 5;

  @TempDir Path tmp;

  @Test
  void badRecordsAreAllRejectedWithAReasonAndGoodOnesAreExact() throws Exception {
    int records = Integer.getInteger("fuzz.records", 100_000);
    long seed = Long.getLong("fuzz.seed", 20251125L);
    Random random = new Random(seed);
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"))) {
      Map<String, BigDecimal> expected = new HashMap<>();
      List<Sent> sent = new ArrayList<>();
      ContractModel model = new ContractModel(Map.of(), Map.of(), Map.of(), 1, Instant.now());
      // judges the fixed kinds of bad transformation alone (their ids would meet the mutants')
      ContractModel judge = new ContractModel(Map.of(), Map.of(), Map.of(), 1, Instant.now());
      Set<String> mutantOutputLots = new HashSet<>();
      Counts counts = new Counts();
      try (Producer<String, byte[]> raw = rawProducer(stack);
          ConfluentAvroSerializer<Movement> movements =
              new ConfluentAvroSerializer<>(Movement.class);
          ConfluentAvroSerializer<Transformation> transformations =
              new ConfluentAvroSerializer<>(Transformation.class);
          ConfluentAvroSerializer<Product> products =
              new ConfluentAvroSerializer<>(Product.class)) {
        movements.configure(Map.of("schema.registry.url", stack.registryUrl()), false);
        transformations.configure(Map.of("schema.registry.url", stack.registryUrl()), false);
        products.configure(Map.of("schema.registry.url", stack.registryUrl()), false);
        for (int p = 0; p < PRODUCTS; p++) {
          String id = "P" + p;
          Product product =
              Product.newBuilder().setProductId(id).setUnit("kg").setOrganic(false).build();
          raw.send(
              new ProducerRecord<>(
                  TopicDefaults.PRODUCTS, id, products.serialize(TopicDefaults.PRODUCTS, product)));
        }
        raw.flush();
        try (EngineRunner engine =
                EngineRunner.start(ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID));
            Admin admin = ItSupport.admin(stack)) {
          for (int n = 0; n < records; n++) {
            int roll = random.nextInt(100);
            if (roll < 40) {
              String site = "S" + random.nextInt(SITES);
              String product = "P" + random.nextInt(PRODUCTS);
              Movement m = good(n, site, product, random, expected);
              sent.add(
                  new Sent(
                      raw.send(
                          new ProducerRecord<>(
                              TopicDefaults.MOVEMENTS,
                              TopicDefaults.movementKey(site, product),
                              movements.serialize(TopicDefaults.MOVEMENTS, m))),
                      Fate.ACCEPTED,
                      "good " + n));
              counts.good++;
            } else if (roll < 50) {
              String site = "S" + random.nextInt(SITES);
              Transformation t = goodTransformation(n, site, random, expected);
              sent.add(
                  new Sent(
                      raw.send(
                          new ProducerRecord<>(
                              TopicDefaults.TRANSFORMATIONS,
                              site + TopicDefaults.KEY_SEPARATOR + t.getTransformationId(),
                              transformations.serialize(TopicDefaults.TRANSFORMATIONS, t))),
                      Fate.ACCEPTED,
                      "good transformation " + n));
              counts.goodTransformations++;
            } else if (roll < 68) {
              String site = "S" + random.nextInt(SITES);
              String product = "P" + random.nextInt(PRODUCTS);
              sent.add(
                  new Sent(
                      raw.send(
                          new ProducerRecord<>(
                              TopicDefaults.MOVEMENTS,
                              TopicDefaults.movementKey(site, product),
                              bad(n, site, product, random, movements))),
                      Fate.REJECTED,
                      "bad kind " + (n % 12)));
              counts.bad++;
            } else if (roll < 75) {
              String site = "S" + random.nextInt(SITES);
              int kind = (int) (counts.badTransformations++ % BAD_TRANSFORMATION_KINDS);
              byte[] value = badTransformation(n, kind, site, random, transformations, judge);
              sent.add(
                  new Sent(
                      raw.send(
                          new ProducerRecord<>(
                              TopicDefaults.TRANSFORMATIONS,
                              site + TopicDefaults.KEY_SEPARATOR + "bt-" + n,
                              value)),
                      Fate.REJECTED,
                      "bad transformation kind " + kind));
            } else if (roll < 93) {
              String product = "P" + random.nextInt(PRODUCTS);
              Mutant mutant = mutant(n, product, random, movements);
              StringBuilder why = new StringBuilder();
              Fate fate = fateOf(mutant.bytes(), model, why);
              sent.add(
                  new Sent(
                      raw.send(
                          new ProducerRecord<>(
                              TopicDefaults.MOVEMENTS,
                              TopicDefaults.movementKey(MUTANT_SITE, product),
                              mutant.bytes())),
                      fate,
                      "mutant " + n + " (" + mutant.how() + "; " + why + ")"));
              counts.mutants++;
              if (fate == Fate.REJECTED) {
                counts.undecodable++;
              }
            } else {
              Mutant mutant;
              Fate fate;
              StringBuilder why = new StringBuilder();
              do {
                mutant = transformationMutant(n, random, transformations);
                why.setLength(0);
                fate = fateOfTransformation(mutant.bytes(), model, mutantOutputLots, why);
              } while (fate == null);
              sent.add(
                  new Sent(
                      raw.send(
                          new ProducerRecord<>(
                              TopicDefaults.TRANSFORMATIONS,
                              MUTANT_PROCESSING_SITE + TopicDefaults.KEY_SEPARATOR + "mt-" + n,
                              mutant.bytes())),
                      fate,
                      "transformation mutant " + n + " (" + mutant.how() + "; " + why + ")"));
              counts.transformationMutants++;
              if (fate == Fate.REJECTED) {
                counts.undecodableTransformations++;
              }
            }
          }
          raw.flush();
          // every input committed, a transformation's movements too (through the engine's own
          // topics); the machine may be shared, so the deadline is the crash loop's
          await("the group caught up on every topic it reads")
              .atMost(CATCH_UP)
              .pollInterval(Duration.ofMillis(200))
              .until(() -> ReliabilitySupport.lag(admin, APP_ID) == 0);
          assertThat(engine.state()).isEqualTo(KafkaStreams.State.RUNNING);

          await("every good book exact")
              .atMost(ItSupport.DEADLINE)
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(
                  () -> {
                    for (Map.Entry<String, BigDecimal> e : expected.entrySet()) {
                      String[] k = e.getKey().split("\\|");
                      assertThat(engine.queries().balance(k[0], k[1]).orElseThrow().bookKg())
                          .as(e.getKey())
                          .isEqualByComparingTo(e.getValue());
                    }
                  });
        }
      }
      List<ConsumerRecord<String, RejectedRecord>> rejected =
          ItSupport.readCommitted(
              stack, TopicDefaults.REJECTED, ItSupport.avro(stack, RejectedRecord.class));
      Map<String, RejectedRecord> byOffset = new HashMap<>();
      Map<String, Integer> byTopic = new TreeMap<>();
      for (ConsumerRecord<String, RejectedRecord> r : rejected) {
        RejectedRecord v = r.value();
        assertThat(v.getReason()).as("reason of %s", v).isNotBlank();
        assertThat(v.getSourceTopic()).isIn(TopicDefaults.MOVEMENTS, TopicDefaults.TRANSFORMATIONS);
        byTopic.merge(v.getSourceTopic(), 1, Integer::sum);
        String at = v.getSourceTopic() + "/" + v.getSourcePartition() + "@" + v.getSourceOffset();
        assertThat(byOffset.put(at, v)).as("one rejection per source record, " + at).isNull();
      }
      long mustReject = 0;
      List<String> wrong = new ArrayList<>();
      for (Sent s : sent) {
        RecordMetadata md = s.metadata().get();
        String at = md.topic() + "/" + md.partition() + "@" + md.offset();
        RejectedRecord r = byOffset.remove(at);
        switch (s.fate()) {
          case ACCEPTED -> {
            if (r != null) {
              wrong.add(s.what() + " at " + at + " must not be rejected: " + r.getReason());
            }
          }
          case REJECTED -> {
            mustReject++;
            if (r == null) {
              wrong.add(s.what() + " at " + at + " must be rejected");
            }
          }
          case EITHER -> {}
        }
      }
      String figures =
          String.format(
              "fuzz: %d records, seed %d: movements %d good, %d bad, %d mutants of which %d"
                  + " undecodable; transformations %d good, %d bad, %d mutants of which %d"
                  + " undecodable%n"
                  + "%d rejected with reasons %s, each matched to its source offset (%d had to"
                  + " be), %d books exact; %d records judged otherwise by the engine%s",
              records,
              seed,
              counts.good,
              counts.bad,
              counts.mutants,
              counts.undecodable,
              counts.goodTransformations,
              counts.badTransformations,
              counts.transformationMutants,
              counts.undecodableTransformations,
              rejected.size(),
              byTopic,
              mustReject,
              expected.size(),
              wrong.size(),
              wrong.isEmpty()
                  ? ""
                  : ":\n  " + String.join("\n  ", wrong.subList(0, Math.min(40, wrong.size()))));
      ReliabilitySupport.report("FuzzReliabilitySuite", figures);
      assertThat(wrong).as("records the engine judged otherwise").isEmpty();
      assertThat(byOffset).as("rejections with no source record sent").isEmpty();
    }
  }

  /** What was sent, by kind. */
  private static final class Counts {
    long good;
    long bad;
    long mutants;
    long undecodable;
    long goodTransformations;
    long badTransformations;
    long transformationMutants;
    long undecodableTransformations;
  }

  /** A valid receipt or sale with a unique id; its effect is added to {@code expected}. */
  private static Movement good(
      int n, String site, String product, Random random, Map<String, BigDecimal> expected) {
    boolean receipt = random.nextInt(3) > 0;
    BigDecimal q = BigDecimal.valueOf(1 + random.nextInt(100_000), 3);
    expected.merge(site + "|" + product, receipt ? q : q.negate(), BigDecimal::add);
    return Movement.newBuilder()
        .setMovementId("g-" + n)
        .setType(receipt ? "RECEIPT" : "SALE")
        .setOccurredAt("2025-06-01T00:00:00Z")
        .setSiteId(site)
        .setProductId(product)
        .setQuantity(q.toPlainString())
        .setUnit("kg")
        .build();
  }

  /** One of the kinds of bad input, in turn. */
  private static byte[] bad(
      int n,
      String site,
      String product,
      Random random,
      ConfluentAvroSerializer<Movement> movements) {
    Movement.Builder m =
        Movement.newBuilder()
            .setMovementId("b-" + n)
            .setType("SALE")
            .setOccurredAt("2025-06-01T00:00:00Z")
            .setSiteId(site)
            .setProductId(product)
            .setQuantity("1")
            .setUnit("kg");
    byte[] framed;
    switch (n % 12) {
      case 0 -> {
        byte[] b = new byte[random.nextInt(200)];
        random.nextBytes(b);
        if (b.length > 0 && b[0] == 0) {
          b[0] = 0x7f;
        }
        return b;
      }
      case 1 -> {
        framed = movements.serialize(TopicDefaults.MOVEMENTS, m.build());
        framed[0] = 0x01;
        return framed;
      }
      case 2 -> {
        framed = movements.serialize(TopicDefaults.MOVEMENTS, m.build());
        ByteBuffer.wrap(framed).putInt(1, 987_654);
        return framed;
      }
      case 3 -> m.setQuantity("-5");
      case 4 -> m.setQuantity("abc");
      case 5 -> m.setQuantity("1" + "0".repeat(30));
      case 6 -> m.setUnit("lbs");
      case 7 -> m.setOccurredAt("2025-13-45");
      case 8 -> m.setMovementId("x".repeat(300_000));
      case 9 ->
          m.setSiteId(
              new String(
                  "Z\u00fcrich\u2603".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
      case 10 -> m.setOccurredAt("2030-01-01");
      default -> m.setType("TELEPORT");
    }
    return movements.serialize(TopicDefaults.MOVEMENTS, m.build());
  }

  /** The site of the mutants: no mutation of it is a good record's site {@code S<n>}. */
  private static final String MUTANT_SITE = "MUTANT-SITE";

  /** What must become of a record sent. */
  private enum Fate {
    ACCEPTED,
    REJECTED,
    /** Decided by arrival order (a conflicting duplicate among mutants): either is right. */
    EITHER
  }

  private record Sent(Future<RecordMetadata> metadata, Fate fate, String what) {}

  private record Mutant(byte[] bytes, String how) {}

  /**
   * A valid framed movement of {@link #MUTANT_SITE}, then mutated behind its header and schema id:
   * byte flips, a truncation, a huge length prefix for the movement id, or inserted random bytes.
   */
  private static Mutant mutant(
      int n, String product, Random random, ConfluentAvroSerializer<Movement> movements) {
    Movement m =
        Movement.newBuilder()
            .setMovementId("mutant-" + n)
            .setType(random.nextBoolean() ? "RECEIPT" : "SALE")
            .setOccurredAt("2025-06-01T00:00:00Z")
            .setSiteId(MUTANT_SITE)
            .setProductId(product)
            .setQuantity(BigDecimal.valueOf(1 + random.nextInt(100_000), 3).toPlainString())
            .setUnit("kg")
            .setDocumentRef("doc-" + n)
            .build();
    byte[] framed = movements.serialize(TopicDefaults.MOVEMENTS, m);
    int header = 5;
    switch (random.nextInt(4)) {
      case 0 -> {
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
          framed[header + random.nextInt(framed.length - header)] = (byte) random.nextInt(256);
        }
        return new Mutant(framed, flips + " byte flips");
      }
      case 1 -> {
        int length = header + random.nextInt(framed.length - header);
        return new Mutant(Arrays.copyOf(framed, length), "truncated to " + length + " bytes");
      }
      case 2 -> {
        // Body: union index of movement_id (1 byte), its length (1 byte), its bytes, ...
        long huge = random.nextBoolean() ? Integer.MAX_VALUE : 1L << (40 + random.nextInt(20));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(framed, 0, header + 1);
        try {
          BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
          e.writeLong(huge);
          e.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        out.write(framed, header + 2, framed.length - header - 2);
        return new Mutant(out.toByteArray(), "length prefix " + huge);
      }
      default -> {
        byte[] inserted = new byte[1 + random.nextInt(16)];
        random.nextBytes(inserted);
        int at = header + random.nextInt(framed.length - header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(framed, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(framed, at, framed.length - at);
        return new Mutant(out.toByteArray(), inserted.length + " bytes inserted at " + at);
      }
    }
  }

  /**
   * What must become of a mutant, decided without the engine: the plain Avro reader (writer schema
   * = the registered Movement schema) must decode it to its last byte, and then the contract's
   * rules, as {@link ContractModel} applies them, decide.
   */
  private static Fate fateOf(byte[] framed, ContractModel model, StringBuilder why) {
    Movement decoded;
    try {
      BinaryDecoder d = DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null);
      decoded = new SpecificDatumReader<>(Movement.class).read(null, d);
      if (!d.isEnd()) {
        why.append("bytes left after ").append(decoded);
        return Fate.REJECTED;
      }
    } catch (IOException | RuntimeException e) {
      why.append("undecodable: ").append(e);
      return Fate.REJECTED;
    }
    ContractModel.Outcome outcome;
    why.append(decoded);
    try {
      outcome = model.apply(decoded);
      why.append(": ").append(outcome);
    } catch (IllegalStateException outOfOrder) {
      // The model follows in-order input only; a mutated date made this one late. It passed the
      // contract's rules and de-duplication before that: the engine applies it (LATE_MOVEMENT).
      return Fate.ACCEPTED;
    }
    if (outcome.kind() != ContractModel.Outcome.Kind.REJECTED) {
      return Fate.ACCEPTED;
    }
    return outcome.reason().equals("conflicting duplicate")
            || outcome.reason().equals("lot_id already received")
        ? Fate.EITHER
        : Fate.REJECTED;
  }

  // ------------------------------------------------------------------ transformations

  /** The site of the transformation mutants: none of its mutations is a good record's site. */
  private static final String MUTANT_PROCESSING_SITE = "MUTANT-PROCESSING";

  private static final int BAD_TRANSFORMATION_KINDS = 26;

  private static TransformationItem item(String product, String quantity, String role) {
    TransformationItem i = new TransformationItem();
    i.setProductId(product);
    i.setQuantity(quantity);
    i.setUnit("kg");
    i.setRole(role);
    return i;
  }

  /**
   * A valid transformation with a unique id at a good site: one or two inputs of some products, one
   * or two outputs of others; what it draws and makes is added to {@code expected}.
   */
  private static Transformation goodTransformation(
      int n, String site, Random random, Map<String, BigDecimal> expected) {
    List<Integer> products = new ArrayList<>();
    for (int p = 0; p < PRODUCTS; p++) {
      products.add(p);
    }
    java.util.Collections.shuffle(products, random);
    int ins = 1 + random.nextInt(2);
    int outs = 1 + random.nextInt(2);
    List<TransformationItem> inputs = new ArrayList<>();
    List<TransformationItem> outputs = new ArrayList<>();
    for (int i = 0; i < ins + outs; i++) {
      String product = "P" + products.get(i);
      BigDecimal q = BigDecimal.valueOf(1 + random.nextInt(20_000), 3);
      if (i < ins) {
        inputs.add(item(product, q.toPlainString(), null));
        expected.merge(site + "|" + product, q.negate(), BigDecimal::add);
      } else {
        String role = i == ins ? (random.nextBoolean() ? "MAIN" : null) : "BYPRODUCT";
        outputs.add(item(product, q.toPlainString(), role));
        expected.merge(site + "|" + product, q, BigDecimal::add);
      }
    }
    Transformation t = new Transformation();
    t.setTransformationId("gt-" + n);
    t.setSiteId(site);
    t.setOccurredAt("2025-06-01T00:00:00Z");
    t.setDocumentRef("batch-" + n);
    t.setInputs(inputs);
    t.setOutputs(outputs);
    return t;
  }

  /**
   * One of the kinds of bad transformation (each rule of the contract's Processing section, and
   * records that cannot be read), at a good site: it must be rejected, so no book changes. The
   * model must reject the decodable ones too.
   */
  private static byte[] badTransformation(
      int n,
      int kind,
      String site,
      Random random,
      ConfluentAvroSerializer<Transformation> serializer,
      ContractModel judge) {
    TransformationItem in = item("P0", "5", null);
    TransformationItem out = item("P1", "4", "MAIN");
    Transformation t = new Transformation();
    t.setTransformationId("bt-" + n);
    t.setSiteId(site);
    t.setOccurredAt("2025-06-01T00:00:00Z");
    t.setInputs(new ArrayList<>(List.of(in)));
    t.setOutputs(new ArrayList<>(List.of(out)));
    switch (kind) {
      case 0 -> {
        byte[] b = new byte[random.nextInt(200)];
        random.nextBytes(b);
        if (b.length > 0 && b[0] == 0) {
          b[0] = 0x7f;
        }
        return b;
      }
      case 1 -> {
        byte[] framed = serializer.serialize(TopicDefaults.TRANSFORMATIONS, t);
        framed[0] = 0x01;
        return framed;
      }
      case 2 -> {
        byte[] framed = serializer.serialize(TopicDefaults.TRANSFORMATIONS, t);
        ByteBuffer.wrap(framed).putInt(1, 987_654);
        return framed;
      }
      case 3 -> t.setTransformationId(null);
      case 4 -> t.setTransformationId("bt-" + n + "-" + "x".repeat(56 - ("bt-" + n).length()));
      case 5 -> t.setTransformationId("bt " + n);
      case 6 ->
          t.setSiteId(
              new String(
                  "Z\u00fcrich\u2603".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
      case 7 -> t.setOccurredAt("2025-13-45");
      case 8 -> t.setOccurredAt("2030-01-01");
      case 9 -> t.setInputs(new ArrayList<>());
      case 10 -> t.setOutputs(new ArrayList<>());
      case 11 -> {
        List<TransformationItem> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
          many.add(item("P0", "0.01", null));
        }
        t.setInputs(many);
      }
      case 12 -> in.setQuantity("-5");
      case 13 -> in.setQuantity("0");
      case 14 -> in.setQuantity("abc");
      case 15 -> out.setQuantity("1.1234567");
      case 16 -> in.setUnit("lbs");
      case 17 -> in.setProductId("bad id");
      case 18 -> in.setLotId("lot/1");
      case 19 -> in.setRole("MAIN");
      case 20 -> out.setRole("SIDE");
      case 21 -> out.setProductId("P0");
      case 22 -> out.setQuantity(null);
      case 23 -> {
        // larger than any valid transformation needs, and every lot id too long
        List<TransformationItem> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
          TransformationItem big = item("P1", "1", null);
          big.setLotId("L".repeat(1_300));
          many.add(big);
        }
        t.setOutputs(many);
      }
      case 24 -> t.setSiteId(null);
      default -> out.setUnit(null);
    }
    assertThat(judge.admitTransformation(t).kind())
        .as("the model rejects bad transformation kind %d", kind)
        .isEqualTo(ContractModel.Outcome.Kind.REJECTED);
    return serializer.serialize(TopicDefaults.TRANSFORMATIONS, t);
  }

  /**
   * A valid framed transformation of {@link #MUTANT_PROCESSING_SITE}, mutated behind its header and
   * schema id: byte flips, a truncation, a huge length prefix for its id, inserted random bytes, or
   * the inputs' item count replaced by a huge or negative one.
   */
  private static Mutant transformationMutant(
      int n, Random random, ConfluentAvroSerializer<Transformation> serializer) {
    List<Integer> products = new ArrayList<>();
    for (int p = 0; p < PRODUCTS; p++) {
      products.add(p);
    }
    java.util.Collections.shuffle(products, random);
    List<TransformationItem> inputs = new ArrayList<>();
    List<TransformationItem> outputs = new ArrayList<>();
    int ins = 1 + random.nextInt(2);
    int outs = 1 + random.nextInt(2);
    for (int i = 0; i < ins + outs; i++) {
      String q = BigDecimal.valueOf(1 + random.nextInt(100_000), 3).toPlainString();
      if (i < ins) {
        inputs.add(item("P" + products.get(i), q, null));
      } else {
        outputs.add(item("P" + products.get(i), q, random.nextBoolean() ? "MAIN" : "BYPRODUCT"));
      }
    }
    Transformation t = new Transformation();
    t.setTransformationId("mt-" + n);
    t.setSiteId(MUTANT_PROCESSING_SITE);
    t.setOccurredAt("2025-06-01T00:00:00Z");
    t.setDocumentRef("doc-" + n);
    t.setInputs(inputs);
    t.setOutputs(outputs);
    byte[] framed = serializer.serialize(TopicDefaults.TRANSFORMATIONS, t);
    int header = 5;
    switch (random.nextInt(5)) {
      case 0 -> {
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
          framed[header + random.nextInt(framed.length - header)] = (byte) random.nextInt(256);
        }
        return new Mutant(framed, flips + " byte flips");
      }
      case 1 -> {
        int length = header + random.nextInt(framed.length - header);
        return new Mutant(Arrays.copyOf(framed, length), "truncated to " + length + " bytes");
      }
      case 2 -> {
        // Body: union index of transformation_id (1 byte), its length (1 byte), its bytes, ...
        long huge = random.nextBoolean() ? Integer.MAX_VALUE : 1L << (40 + random.nextInt(20));
        return new Mutant(replaceLong(framed, header + 1, 1, huge), "length prefix " + huge);
      }
      case 3 -> {
        byte[] inserted = new byte[1 + random.nextInt(16)];
        random.nextBytes(inserted);
        int at = header + random.nextInt(framed.length - header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(framed, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(framed, at, framed.length - at);
        return new Mutant(out.toByteArray(), inserted.length + " bytes inserted at " + at);
      }
      default -> {
        // the inputs' block count follows the four nullable strings: find where it starts
        Transformation head = new Transformation();
        head.setTransformationId(t.getTransformationId());
        head.setSiteId(t.getSiteId());
        head.setOccurredAt(t.getOccurredAt());
        head.setDocumentRef(t.getDocumentRef());
        head.setInputs(List.of());
        head.setOutputs(List.of());
        int at = serializer.serialize(TopicDefaults.TRANSFORMATIONS, head).length - 3;
        long count =
            switch (random.nextInt(3)) {
              case 0 -> Integer.MAX_VALUE;
              case 1 -> 1L << (24 + random.nextInt(30));
              default -> -(1L + random.nextInt(1_000_000));
            };
        return new Mutant(replaceLong(framed, at, 1, count), "inputs item count " + count);
      }
    }
  }

  /**
   * {@code framed} with the {@code length} bytes at {@code at} replaced by {@code value} (zigzag).
   */
  private static byte[] replaceLong(byte[] framed, int at, int length, long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(framed, 0, at);
    try {
      BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
      e.writeLong(value);
      e.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write(framed, at + length, framed.length - at - length);
    return out.toByteArray();
  }

  /**
   * What must become of a transformation mutant, decided without the engine: the plain Avro reader
   * must decode it to its last byte, and then the contract's rules and de-duplication, as {@link
   * ContractModel} applies them, decide. A conflicting duplicate may go either way (arrival order
   * decides), and so may a transformation whose output names a lot an earlier mutant's output named
   * at the same site and product (the engine rejects that output: {@code lot_id already received}).
   * Null when the decoded mutant would touch a good site (then another is made).
   */
  private static Fate fateOfTransformation(
      byte[] framed, ContractModel model, Set<String> outputLots, StringBuilder why) {
    Transformation decoded;
    try {
      BinaryDecoder d = DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null);
      decoded = new SpecificDatumReader<>(Transformation.class).read(null, d);
      if (!d.isEnd()) {
        why.append("bytes left after ").append(decoded);
        return Fate.REJECTED;
      }
    } catch (IOException | RuntimeException e) {
      why.append("undecodable: ").append(e);
      return Fate.REJECTED;
    }
    why.append(decoded);
    String site = ContractModel.clean(decoded.getSiteId());
    if (site != null && site.matches("S[0-9]+")) {
      return null;
    }
    ContractModel.Outcome outcome = model.admitTransformation(decoded);
    why.append(": ").append(outcome);
    if (outcome.kind() == ContractModel.Outcome.Kind.REJECTED) {
      return outcome.reason().contains("conflicting duplicate") ? Fate.EITHER : Fate.REJECTED;
    }
    if (outcome.kind() == ContractModel.Outcome.Kind.DUPLICATE) {
      return Fate.ACCEPTED;
    }
    boolean clash = false;
    for (TransformationItem o : decoded.getOutputs()) {
      String lot = ContractModel.clean(o.getLotId());
      if (lot != null
          && !outputLots.add(site + "|" + ContractModel.clean(o.getProductId()) + "|" + lot)) {
        clash = true;
      }
    }
    return clash ? Fate.EITHER : Fate.ACCEPTED;
  }

  private static Producer<String, byte[]> rawProducer(LocalStack stack) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
