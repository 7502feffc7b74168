package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
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
      long bad = 0;
      long good = 0;
      long mutants = 0;
      long undecodable = 0;
      try (Producer<String, byte[]> raw = rawProducer(stack);
          ConfluentAvroSerializer<Movement> movements =
              new ConfluentAvroSerializer<>(Movement.class);
          ConfluentAvroSerializer<Product> products =
              new ConfluentAvroSerializer<>(Product.class)) {
        movements.configure(Map.of("schema.registry.url", stack.registryUrl()), false);
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
            EngineRunner.start(ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID))) {
          for (int n = 0; n < records; n++) {
            int roll = random.nextInt(100);
            if (roll < 50) {
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
              good++;
            } else if (roll < 75) {
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
              bad++;
            } else {
              String product = "P" + random.nextInt(PRODUCTS);
              Mutant mutant = mutant(n, product, random, movements);
              Fate fate = fateOf(mutant.bytes(), model);
              sent.add(
                  new Sent(
                      raw.send(
                          new ProducerRecord<>(
                              TopicDefaults.MOVEMENTS,
                              TopicDefaults.movementKey(MUTANT_SITE, product),
                              mutant.bytes())),
                      fate,
                      "mutant " + n + " (" + mutant.how() + ")"));
              mutants++;
              if (fate == Fate.REJECTED) {
                undecodable++;
              }
            }
          }
          raw.flush();
          ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
          assertThat(engine.state()).isEqualTo(KafkaStreams.State.RUNNING);

          for (Map.Entry<String, BigDecimal> e : expected.entrySet()) {
            String[] k = e.getKey().split("\\|");
            assertThat(engine.queries().balance(k[0], k[1]).orElseThrow().bookKg())
                .as(e.getKey())
                .isEqualByComparingTo(e.getValue());
          }
        }
      }
      List<ConsumerRecord<String, RejectedRecord>> rejected =
          ItSupport.readCommitted(
              stack, TopicDefaults.REJECTED, ItSupport.avro(stack, RejectedRecord.class));
      Map<String, RejectedRecord> byOffset = new HashMap<>();
      for (ConsumerRecord<String, RejectedRecord> r : rejected) {
        RejectedRecord v = r.value();
        assertThat(v.getReason()).as("reason of %s", v).isNotBlank();
        assertThat(v.getSourceTopic()).isEqualTo(TopicDefaults.MOVEMENTS);
        String at = v.getSourcePartition() + "@" + v.getSourceOffset();
        assertThat(byOffset.put(at, v)).as("one rejection per source record, " + at).isNull();
      }
      long mustReject = 0;
      for (Sent s : sent) {
        RecordMetadata md = s.metadata().get();
        String at = md.partition() + "@" + md.offset();
        RejectedRecord r = byOffset.remove(at);
        switch (s.fate()) {
          case ACCEPTED -> assertThat(r).as(s.what() + " at " + at + " is not rejected").isNull();
          case REJECTED -> {
            mustReject++;
            assertThat(r).as(s.what() + " at " + at + " is rejected").isNotNull();
          }
          case EITHER -> {}
        }
      }
      assertThat(byOffset).as("rejections with no source record sent").isEmpty();
      ReliabilitySupport.report(
          "FuzzReliabilitySuite",
          String.format(
              "fuzz: %d records (%d good, %d bad, %d mutants of which %d undecodable), seed %d:"
                  + " %d rejected with reasons, each matched to its source offset (%d had to"
                  + " be), %d books exact",
              records,
              good,
              bad,
              mutants,
              undecodable,
              seed,
              rejected.size(),
              mustReject,
              expected.size()));
    }
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
  private static Fate fateOf(byte[] framed, ContractModel model) {
    Movement decoded;
    try {
      BinaryDecoder d = DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null);
      decoded = new SpecificDatumReader<>(Movement.class).read(null, d);
      if (!d.isEnd()) {
        return Fate.REJECTED;
      }
    } catch (IOException | RuntimeException e) {
      return Fate.REJECTED;
    }
    ContractModel.Outcome outcome;
    try {
      outcome = model.apply(decoded);
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

  private static Producer<String, byte[]> rawProducer(LocalStack stack) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
