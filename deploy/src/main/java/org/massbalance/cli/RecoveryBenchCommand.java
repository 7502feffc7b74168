package org.massbalance.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.generate.GenerateCommand;
import org.massbalance.producers.generate.KafkaMovementSink;
import org.massbalance.producers.generate.MovementGenerator;
import org.massbalance.producers.generate.ReferenceData;
import org.massbalance.producers.generate.Throttler;
import org.massbalance.producers.generate.WorkloadConfig;
import org.massbalance.producers.generate.WorkloadOptions;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance bench-recovery}: the engine's memory as its state grows, and its recovery
 * after {@code kill -9}, with the engine in a process of its own (as deployed) against the embedded
 * broker and registry in this one.
 *
 * <ol>
 *   <li>Writes a seeded workload (default 1M movements over 1M site|product keys) to the movements
 *       topic and starts the engine ({@code run --config}) with a bounded heap ({@code --heap}) and
 *       RocksDB budget ({@code --rocksdb-mb}).
 *   <li>While it works through the input, samples the engine process's resident set ({@code VmRSS}
 *       of {@code /proc/<pid>/status}) and the size of its state directory, and prints them at
 *       every quarter of the input.
 *   <li>Kills the process with SIGKILL, starts it again over the same state directory, and sends a
 *       probe of new movements at once: the recovery time is from the new process's start to the
 *       moment its group has committed the probe (back to caught up). Under exactly-once a killed
 *       task has no checkpoint, so its stores are restored from the changelogs.
 * </ol>
 *
 * The last line is {@code recovery_s=... peak_rss_mb=... state_mb=... keys=...}.
 */
@Command(
    name = "bench-recovery",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the engine process's memory as its state grows and its recovery after kill -9",
      "(engine in its own process, embedded broker and registry in this one)."
    })
public final class RecoveryBenchCommand implements Callable<Integer> {

  private static final String APP = "massbalance-engine";

  @Spec CommandSpec spec;

  @Option(
      names = "--records",
      defaultValue = "1000000",
      description = "Movements before the kill (default ${DEFAULT-VALUE}).")
  long records;

  @Mixin WorkloadOptions workloadOptions = new WorkloadOptions(100, 1_000_000);

  @Option(
      names = "--partitions",
      defaultValue = "4",
      description = "Partitions of the topics (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--heap",
      defaultValue = "1g",
      description = "The engine process's -Xmx (default ${DEFAULT-VALUE}).")
  String heap;

  @Option(
      names = "--rocksdb-mb",
      defaultValue = "256",
      description = "The engine's rocksdb.memory.mb (default ${DEFAULT-VALUE}).")
  long rocksdbMb;

  @Option(
      names = "--static-membership",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      description =
          "Give the engine a group.instance.id, so that its restart takes its tasks back without"
              + " waiting for the killed member's session to expire (default ${DEFAULT-VALUE}).")
  boolean staticMembership;

  @Option(
      names = "--probe",
      defaultValue = "1000",
      description = "Movements sent right after the restart (default ${DEFAULT-VALUE}).")
  long probe;

  @Option(
      names = "--logs",
      paramLabel = "DIR",
      description = "Keep the engine processes' logs (with timestamps) in DIR.")
  Path logs;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    long started = System.nanoTime();
    LocalDate start = LocalDate.of(2026, 1, 1);
    long seed = workloadOptions.seed();
    int sites = workloadOptions.sites();
    int keys = workloadOptions.keys();
    WorkloadConfig workload =
        new WorkloadConfig(
            seed,
            sites,
            WorkloadConfig.productsFor(keys, sites),
            keys,
            records,
            start,
            28,
            0.01,
            "m-");
    say(
        "bench-recovery: %d movements, %d keys, %d partitions; engine process -Xmx%s,"
            + " rocksdb.memory.mb=%d, static membership %s",
        records, workload.keys(), partitions, heap, rocksdbMb, staticMembership ? "on" : "off");
    try (LocalStack stack =
        LocalStack.builder().kafkaPort(0).registryPort(0).partitions(partitions).build()) {
      stack.start();
      KafkaProducerFactory producers =
          new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of());
      long t = System.nanoTime();
      try (KafkaMovementSink sink =
          new KafkaMovementSink(producers, TopicDefaults.MOVEMENTS, System::currentTimeMillis)) {
        sink.reference(ReferenceData.of(workload));
        GenerateCommand.pump(
            new MovementGenerator(workload), new Throttler(0, Throttler.SYSTEM), sink, null);
      }
      say("loaded %d movements in %.1f s", records, (System.nanoTime() - t) / 1e9);

      Path dir = stack.dataDir().resolve("engine");
      Path state = dir.resolve("state");
      Files.createDirectories(state);
      Path config = writeConfig(stack, dir, state);

