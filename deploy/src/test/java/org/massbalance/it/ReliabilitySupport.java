package org.massbalance.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.SignOff;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.Yield;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.topics.TopicDefaults;

/** Steps shared by the reliability suites. */
final class ReliabilitySupport {

  /** The engine's transfers topic (its default name). */
  static final String TRANSFERS = "mass-balance-transfers";

  private ReliabilitySupport() {}

  /**
   * The engine's settings for the suites: stable application id and state directory; months close
   * by stream time only (the wall-clock close after 30 s idle would close the last month at a time
   * that depends on the run); a crashed member leaves the group after 6 s instead of 45.
   */
  static Properties engineSettings(LocalStack stack, Path stateDir, String applicationId) {
    Properties p = new Properties();
    p.put("bootstrap.servers", stack.bootstrapServers());
    p.put("schema.registry.url", stack.registryUrl());
    p.put("state.dir", stateDir.toString());
    p.put("application.id", applicationId);
    p.put("api.host", "127.0.0.1");
    p.put("period.idle.close.ms", String.valueOf(Duration.ofDays(1).toMillis()));
    p.put("session.timeout.ms", "6000");
    p.put("heartbeat.interval.ms", "1500");
    return p;
  }

  static KafkaProducerFactory producers(LocalStack stack) {
    return new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of());
  }

  /**
   * Writes the workload's sites, products, certificates and yield bands (before the engine starts).
   */
  static void loadReference(LocalStack stack) throws Exception {
    KafkaProducerFactory f = producers(stack);
    try (Producer<String, Site> sites = f.create(Site.class);
        Producer<String, Product> products = f.create(Product.class);
        Producer<String, SupplierCertificate> certificates = f.create(SupplierCertificate.class);
        Producer<String, Yield> yields = f.create(Yield.class);
        Producer<String, ImportCertificate> imports = f.create(ImportCertificate.class)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (Site s : ReliabilityWorkload.SITES.values()) {
        acks.add(sites.send(new ProducerRecord<>(TopicDefaults.SITES, s.getSiteId(), s)));
      }
      for (Product p : ReliabilityWorkload.PRODUCTS.values()) {
        acks.add(products.send(new ProducerRecord<>(TopicDefaults.PRODUCTS, p.getProductId(), p)));
      }
      for (SupplierCertificate c : ReliabilityWorkload.CERTIFICATES) {
        acks.add(
            certificates.send(new ProducerRecord<>(TopicDefaults.CERTIFICATES, c.getNopId(), c)));
      }
      for (Map.Entry<String, ImportCertificate> c :
          ReliabilityWorkload.IMPORT_CERTIFICATES.entrySet()) {
        acks.add(
            imports.send(
                new ProducerRecord<>(TopicDefaults.IMPORT_CERTIFICATES, c.getKey(), c.getValue())));
      }
      for (Map.Entry<String, Yield> y : ReliabilityWorkload.YIELDS.entrySet()) {
        acks.add(yields.send(new ProducerRecord<>(TopicDefaults.YIELDS, y.getKey(), y.getValue())));
      }
      for (Future<RecordMetadata> a : acks) {
        a.get();
      }
    }
  }

  /** The workload's producers: movements to their topic, transformations to theirs. */
  record Producers(
      Producer<String, Movement> movements,
      Producer<String, Transformation> transformations,
      Producer<String, SignOff> signOffs)
      implements AutoCloseable {

    static Producers of(LocalStack stack) {
      KafkaProducerFactory f = producers(stack);
      return new Producers(
          f.create(Movement.class), f.create(Transformation.class), f.create(SignOff.class));
    }

    @Override
    public void close() {
      movements.close();
      transformations.close();
      signOffs.close();
    }
  }

  /**
   * Sends the workload's sign-offs of one quiet point (the group has processed everything sent
   * before) and waits until the group has processed them too, so that they come before the records
   * sent next, as the model has them. Returns how many were sent.
   */
  static int sendSignOffs(
      Producers producers,
      List<ReliabilityWorkload.Sent> signOffs,
      Admin admin,
      String applicationId,
      EngineProcess engine,
      Duration deadline)
      throws Exception {
    if (signOffs.isEmpty()) {
      return 0;
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (ReliabilityWorkload.Sent s : signOffs) {
      if (s.signOff() != null) {
        acks.add(
            producers
                .signOffs()
                .send(new ProducerRecord<>(TopicDefaults.SIGNOFFS, s.key(), s.signOff())));
      } else {
        acks.add(
            producers
                .movements()
                .send(new ProducerRecord<>(TopicDefaults.MOVEMENTS, s.key(), s.movement())));
      }
    }
    producers.signOffs().flush();
    producers.movements().flush();
    for (Future<RecordMetadata> a : acks) {
      a.get();
    }
    awaitCaughtUp(admin, applicationId, engine, deadline);
    return signOffs.size();
  }

  /** Sends records in order and waits until every one is acknowledged. */
  static void send(Producers producers, List<ReliabilityWorkload.Sent> records) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (ReliabilityWorkload.Sent s : records) {
      if (s.transformation() != null) {
        acks.add(
            producers
                .transformations()
                .send(
                    new ProducerRecord<>(
                        TopicDefaults.TRANSFORMATIONS, s.key(), s.transformation())));
      } else {
        acks.add(
            producers
                .movements()
                .send(new ProducerRecord<>(TopicDefaults.MOVEMENTS, s.key(), s.movement())));
      }
    }
    producers.movements().flush();
    producers.transformations().flush();
    for (Future<RecordMetadata> a : acks) {
      a.get();
    }
  }

  static int partitions(LocalStack stack) throws Exception {
    try (Admin admin = ItSupport.admin(stack)) {
      return admin
          .describeTopics(List.of(TopicDefaults.MOVEMENTS))
          .allTopicNames()
          .get()
          .get(TopicDefaults.MOVEMENTS)
          .partitions()
          .size();
    }
  }

  /**
   * Records of the movements and transformations topics, and of every other topic the group reads
   * (transfers, repartition topics), not yet committed by the group: 0 means every input record has
   * been processed and its outputs committed.
   */
  static long lag(Admin admin, String applicationId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (String topic :
        List.of(TopicDefaults.MOVEMENTS, TopicDefaults.TRANSFORMATIONS, TopicDefaults.SIGNOFFS)) {
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      for (int i = 0; i < partitions; i++) {
        latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
    }
    for (TopicPartition tp : committed.keySet()) {
      latest.put(tp, OffsetSpec.latest());
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get();
    long lag = 0;
    for (var e : ends.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
    }
    return lag;
  }

  /** Offsets of the movements topic the group has committed, summed over its partitions. */
  static long committed(Admin admin, String applicationId) throws Exception {
    return admin
        .listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata()
        .get()
        .entrySet()
        .stream()
        .filter(e -> e.getKey().topic().equals(TopicDefaults.MOVEMENTS) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  /** Lag per topic, for messages. */
  static Map<String, Long> lagByTopic(Admin admin, String applicationId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (TopicPartition tp : committed.keySet()) {
      latest.put(tp, OffsetSpec.latest());
    }
    Map<String, Long> out = new java.util.TreeMap<>();
    admin
        .listOffsets(latest)
        .all()
        .get()
        .forEach(
            (tp, end) ->
                out.merge(tp.topic(), end.offset() - committed.get(tp).offset(), Long::sum));
    return out;
  }

  /** How long a (re)started engine took to be ready (RUNNING) and to catch up. */
  record Recovery(Duration ready, Duration caughtUp) {}

  /**
   * Waits (polling, with a deadline) until the group has committed the end of its input; fails
   * early when the engine process died. Returns the time it took, and the time until the engine
   * first answered {@code /health/ready} with 200 (RUNNING).
   */
  static Recovery awaitCaughtUp(
      Admin admin, String applicationId, EngineProcess engine, Duration deadline) throws Exception {
    Instant start = Instant.now();
    Instant limit = start.plus(deadline);
    Duration ready = null;
    while (true) {
      if (engine != null && !engine.isAlive()) {
        throw new AssertionError(
            "the engine process exited (" + engine.exitCode() + "):\n" + engine.tail(60));
      }
      if (ready == null && (engine == null || engine.status("/health/ready") == 200)) {
        ready = Duration.between(start, Instant.now());
      }
      long lag;
      try {
        lag = lag(admin, applicationId);
      } catch (Exception e) {
        lag = -1;
      }
      if (lag == 0 && ready != null) {
        return new Recovery(ready, Duration.between(start, Instant.now()));
      }
      if (Instant.now().isAfter(limit)) {
        throw new AssertionError(
            "not caught up after "
                + deadline
                + ": lag "
                + lagByTopic(admin, applicationId)
                + (engine == null ? "" : "\n" + engine.tail(60)));
      }
      Thread.sleep(100);
    }
  }

  /** Polls {@code condition} until it holds or {@code deadline} passes. */
  static boolean poll(BooleanSupplier condition, Duration deadline) throws InterruptedException {
    Instant limit = Instant.now().plus(deadline);
    while (Instant.now().isBefore(limit)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  /** "min 1.2 s, median 3.4 s, max 5.6 s" of some durations. */
  static String summary(List<Duration> durations) {
    if (durations.isEmpty()) {
      return "none";
    }
    List<Long> ms = durations.stream().map(Duration::toMillis).sorted().toList();
    long median =
        ms.size() % 2 == 1
            ? ms.get(ms.size() / 2)
            : (ms.get(ms.size() / 2 - 1) + ms.get(ms.size() / 2)) / 2;
    return String.format(
        "min %.1f s, median %.1f s, max %.1f s",
        ms.get(0) / 1000.0, median / 1000.0, ms.get(ms.size() - 1) / 1000.0);
  }

  /**
   * Prints a suite's figures and keeps them in {@code target/reliability/<suite>.txt} (for
   * docs/reliability.md).
   */
  static void report(String suite, String text) {
    System.out.println("==== " + suite + "\n" + text);
    try {
      Path dir = Path.of("target", "reliability");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(suite + ".txt"), text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.out.println("(cannot write the figures: " + e.getMessage() + ")");
    }
  }

  /** Counts the lines of a log containing {@code needle}. */
  static long lines(String log, String needle) {
    return log.lines().filter(l -> l.contains(needle)).count();
  }

  /** The lines of a log that show Kafka Streams leaving RUNNING for good. */
  static List<String> fatalLines(String log) {
    Set<String> markers =
        Set.of("-> ERROR", "-> PENDING_SHUTDOWN", "-> NOT_RUNNING", "shutting the engine down");
    return log.lines().filter(l -> markers.stream().anyMatch(l::contains)).toList();
  }

  /** The last {@code lines} lines of {@code text}. */
  static String tail(String text, int lines) {
    String[] all = text.split("\n");
    StringBuilder b = new StringBuilder();
    for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
      b.append(all[i]).append('\n');
    }
    return b.toString();
  }

  /** Copies {@code log} to {@code target/reliability/<suite>-<file name>} for a look afterwards. */
  static void keepLog(Path log, String suite) {
    try {
      Path dir = Path.of("target", "reliability");
      Files.createDirectories(dir);
      if (Files.exists(log)) {
        Files.copy(
            log,
            dir.resolve(suite + "-" + log.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      System.out.println("(cannot keep " + log.getFileName() + ": " + e.getMessage() + ")");
    }
  }
}
