package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * Reliability, fuzzed input (issue 7, first part): good movements mixed with random bytes, unknown
 * magic bytes, unknown schema ids and schema-valid nonsense. The engine never stops, every bad
 * record is on the rejected topic with a reason, and the good ones are exact.
 *
 * <p>Kinds of bad input, in turn: random bytes, an unknown magic byte, an unknown schema id, a
 * negative SALE quantity, a non-numeric quantity, a 31-digit quantity, an unknown unit, an
 * impossible date, a 300,000-character id, a unicode site id, a date years ahead, an unknown type.
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
      long bad = 0;
      long good = 0;
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
            String site = "S" + random.nextInt(SITES);
            String product = "P" + random.nextInt(PRODUCTS);
            String key = TopicDefaults.movementKey(site, product);
            if (random.nextInt(100) < 60) {
              Movement m = good(n, site, product, random, expected);
              raw.send(
                  new ProducerRecord<>(
                      TopicDefaults.MOVEMENTS,
                      key,
                      movements.serialize(TopicDefaults.MOVEMENTS, m)));
              good++;
            } else {
              raw.send(
                  new ProducerRecord<>(
                      TopicDefaults.MOVEMENTS, key, bad(n, site, product, random, movements)));
              bad++;
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
      assertThat(rejected).hasSize((int) bad);
      assertThat(rejected)
          .allSatisfy(
              r -> {
                assertThat(r.value().getReason()).isNotBlank();
                assertThat(r.value().getSourceTopic()).isEqualTo(TopicDefaults.MOVEMENTS);
                assertThat(r.value().getOriginalValue()).isNotNull();
              });
      ReliabilitySupport.report(
          "FuzzReliabilitySuite",
          String.format(
              "fuzz: %d records (%d good, %d bad), seed %d: %d rejected with reasons, %d books"
                  + " exact",
              records, good, bad, seed, rejected.size(), expected.size()));
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

  private static Producer<String, byte[]> rawProducer(LocalStack stack) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