      Path logDir = logs != null ? logs : dir;
      Files.createDirectories(logDir);
      Process engine = startEngine(config, logDir.resolve("engine-1.log"));
      long peakRss = 0;
      try (Admin admin = admin(stack)) {
        long end = endOffset(admin);
        long t1 = System.nanoTime();
        long nextQuarter = end / 4;
        while (true) {
          long committed = committed(admin);
          long rss = rssMb(engine.pid(), "VmRSS");
          peakRss = Math.max(peakRss, rss);
          if (committed >= nextQuarter || committed >= end) {
            say(
                "  %3d %% of the input committed after %5.1f s: engine RSS %d MB, state %d MB",
                Math.round(100.0 * committed / end),
                (System.nanoTime() - t1) / 1e9,
                rss,
                sizeMb(state));
            nextQuarter += end / 4;
          }
          if (committed >= end) {
            break;
          }
          if (!engine.isAlive()) {
            throw new IllegalStateException("the engine stopped; see " + dir);
          }
          if (System.nanoTime() - t1 > TimeUnit.HOURS.toNanos(2)) {
            throw new IllegalStateException("the engine did not catch up within 2 hours");
          }
          Thread.sleep(200);
        }
        peakRss = Math.max(peakRss, rssMb(engine.pid(), "VmHWM"));
        long stateMb = sizeMb(state);
        say(
            "caught up: %.1f s for %d movements; engine peak RSS %d MB, state directory %d MB",
            (System.nanoTime() - t1) / 1e9, records, peakRss, stateMb);

        engine.destroyForcibly().waitFor();
        say("killed the engine with SIGKILL");

        long restartedAt = System.nanoTime();
        say("restarting at %s", java.time.LocalTime.now());
        Process again = startEngine(config, logDir.resolve("engine-2.log"));
        try {
          WorkloadConfig later =
              new WorkloadConfig(
                  seed + 1,
                  sites,
                  workload.products(),
                  keys,
                  probe,
                  start.plusDays(28),
                  1,
                  0,
                  "p-");
          try (KafkaMovementSink sink =
              new KafkaMovementSink(
                  producers, TopicDefaults.MOVEMENTS, System::currentTimeMillis)) {
            GenerateCommand.pump(
                new MovementGenerator(later), new Throttler(0, Throttler.SYSTEM), sink, null);
          }
          long end2 = endOffset(admin);
          while (committed(admin) < end2) {
            if (!again.isAlive()) {
              throw new IllegalStateException("the restarted engine stopped; see " + dir);
            }
            if (System.nanoTime() - restartedAt > TimeUnit.MINUTES.toNanos(30)) {
              throw new IllegalStateException("no recovery within 30 minutes");
            }
            Thread.sleep(100);
          }
          double recovery = (System.nanoTime() - restartedAt) / 1e9;
          say(
              "recovered: restarted process committed the %d probe movements %.1f s after its"
                  + " start",
              probe, recovery);
          say("done in %.0f s", (System.nanoTime() - started) / 1e9);
          say(
              "recovery_s=%.1f peak_rss_mb=%d state_mb=%d keys=%d",
              recovery, peakRss, stateMb, workload.keys());
        } finally {
          again.destroy();
          again.waitFor(30, TimeUnit.SECONDS);
          again.destroyForcibly();
        }
      } finally {
        engine.destroyForcibly();
      }
    }
    return 0;
  }

  private Path writeConfig(LocalStack stack, Path dir, Path state) throws IOException {
    Properties p = new Properties();
    p.put("bootstrap.servers", stack.bootstrapServers());
    p.put("schema.registry.url", stack.registryUrl());
    p.put("api.port", "0");
    p.put("api.host", "127.0.0.1");
    p.put("state.dir", state.toString());
    p.put("rocksdb.memory.mb", String.valueOf(rocksdbMb));
    // the workload is backdated: keep the wall clock from closing its month during the run
    p.put("period.idle.close.ms", String.valueOf(Duration.ofDays(1).toMillis()));
    if (staticMembership) {
      p.put("main.consumer.group.instance.id", "bench-recovery-1");
    }
    Path file = dir.resolve("engine.properties");
    try (Writer w = Files.newBufferedWriter(file)) {
      p.store(w, "bench-recovery");
    }
    return file;
  }

  private Process startEngine(Path config, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx" + heap);
    cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    cmd.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MassBalanceCli.class.getName());
    cmd.add("run");
    cmd.add("--config");
    cmd.add(config.toString());
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(new File("."))
        .start();
  }

  private static long endOffset(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (TopicPartition tp : partitions(admin)) {
      latest.put(tp, OffsetSpec.latest());
    }
    long end = 0;
    for (var e : admin.listOffsets(latest).all().get().values()) {
      end += e.offset();
    }
    return end;
  }

  private static long committed(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> c =
        admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get();
    long sum = 0;
    for (TopicPartition tp : partitions(admin)) {
      OffsetAndMetadata o = c.get(tp);
      sum += o == null ? 0 : o.offset();
    }
    return sum;
  }

  private static List<TopicPartition> partitions(Admin admin) throws Exception {
    List<TopicPartition> tps = new ArrayList<>();
    admin
        .describeTopics(List.of(TopicDefaults.MOVEMENTS))
        .allTopicNames()
        .get()
        .get(TopicDefaults.MOVEMENTS)
        .partitions()
        .forEach(i -> tps.add(new TopicPartition(TopicDefaults.MOVEMENTS, i.partition())));
    return tps;
  }

  private static Admin admin(LocalStack stack) {
    return BenchCommand.admin(stack);
  }

  private static long rssMb(long pid, String field) {
    return BenchCommand.statusMb(String.valueOf(pid), field);
  }

  private static long sizeMb(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
              .filter(Files::isRegularFile)
              .mapToLong(
                  f -> {
                    try {
                      return Files.size(f);
                    } catch (IOException e) {
                      return 0; // a RocksDB file removed by a compaction meanwhile
                    }
                  })
              .sum()
          / (1024 * 1024);
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  private void say(String format, Object... args) {
    out.println(String.format(format, args));
    out.flush();
  }
}
