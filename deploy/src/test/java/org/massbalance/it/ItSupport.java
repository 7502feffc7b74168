package org.massbalance.it;

import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.massbalance.engine.query.BalanceView;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.producers.ingest.IngestSummary;
import org.massbalance.producers.ingest.Ingester;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.serde.ConfluentAvroDeserializer;

/** Shared steps of the end-to-end integration tests: stack, engine, demo data, topic reads. */
final class ItSupport {

  static final Duration DEADLINE = Duration.ofSeconds(60);

  /** Demo files, in load order (reference data first), as the demo command loads them. */
  static final List<Map.Entry<Dataset<?>, String>> DEMO_FILES =
      List.of(
          Map.entry(Dataset.SITES, "sites.csv"),
          Map.entry(Dataset.SITES, "extra-sites.csv"),
          Map.entry(Dataset.PRODUCTS, "products.csv"),
          Map.entry(Dataset.PRODUCTS, "extra-products.csv"),
          Map.entry(Dataset.CERTIFICATES, "certificates.csv"),
          Map.entry(Dataset.MOVEMENTS, "almonds-2025-11.csv"),
          Map.entry(Dataset.MOVEMENTS, "extra-movements.csv"));

  private ItSupport() {}

  static LocalStack startStack(Path dataDir) {
    return LocalStack.builder().kafkaPort(0).registryPort(0).dataDir(dataDir).build().start();
  }

  static Properties engineSettings(LocalStack stack, Path stateDir, String applicationId) {
    Properties p = new Properties();
    p.put("bootstrap.servers", stack.bootstrapServers());
    p.put("schema.registry.url", stack.registryUrl());
    p.put("api.port", "0");
    p.put("api.host", "127.0.0.1");
    p.put("state.dir", stateDir.toString());
    p.put("application.id", applicationId);
    return p;
  }

  static Ingester ingester(LocalStack stack) {
    return new Ingester(
        new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of()),
        new PrintStream(PrintStream.nullOutputStream()),
        Clock.systemUTC());
  }

  /**
   * Loads the demo's reference data (sites, products, certificates), then starts the engine: its
   * global stores are restored before it processes anything, so no movement is judged against
   * reference data still on its way.
   */
  static EngineRunner startEngineWithDemoReference(LocalStack stack, Properties settings)
      throws Exception {
    ingestDemoFiles(stack, false);
    return EngineRunner.start(settings);
  }

  /** Ingests the demo's movement CSVs; returns the number of movements sent. */
  static long ingestDemo(LocalStack stack) throws Exception {
    return ingestDemoFiles(stack, true);
  }

  private static long ingestDemoFiles(LocalStack stack, boolean wantMovements) throws Exception {
    return ingestDemoFiles(stack, wantMovements, ItSupport::topicOf);
  }

  /**
   * Ingests the demo's reference CSVs ({@code wantMovements} false) or its movement CSVs (true) to
   * the topics {@code topics} names; returns the number of movements sent.
   */
  static long ingestDemoFiles(
      LocalStack stack,
      boolean wantMovements,
      java.util.function.Function<Dataset<?>, String> topics)
      throws Exception {
    Ingester ingester = ingester(stack);
    long movements = 0;
    for (Map.Entry<Dataset<?>, String> file : DEMO_FILES) {
      if ((file.getKey() == Dataset.MOVEMENTS) != wantMovements) {
        continue;
      }
      try (InputStream in = ItSupport.class.getResourceAsStream("/demo/" + file.getValue())) {
        if (in == null) {
          throw new IllegalStateException("demo file missing: " + file.getValue());
        }
        IngestSummary summary = ingester.ingest(file.getKey(), in, topics.apply(file.getKey()));
        if (summary.refusedCount() != 0) {
          throw new IllegalStateException(file.getValue() + " refused rows: " + summary);
        }
        if (file.getKey() == Dataset.MOVEMENTS) {
          movements += summary.sent();
        }
      }
    }
    return movements;
  }

  static String topicOf(Dataset<?> d) {
    return d.defaultTopic();
  }

  /** Movements applied by the engine, summed over its books; -1 while stores are not queryable. */
  static long applied(EngineRunner engine) {
    try {
      return engine.queries().balances().stream().mapToLong(BalanceView::movements).sum();
    } catch (RuntimeException notQueryable) {
      return -1;
    }
  }

  /** Waits until the engine's books have applied {@code movements} movements. */
  static void awaitApplied(EngineRunner engine, long movements) {
    await("engine applies " + movements + " movements")
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> applied(engine) >= movements);
  }

  /**
   * Waits until the engine's consumer group has committed, for every partition of {@code topic},
   * the topic's end offset. With exactly-once the offsets commit in the same transaction as the
   * outputs, so every output of those records is then committed.
   */
  static void awaitCommitted(LocalStack stack, String applicationId, String topic) {
    try (Admin admin = admin(stack)) {
      await("group " + applicationId + " commits the end of " + topic)
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> lag(admin, applicationId, topic) == 0);
    }
  }

  static long lag(Admin admin, String applicationId, String topic) throws Exception {
    int partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int i = 0; i < partitions; i++) {
      latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get();
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    long lag = 0;
    for (var e : ends.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      lag += e.getValue().offset() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  static Admin admin(LocalStack stack) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
  }

  static <T extends SpecificRecord> ConfluentAvroDeserializer<T> avro(
      LocalStack stack, Class<T> type) {
    ConfluentAvroDeserializer<T> d = new ConfluentAvroDeserializer<>(type);
    d.configure(Map.of("schema.registry.url", stack.registryUrl()), false);
    return d;
  }

  static <V> KafkaConsumer<String, V> consumer(LocalStack stack, Deserializer<V> values) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new StringDeserializer(), values);
  }

  /**
   * Reads every committed record of a topic, from the beginning up to its last stable offset at the
   * time of the call (read_committed), with a bounded poll.
   */
  static <V> List<ConsumerRecord<String, V>> readCommitted(
      LocalStack stack, String topic, Deserializer<V> values) {
    try (KafkaConsumer<String, V> consumer = consumer(stack, values)) {
      Set<TopicPartition> tps =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .collect(Collectors.toSet());
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
      List<ConsumerRecord<String, V>> out = new ArrayList<>();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("could not read " + topic + " up to " + ends);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
      return out;
    }
  }
}
