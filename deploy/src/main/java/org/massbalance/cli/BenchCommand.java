package org.massbalance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.Yield;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.local.TopicBootstrap;
import org.massbalance.producers.generate.FaultRateOption;
import org.massbalance.producers.generate.GenerateCommand;
import org.massbalance.producers.generate.KafkaMovementSink;
import org.massbalance.producers.generate.MovementGenerator;
import org.massbalance.producers.generate.MovementSink;
import org.massbalance.producers.generate.ReferenceData;
import org.massbalance.producers.generate.Throttler;
import org.massbalance.producers.generate.TransformationShareOption;
import org.massbalance.producers.generate.WorkloadConfig;
import org.massbalance.producers.generate.WorkloadOptions;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.serde.ConfluentAvroDeserializer;
import org.massbalance.serde.ConfluentAvroSerde;
import org.massbalance.serde.SerdeConfig;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance bench}: one run on the embedded local stack (free ports, temporary data).
 *
 * <ol>
 *   <li>Generates one seeded workload (default 400k movements over 100k site|product keys, 1 %
 *       faults) and writes it, unthrottled, both to a baseline input topic and to {@code
 *       inventory-movements} (same partitions), plus the reference data.
 *   <li>Throughput of a baseline Kafka Streams application, one RocksDB sum aggregate per key, with
 *       the engine's processing guarantee (exactly_once_v2), commit interval and thread count.
 *   <li>Throughput of the engine ({@link EngineRunner}) over the same records.
 *   <li>Alert latency at a fixed offered rate: a second workload, later in time, is sent at {@code
 *       --latency-rate}; every alert read ({@code read_committed}) about one of its movements
 *       records now - ingested_at in an HdrHistogram.
 * </ol>
 *
 * <p>Throughput is measured on the input topic's committed offsets (the consumer group of each
 * application): from the first poll that sees a commit to the one that sees every partition
 * committed to its end, as (records committed in between) / (time in between). The last line is
 * {@code ratio=... writes_per_input=... cpu_us=... p50_ms=... p99_ms=... rss_mb=...}
 * (writes_per_input: changelog and output records the engine wrote per input movement, from the end
 * offsets, transaction markers included; cpu_us: CPU of the engine's threads per movement; rss: the
 * process's peak resident set, VmHWM, which includes the embedded broker and registry).
 *
 * <p>With {@code --transformation-share F} that share of the records are transformations, sent to
 * {@code transformations} (their yield bands to {@code yields}) and to a baseline topic of their
 * own: both applications' throughput then counts the records of both input topics, the baseline
 * summing each transformation's input quantities into the same one store per key.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks the engine on the embedded local stack: throughput against a one-store",
      "Kafka Streams baseline (exactly_once_v2 both), alert latency at a fixed rate, peak RSS."
    })
public final class BenchCommand implements Callable<Integer> {

  static final String BASELINE_TOPIC = "bench-baseline-input";
  static final String BASELINE_TRANSFORMATIONS_TOPIC = "bench-baseline-transformations";
  static final String BASELINE_APP = "massbalance-bench-baseline";
  static final String ENGINE_APP = "massbalance-engine";

  @Spec CommandSpec spec;

  @Option(
      names = "--records",
      defaultValue = "400000",
      description = "Movements for the throughput runs (default ${DEFAULT-VALUE}).")
  long records;

  @Mixin WorkloadOptions workloadOptions = new WorkloadOptions(100, 100_000);

  @Mixin FaultRateOption faults;

