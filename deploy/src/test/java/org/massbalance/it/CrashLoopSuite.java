package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.local.LocalStack;

/**
 * Reliability, crashes: the engine runs as a separate process against the local broker while a
 * generated workload (200,000 records by default, every record of one key sent under a wrong key so
 * that the re-route path is crashed too) is written in chunks. In each of 20 chunks (by default) it
 * is killed with SIGKILL at a seeded random point (a delay into the chunk's writing and processing,
 * or the moment the group has committed a seeded share of it), then restarted on the same
 * application id and state directory; every fourth restart, and about one in three of the others,
 * is itself killed right after the start, while its stores restore. Transformations (about 3 % of
 * the records from the second chunk on) go to their own topic and make their movements through the
 * engine's, so the kills catch them on every path. At the end every book, lot, transformation,
 * latest snapshot, open month, consolidated snapshot, alert and rejected record is compared with
 * the {@link ContractModel}: nothing lost, nothing counted twice. The time from each restart to
 * RUNNING and to caught-up (the group has committed the end of its input) is reported.
 *
 * <p>{@code ./mvnw -B verify -pl deploy -am -Preliability -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * -Dit.test=CrashLoopSuite} ({@code -Dcrash.records=N}, {@code -Dcrash.cycles=N} (chunks with a
 * kill; the last chunk has none), {@code -Dcrash.seed=S}).
 */
class CrashLoopSuite {

  private static final String APP_ID = "massbalance-crash";
  private static final Duration CATCH_UP = Duration.ofMinutes(5);

  @TempDir Path tmp;

