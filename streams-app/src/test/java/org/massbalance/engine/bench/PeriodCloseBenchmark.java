package org.massbalance.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * The cost of closing a month of many keys, on the real topology (TopologyTestDriver, RocksDB
 * stores, Avro serdes), measured with {@link System#nanoTime()}:
 *
 * <ol>
 *   <li>processing: N site|product keys, one RECEIPT each in January 2026: time per record;
 *   <li>stream-time close: one later movement (2026-02-05, past January's end plus the 3-day grace)
 *       closes the N January periods: time per closed key, and its ratio to the processing time per
 *       record;
 *   <li>idle checks: 1000 wall-clock close checks (every {@code period.close.check.ms}, the
 *       partition idle and caught up) with 0, 1k, 10k and N open keys whose periods are not due:
 *       time per check, which must not grow with the keys.
 * </ol>
 *
 * Not part of {@code ./mvnw verify} (the class name matches no surefire include). Run it with
 * {@code ./mvnw -B -o test -pl streams-app -am -Pbench} (see docs/benchmarks.md), or its {@link
 * #main} with the test classpath. {@code -Dbench.keys=N} (default 100000) and {@code
 * -Dbench.sites=S} (sites per product, default 100) change the shape.
 */
@Tag("benchmark")
public final class PeriodCloseBenchmark {

  private static final int CHECKS = 1000;
  private static final long CHECK_MS = 500;

  public static void main(String[] args) throws Exception {
    int keys = Integer.getInteger("bench.keys", 100_000);
    int sites = Integer.getInteger("bench.sites", 100);
    // TopologyTestDriver keeps its state under java.io.tmpdir/kafka-streams: make sure it exists.
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    run(keys, sites, System.out);
  }

  @Test
  void periodClose() throws Exception {
    main(new String[0]);
  }

  static void run(int keys, int sitesPerProduct, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%nPeriodCloseBenchmark: %d keys (%d sites per product), TopologyTestDriver + RocksDB%n",
        keys,
        sitesPerProduct);
    // Warm-up (JIT) at a tenth of the size; its numbers are printed too.
    Result warm = scenario(Math.max(1000, keys / 10), sitesPerProduct);
    Result full = scenario(keys, sitesPerProduct);
    for (Result r : List.of(warm, full)) {
      out.println();
      out.printf(Locale.ROOT, "== %d keys%n", r.keys);
      out.println("open keys (not due) | process / record | idle close check (mean of 1000)");
      out.println("--------------------|------------------|--------------------------------");
      r.stages.forEach(out::println);
      out.println();
      out.println(
          "close of the month | whole close | close / key | process / record | close / process"
              + " | check / process | snapshots");
      out.printf(
          Locale.ROOT,
          "%-18d | %9.2f s | %8.1f µs | %13.1f µs | %15.2f | %15.2f | %d%n",
          r.keys,
          r.closeNanos / 1e9,
          r.closePerKey() / 1000,
          r.processPerRecord() / 1000,
          r.closePerKey() / r.processPerRecord(),
          r.lastCheckNanos / r.processPerRecord(),
          r.snapshots);
    }
    out.println();
  }

  private static final class Result {
    int keys;
    long processNanos;
    long closeNanos;
    double lastCheckNanos;
    int snapshots;
    final List<String> stages = new ArrayList<>();

    double processPerRecord() {
      return processNanos / (double) keys;
    }

    double closePerKey() {
      return closeNanos / (double) keys;
    }
  }

  /**
   * One engine: loads {@code keys} keys with one January movement each in stages, timing the
   * processing and, at each stage, 1000 idle close checks (nothing due: wall clock on January
   * 15th); then one movement of 2026-02-05 closes January by stream time.
   */
  private static Result scenario(int keys, int sitesPerProduct) {
    Result r = new Result();
    r.keys = keys;
    try (EngineDriver engine =
        EngineDriver.onDisk(
            Instant.parse("2026-01-15T00:00:00Z"),
            Map.of(
                EngineConfig.PERIOD_IDLE_CLOSE_CONFIG,
                2000L,
                EngineConfig.PERIOD_CLOSE_CHECK_CONFIG,
                CHECK_MS,
                // the trigger is dated after the (frozen) wall clock
                EngineConfig.FUTURE_TOLERANCE_CONFIG,
                Duration.ofDays(400).toMillis()))) {
      products(engine, keys, sitesPerProduct);
      timeChecks(engine); // warm-up of the punctuation path
      int loaded = 0;
      for (int target : new int[] {0, 1_000, 10_000, keys}) {
        if (target > keys || target < loaded || (target == loaded && target != 0)) {
          continue;
        }
        List<Movement> batch = movements(loaded, target, sitesPerProduct, "2026-01-10T12:00:00Z");
        long t0 = System.nanoTime();
        for (Movement m : batch) {
          engine.send(m);
        }
        long took = System.nanoTime() - t0;
        r.processNanos += took;
        engine.alerts();
        engine.rejected();
        double perCheck = timeChecks(engine);
        assertThat(engine.snapshots()).as("nothing is due").isEmpty();
        r.lastCheckNanos = perCheck;
        r.stages.add(
            String.format(
                Locale.ROOT,
                "%-19d | %13s | %27.1f µs",
                target,
                target == loaded
                    ? "-"
                    : String.format(Locale.ROOT, "%.1f µs", took / 1000.0 / (target - loaded)),
                perCheck / 1000));
        loaded = target;
      }

      long t0 = System.nanoTime();
      engine.send(
          MovementBuilder.receipt("S0000", "P00000", "1", "kg")
              .id("trigger")
              .at("2026-02-05T00:00:00Z"));
      // the movement closes at most a batch of periods; the close checks of the wall clock go on
      // with the backlog, one batch per check
      List<Snapshot> closed = new ArrayList<>(engine.snapshots());
      for (int check = 0; closed.size() < keys && check <= keys / 1_000 + 1; check++) {
        engine.advanceWallClock(Duration.ofMillis(CHECK_MS));
        closed.addAll(engine.snapshots());
      }
      r.closeNanos = System.nanoTime() - t0;
      assertThat(closed).hasSize(keys);
      assertThat(closed).allMatch(s -> s.getPeriod().equals("2026-01"));
      r.snapshots = closed.size();
    }
    return r;
  }

  /** Mean time of one wall-clock close check, the partition idle and nothing due. */
  private static double timeChecks(EngineDriver engine) {
    engine.advanceWallClock(Duration.ofSeconds(5)); // idle for longer than period.idle.close.ms
    long t0 = System.nanoTime();
    for (int i = 0; i < CHECKS; i++) {
      engine.advanceWallClock(Duration.ofMillis(CHECK_MS));
    }
    return (System.nanoTime() - t0) / (double) CHECKS;
  }

  private static void products(EngineDriver engine, int keys, int sitesPerProduct) {
    TestInputTopic<String, Product> products =
        engine
            .raw()
            .createInputTopic(
                engine.topics().products().name(),
                Serdes.String().serializer(),
                engine.topics().products().valueSerde().serializer());
    int count = (keys + sitesPerProduct - 1) / sitesPerProduct;
    for (int p = 0; p < count; p++) {
      // Not organic: a receipt without a supplier raises no certificate alert.
      products.pipeInput(
          product(p),
          Product.newBuilder()
              .setProductId(product(p))
              .setUnit("kg")
              .setTolerancePct("5.0")
              .setLotPrefix(product(p))
              .setOrganic(false)
              .build());
    }
  }

  private static List<Movement> movements(int from, int to, int sitesPerProduct, String at) {
    List<Movement> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(
          MovementBuilder.receipt(
                  String.format(Locale.ROOT, "S%04d", i % sitesPerProduct),
                  product(i / sitesPerProduct),
                  "10",
                  "kg")
              .id("m-" + i)
              .at(at)
              .build());
    }
    return out;
  }

  private static String product(int p) {
    return String.format(Locale.ROOT, "P%05d", p);
  }
}