  @Mixin TransformationShareOption transformationShare;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      description = "Partitions of the input topics (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--commit-interval-ms",
      defaultValue = "100",
      description = "commit.interval.ms of both applications (default ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Option(
      names = "--latency-rate",
      defaultValue = "1000",
      description = {
        "Offered rate of the latency run, records/s (default ${DEFAULT-VALUE}: well under what",
        "a shared 2-core machine sustains; raise it on a real box)."
      })
  int latencyRate;

  @Option(
      names = "--latency-seconds",
      defaultValue = "30",
      description = "Length of the latency run in seconds (default ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(
      names = "--skip-baseline",
      description = "Skip the baseline (no ratio; for profiling the engine alone).")
  boolean skipBaseline;

  private PrintWriter out;
  private final Map<String, Double> cpuPerRecord = new HashMap<>();

  /** CPU seconds of the live threads whose name contains the application id. */
  static double threadCpuSeconds(String applicationId) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long nanos = 0;
    for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(applicationId)) {
        long t = mx.getThreadCpuTime(info.getThreadId());
        nanos += Math.max(0, t);
      }
    }
    return nanos / 1e9;
  }

  /**
   * Prints the records in each topic the engine writes (end offsets summed; EOS commit markers
   * included), changelogs and outputs, and returns their total per input movement.
   */
  private double printOutputs(LocalStack stack, long inputs) throws Exception {
    try (Admin admin = admin(stack)) {
      var names = admin.listTopics().names().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (var d : admin.describeTopics(names).allTopicNames().get().values()) {
        d.partitions()
            .forEach(
                p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
      }
      Map<String, Long> perTopic = new java.util.TreeMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, r) -> perTopic.merge(tp.topic(), r.offset(), Long::sum));
      long total = 0;
      StringBuilder b = new StringBuilder();
      for (var e : perTopic.entrySet()) {
        String t = e.getKey();
        boolean engineOutput =
            t.startsWith(ENGINE_APP + "-")
                || t.equals(TopicDefaults.ALERTS)
                || t.equals(TopicDefaults.REJECTED)
                || t.equals(TopicDefaults.SNAPSHOTS)
                || t.equals("mass-balance-transfers");
        if (engineOutput && e.getValue() > 0) {
          total += e.getValue();
          b.append(
              String.format(
                  "%n    %-70s %9d  %.2f/input", t, e.getValue(), e.getValue() / (double) inputs));
        }
      }
      say(
          "engine writes (offsets incl. transaction markers) %.2f records per input:%s",
          total / (double) inputs, b);
      return total / (double) inputs;
    }
  }

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    long started = System.nanoTime();
    LocalDate start = LocalDate.of(2026, 1, 1);
    int days = 28;
    long seed = workloadOptions.seed();
    int sites = workloadOptions.sites();
    int keys = workloadOptions.keys();
    double faultRate = faults.faultRate();
    WorkloadConfig workload =
        new WorkloadConfig(
            seed,
            sites,
            WorkloadConfig.productsFor(keys, sites),
            keys,
            records,
            start,
            days,
            faultRate,
            "m-",
            transformationShare.transformationShare());
    boolean transformations = workload.transformationShare() > 0;
    say(
        "bench: %d %s, %d keys (%d sites x %d products), %d partitions, exactly_once_v2,"
            + " commit.interval.ms=%d, %d cores",
        records,
        transformations
            ? "records (" + workload.transformationShare() + " of them transformations)"
            : "movements",
        workload.keys(),
        workload.sites(),
        workload.products(),
        partitions,
        commitIntervalMs,
        Runtime.getRuntime().availableProcessors());
    try (LocalStack stack =
        LocalStack.builder().kafkaPort(0).registryPort(0).partitions(partitions).build()) {
      stack.start();
      say("stack up: %s, rss %d MB", stack.bootstrapServers(), rssMb("VmRSS"));
      createTopic(stack, BASELINE_TOPIC);
      if (transformations) {
        // the engine would create them at its start, after the load
        new TopicBootstrap(stack.bootstrapServers(), partitions, (short) 1)
            .createTopics(
                List.of(
                    new TopicBootstrap.TopicSpec(TopicDefaults.TRANSFORMATIONS, false),
                    new TopicBootstrap.TopicSpec(TopicDefaults.YIELDS, true)));
        createTopic(stack, BASELINE_TRANSFORMATIONS_TOPIC);
      }
      KafkaProducerFactory producers =
          new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of());

      long t = System.nanoTime();
      try (KafkaMovementSink sink =
          new KafkaMovementSink(producers, TopicDefaults.MOVEMENTS, System::currentTimeMillis)) {
        sink.reference(ReferenceData.of(workload));
        GenerateCommand.pump(
            new MovementGenerator(workload), new Throttler(0, Throttler.SYSTEM), sink, null);
      }
      if (!skipBaseline) {
        try (KafkaMovementSink sink =
            new KafkaMovementSink(
                producers,
                BASELINE_TOPIC,
                BASELINE_TRANSFORMATIONS_TOPIC,
                null,
                System::currentTimeMillis)) {
          GenerateCommand.pump(
              new MovementGenerator(workload), new Throttler(0, Throttler.SYSTEM), sink, null);
        }
      }
      say("loaded input topics in %.1f s", (System.nanoTime() - t) / 1e9);

      double baseline = Double.NaN;
      if (!skipBaseline) {
        baseline = runBaseline(stack);
        say("baseline: %.0f records/s (rss %d MB)", baseline, rssMb("VmRSS"));
      }

      Properties settings = new Properties();
      settings.put("bootstrap.servers", stack.bootstrapServers());
      settings.put("schema.registry.url", stack.registryUrl());
      settings.put("api.port", "0");
      settings.put("api.host", "127.0.0.1");
      settings.put("state.dir", stack.dataDir().resolve("engine").toString());
      settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(commitIntervalMs));
      // The workload is backdated (January 2026): keep the wall clock from closing its month
      // while the benchmark runs, as live dates would.
      settings.put("period.idle.close.ms", String.valueOf(Duration.ofDays(1).toMillis()));
      // The workload's certificates include withdrawn ones, which the engine sees for the first
      // time: the first supplier-status pass reads every key state once and raises their alerts.
      // At the default 30 s it would fall at a random point of the throughput or the latency run;
      // every second, it runs as the engine reads its first records, in every run alike.
      settings.put("certificate.status.check.interval.ms", "1000");
      double engine;
      double writesPerInput;
      Histogram latency;
      double offered;
      try (EngineRunner runner = EngineRunner.start(settings)) {
        engine =
            measure(
                stack,
                ENGINE_APP,
                transformations
                    ? List.of(TopicDefaults.MOVEMENTS, TopicDefaults.TRANSFORMATIONS)
                    : List.of(TopicDefaults.MOVEMENTS),
                "engine");
        say("engine: %.0f records/s (rss %d MB)", engine, rssMb("VmRSS"));
        writesPerInput = printOutputs(stack, records);
        WorkloadConfig later =
            new WorkloadConfig(
                seed + 1,
                sites,
                workload.products(),
                keys,
                (long) latencyRate * latencySeconds,
                start.plusDays(days),
                2,
                faultRate,
                "l-",
                workload.transformationShare());
        LatencyResult r = latencyRun(stack, producers, later);
        latency = r.histogram;
        offered = r.offered;
      }
      long rss = rssMb("VmHWM");
      double ratio = engine / baseline;
      say("");
      say("throughput  baseline %.0f/s  engine %.0f/s  ratio %.3f", baseline, engine, ratio);
      if (!skipBaseline) {
        say(
            "CPU per record (application threads)  baseline %.1f us  engine %.1f us  ratio %.3f",
            cpuPerRecord.get("baseline") * 1e6,
            cpuPerRecord.get("engine") * 1e6,
            cpuPerRecord.get("baseline") / cpuPerRecord.get("engine"));
      }
      say(
          "alert latency at %.0f/s offered (%d alerts): p50 %d ms, p90 %d ms, p99 %d ms, max %d ms",
          offered,
          latency.getTotalCount(),
          latency.getValueAtPercentile(50),
          latency.getValueAtPercentile(90),
          latency.getValueAtPercentile(99),
          latency.getMaxValue());
      say("peak RSS (VmHWM, broker and registry included) %d MB", rss);
      say("done in %.0f s", (System.nanoTime() - started) / 1e9);
      say(
          "ratio=%.3f writes_per_input=%.2f cpu_us=%.1f p50_ms=%d p99_ms=%d rss_mb=%d",
          ratio,
          writesPerInput,
          cpuPerRecord.getOrDefault("engine", Double.NaN) * 1e6,
          latency.getValueAtPercentile(50),
          latency.getValueAtPercentile(99),
          rss);
    }
    return 0;
  }

  private double runBaseline(LocalStack stack) throws Exception {
    Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
    ConfluentAvroSerde<Movement> movements =
        ConfluentAvroSerde.of(Movement.class, serdeConfig, false);
    StreamsBuilder b = new StreamsBuilder();
    boolean transformations = transformationShare.transformationShare() > 0;
    var input = b.stream(BASELINE_TOPIC, Consumed.with(Serdes.String(), movements));
    if (transformations) {
      // the same one store per key, holding each transformation's input quantities too
      ConfluentAvroSerde<Transformation> transformationSerde =
          ConfluentAvroSerde.of(Transformation.class, serdeConfig, false);
      input =
          input.merge(
              b.stream(
                      BASELINE_TRANSFORMATIONS_TOPIC,
                      Consumed.with(Serdes.String(), transformationSerde))
                  .mapValues(
                      t ->
                          Movement.newBuilder()
                              .setQuantity(
                                  String.valueOf(
                                      t.getInputs().stream()
                                          .mapToDouble(i -> quantity(i.getQuantity()))
                                          .sum()))
                              .build()));
    }
    input
        .groupByKey()
        .aggregate(
            () -> 0.0,
            (key, m, sum) -> sum + quantity(m),
            Materialized.<String, Double, KeyValueStore<Bytes, byte[]>>as("baseline-sum-store")
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Double()));
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, BASELINE_APP);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(commitIntervalMs));
    p.put(StreamsConfig.STATE_DIR_CONFIG, stack.dataDir().resolve("baseline").toString());
    try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
      streams.start();
      return measure(
          stack,
          BASELINE_APP,
          transformations
              ? List.of(BASELINE_TOPIC, BASELINE_TRANSFORMATIONS_TOPIC)
              : List.of(BASELINE_TOPIC),
          "baseline");
    } finally {
      say("baseline closed");
    }
  }

  private static double quantity(Movement m) {
    return quantity(m.getQuantity());
  }

  private static double quantity(String quantity) {
    try {
      return quantity == null ? 0 : Double.parseDouble(quantity);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Records/s of a group over its input topics: polls committed and end offsets every 50 ms, from
   * the first poll that sees a commit to the one that sees all committed.
   */
  private double measure(LocalStack stack, String group, List<String> topics, String label)
      throws Exception {
    try (Admin admin = admin(stack)) {
      List<TopicPartition> tps = new ArrayList<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get()
          .forEach(
              (topic, d) ->
                  d.partitions().forEach(i -> tps.add(new TopicPartition(topic, i.partition()))));
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      long end = 0;
      for (var e : admin.listOffsets(latest).all().get().values()) {
        end += e.offset();
      }
      long firstCommitted = -1;
      long firstAt = 0;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
      long lastReport = System.nanoTime();
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> c =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long now = System.nanoTime();
        long committed = 0;
        for (TopicPartition tp : tps) {
          OffsetAndMetadata o = c.get(tp);
          committed += o == null ? 0 : o.offset();
        }
        if (committed > 0 && firstCommitted < 0) {
          firstCommitted = committed;
          firstAt = now;
        }
        if (committed >= end && firstCommitted >= 0) {
          double seconds = (now - firstAt) / 1e9;
          double cpu = threadCpuSeconds(group);
          say(
              "%s: %d records committed in %.1f s (first commit saw %d); its threads used %.1f s"
                  + " CPU = %.1f us/record",
              label, end - firstCommitted, seconds, firstCommitted, cpu, cpu * 1e6 / end);
          cpuPerRecord.put(label, cpu / end);
          return (end - firstCommitted) / Math.max(seconds, 1e-3);
        }
        if (now - lastReport > 10_000_000_000L) {
          lastReport = now;
          say("  %s: %d / %d committed", label, committed, end);
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException(label + " did not commit its input within 20 minutes");
    }
  }

  private record LatencyResult(Histogram histogram, double offered) {}

  private LatencyResult latencyRun(
      LocalStack stack, KafkaProducerFactory producers, WorkloadConfig later) throws Exception {
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong lastAlert = new AtomicLong(System.nanoTime());
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    ConfluentAvroDeserializer<Alert> alerts = new ConfluentAvroDeserializer<>(Alert.class);
    alerts.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl()), false);
    KafkaConsumer<String, Alert> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), alerts);
    List<TopicPartition> tps = new ArrayList<>();
    consumer
        .partitionsFor(TopicDefaults.ALERTS)
        .forEach(i -> tps.add(new TopicPartition(i.topic(), i.partition())));
    consumer.assign(tps);
    consumer.seekToEnd(tps);
    tps.forEach(consumer::position);
    Thread reader =
        new Thread(
            () -> {
              try (consumer) {
                while (!stop.get()) {
                  for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    Long at = r.value() == null ? null : sentAt.get(r.value().getMovementId());
                    if (at != null) {
                      histogram.recordValue(Math.max(0, now - at));
                      lastAlert.set(System.nanoTime());
                    }
                  }
                }
              }
            },
            "bench-alert-reader");
    reader.start();
    say(
        "latency run: %d movements at %d/s offered, alerts read with read_committed",
        later.movements(), latencyRate);
    MovementGenerator generator = new MovementGenerator(later);
    long t0 = System.nanoTime();
    try (KafkaMovementSink kafka =
            new KafkaMovementSink(producers, TopicDefaults.MOVEMENTS, System::currentTimeMillis);
        MovementSink sink = recording(kafka, sentAt)) {
      GenerateCommand.pump(generator, new Throttler(latencyRate, Throttler.SYSTEM), sink, null);
    }
    double sendSeconds = (System.nanoTime() - t0) / 1e9;
    double offered = later.movements() / sendSeconds;
    say("latency run: sent in %.1f s (%.0f/s)", sendSeconds, offered);
    // Wait until no alert has come for 3 s (at most 2 minutes).
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline
        && System.nanoTime() - lastAlert.get() < TimeUnit.SECONDS.toNanos(3)) {
      Thread.sleep(200);
    }
    stop.set(true);
    reader.join(10_000);
    return new LatencyResult(histogram, offered);
  }

  private static MovementSink recording(MovementSink sink, Map<String, Long> sentAt) {
    return new MovementSink() {
      @Override
      public void reference(ReferenceData data) throws Exception {
        sink.reference(data);
      }

      @Override
      public void send(Movement m) throws Exception {
        sink.send(m);
        if (m.getIngestedAt() != null) {
          sentAt.putIfAbsent(m.getMovementId(), m.getIngestedAt());
        }
      }

      @Override
      public void sendTransformation(Transformation t) throws Exception {
        sink.sendTransformation(t);
        if (t.getIngestedAt() != null) {
          // the engine's movements of a transformation: {id}.in.{n} and {id}.out.{n}
          for (int n = 0; n < t.getInputs().size(); n++) {
            sentAt.putIfAbsent(t.getTransformationId() + ".in." + n, t.getIngestedAt());
          }
          for (int n = 0; n < t.getOutputs().size(); n++) {
            sentAt.putIfAbsent(t.getTransformationId() + ".out." + n, t.getIngestedAt());
          }
        }
      }

      @Override
      public void sendYield(Yield y) throws Exception {
        sink.sendYield(y);
      }

      @Override
      public void close() {
        // the underlying sink is closed by its owner
      }
    };
  }

  private void createTopic(LocalStack stack, String topic) throws Exception {
    try (Admin admin = admin(stack)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }

  static Admin admin(LocalStack stack) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
  }

  /** A line of /proc/self/status in MB (0 when unreadable). */
  static long rssMb(String field) {
    return statusMb("self", field);
  }

  /**
   * A line of /proc/PROCESS/status in MB ({@code process} a pid or "self"; 0 when unreadable, e.g.
   * the process has gone).
   */
  static long statusMb(String process, String field) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", process, "status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private void say(String format, Object... args) {
    out.println(String.format(format, args));
    out.flush();
  }
}