  @Test
  void sigkillAtSeededPointsLosesNothingAndCountsNothingTwice() throws Exception {
    int records = Integer.getInteger("crash.records", 200_000);
    int cycles = Integer.getInteger("crash.cycles", 20);
    long seed = Long.getLong("crash.seed", 20251126L);
    Random random = new Random(seed);
    Instant began = Instant.now();
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        Admin admin = ItSupport.admin(stack)) {
      int partitions = ReliabilitySupport.partitions(stack);
      Instant generating = Instant.now();
      // transformations from the second chunk on: the first, with the input products' stock, is
      // processed before the second is sent
      // sign-offs between kills: before every chunk from the second on, once the restarted engine
      // has caught up
      java.util.Set<Integer> signOffPoints = new java.util.HashSet<>();
      for (int c = 1; c <= cycles; c++) {
        signOffPoints.add((int) ((long) records * c / (cycles + 1)));
      }
      ReliabilityWorkload workload =
          ReliabilityWorkload.generate(
              seed, records, partitions, -1, records / (cycles + 1), signOffPoints);
      Duration generation = Duration.between(generating, Instant.now());
      List<ReliabilityWorkload.Sent> sent = workload.sent();
      assertThat(sent).hasSize(records);
      ReliabilitySupport.loadReference(stack);
      List<Duration> recoveries = new ArrayList<>();
      List<Duration> readiness = new ArrayList<>();
      List<Long> backlogs = new ArrayList<>();
      List<String> events = new ArrayList<>();
      int kills = 0;
      int restoreKills = 0;
      ExecutorService sender = Executors.newSingleThreadExecutor();
      EngineProcess[] engineRef = new EngineProcess[1];
      try (ReliabilitySupport.Producers producer = ReliabilitySupport.Producers.of(stack);
          EngineProcess engine =
              new EngineProcess(
                  tmp.resolve("engine"),
                  ReliabilitySupport.engineSettings(stack, tmp.resolve("state"), APP_ID))) {
        engineRef[0] = engine;
        engine.start();
        int chunks = cycles + 1;
        for (int c = 0; c < chunks; c++) {
          int from = (int) ((long) sent.size() * c / chunks);
          List<ReliabilityWorkload.Sent> chunk =
              sent.subList(from, (int) ((long) sent.size() * (c + 1) / chunks));
          int signed =
              ReliabilitySupport.sendSignOffs(
                  producer, workload.signOffsAt(from), admin, APP_ID, engine, CATCH_UP);
          if (signed > 0) {
            events.add(String.format("cycle %d: %d sign-offs sent and processed", c + 1, signed));
          }
          Instant chunkStart = Instant.now();
          long committedBefore = committedOrZero(admin);
          Future<?> sending =
              sender.submit(
                  () -> {
                    ReliabilitySupport.send(producer, chunk);
                    return null;
                  });
          if (c == chunks - 1) {
            sending.get();
            break;
          }
          // The seeded kill point: either a delay into this chunk's writing and processing, or
          // the moment the group has committed a given share of the chunk.
          String when;
          if (random.nextBoolean()) {
            long delay = 200 + random.nextInt(4_000);
            Thread.sleep(
                Math.max(0, delay - Duration.between(chunkStart, Instant.now()).toMillis()));
            when = delay + " ms into the chunk";
          } else {
            int percent = 10 + random.nextInt(81);
            long target = committedBefore + (long) chunk.size() * percent / 100;
            ReliabilitySupport.poll(() -> committedOrZero(admin) >= target, Duration.ofSeconds(60));
            when = "with " + percent + " % of the chunk committed";
          }
          long lagAtKill = ReliabilitySupport.lag(admin, APP_ID);
          engine.kill();
          kills++;
          events.add(
              String.format(
                  "cycle %d: SIGKILL %s (%d records not yet committed)", c + 1, when, lagAtKill));
          sending.get();
          if (c % 4 == 1 || random.nextInt(100) < 30) {
            // A crash during recovery (every fourth cycle at least): restart, kill again right
            // after the start, while the stores restore and before it catches up.
            engine.start();
            long again = 1_000 + random.nextInt(5_000);
            Thread.sleep(again);
            long lag = ReliabilitySupport.lag(admin, APP_ID);
            engine.kill();
            kills++;
            restoreKills++;
            events.add(
                String.format(
                    "cycle %d: SIGKILL %d ms after the restart, while recovering (%d records not"
                        + " yet committed)",
                    c + 1, again, lag));
          }
          long backlog = ReliabilitySupport.lag(admin, APP_ID);
          engine.start();
          ReliabilitySupport.Recovery recovery =
              ReliabilitySupport.awaitCaughtUp(admin, APP_ID, engine, CATCH_UP);
          recoveries.add(recovery.caughtUp());
          readiness.add(recovery.ready());
          backlogs.add(backlog);
          String line =
              String.format(
                  "cycle %d: restart -> RUNNING %.1f s, caught up %.1f s (backlog %d records)",
                  c + 1,
                  recovery.ready().toMillis() / 1000.0,
                  recovery.caughtUp().toMillis() / 1000.0,
                  backlog);
          events.add(line);
          System.out.println(line);
        }
        ReliabilitySupport.awaitCaughtUp(admin, APP_ID, engine, CATCH_UP);
        Instant comparing = Instant.now();
        ModelComparison.Result result =
            ModelComparison.compare(stack, engine.apiUrl(), workload.model());
        Duration comparison = Duration.between(comparing, Instant.now());
        assertThat(engine.isAlive()).as("engine process alive at the end").isTrue();
        List<String> fatal = ReliabilitySupport.fatalLines(engine.allLogs());
        ContractModel model = workload.model();
        String figures =
            String.format(
                "crash loop: %d records (seed %d; %s; %d sent under a wrong key; %d"
                    + " transformations, %d applied; %d sign-offs, %d months signed, %d corrections,"
                    + " %d sales of outputs at the quiet points), %d movements"
                    + " applied, %d repeats, %d rejected%n"
                    + "crashes survived: %d SIGKILLs in %d cycles (%d while recovering), %d"
                    + " engine starts%n"
                    + "restart -> RUNNING: %s%n"
                    + "restart -> caught up: %s (backlog at restart %d to %d records)%n"
                    + "compared: %s%n"
                    + "run time %.0f s (workload and model %.1f s, comparison %.1f s)%n%s",
                records,
                seed,
                workload.kinds(),
                workload.misKeyed(),
                workload.transformationsSent(),
                model.transformations().size(),
                workload.signOffsSent(),
                model.signedMonths().size(),
                model.corrections(),
                workload.outputSales(),
                model.applied(),
                model.duplicates(),
                model.rejectedCount(),
                kills,
                cycles,
                restoreKills,
                engine.starts(),
                ReliabilitySupport.summary(readiness),
                ReliabilitySupport.summary(recoveries),
                backlogs.stream().mapToLong(Long::longValue).min().orElse(0),
                backlogs.stream().mapToLong(Long::longValue).max().orElse(0),
                result,
                Duration.between(began, Instant.now()).toMillis() / 1000.0,
                generation.toMillis() / 1000.0,
                comparison.toMillis() / 1000.0,
                String.join("\n", events));
        ReliabilitySupport.report("CrashLoopSuite", figures);
        assertThat(fatal).as("an engine process left RUNNING for good on its own").isEmpty();
        assertThat(result.mismatches()).as("mismatches with the model").isEmpty();
        assertThat(result.mismatchCount()).isZero();
        assertThat(kills).isGreaterThanOrEqualTo(cycles);
        assertThat(restoreKills).as("kills while recovering").isGreaterThanOrEqualTo(cycles / 4);
      } finally {
        sender.shutdownNow();
        if (engineRef[0] != null) {
          engineRef[0].keepLogs("CrashLoopSuite");
        }
      }
    }
  }

  /** Records of the movements topic the group has committed (0 when it cannot tell). */
  private static long committedOrZero(Admin admin) {
    try {
      return ReliabilitySupport.committed(admin, APP_ID);
    } catch (Exception e) {
      return 0;
    }
  }
}
