package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * Reliability, broker bounce (issue 7): while a generated workload is being written and processed,
 * the broker is stopped for 10 s and started again on the same data directory and port. The engine
 * (a separate process) must ride it out on its own: it is never restarted, Kafka Streams never
 * leaves RUNNING for ERROR or a shutdown, and at the end everything equals the {@link
 * ContractModel}.
 *
 * <p>{@code -Dit.test=BrokerBounceSuite} ({@code -Dbounce.records=N}, {@code -Dbounce.seed=S}).
 */
class BrokerBounceSuite {

  private static final String APP_ID = "massbalance-bounce";
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  @TempDir Path tmp;

  @Test
  void engineRidesOutATenSecondBrokerOutage() throws Exception {
    int records = Integer.getInteger("bounce.records", 50_000);
    long seed = Long.getLong("bounce.seed", 20251127L);
    Random random = new Random(seed);
    Instant began = Instant.now();
    ExecutorService sender = Executors.newSingleThreadExecutor();
    EngineProcess engine = null;
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        Admin admin = ItSupport.admin(stack)) {
      int partitions = ReliabilitySupport.partitions(stack);
      // transformations in the second half (the first, with the input products' stock, is
      // processed before it is sent)
      ReliabilityWorkload workload =
          ReliabilityWorkload.generate(seed, records, partitions, -1, records / 2);
      List<ReliabilityWorkload.Sent> sent = workload.sent();
      ReliabilitySupport.loadReference(stack);
      try (ReliabilitySupport.Producers producer = ReliabilitySupport.Producers.of(stack)) {
        engine =
            new EngineProcess(
                tmp.resolve("engine"),
                ReliabilitySupport.engineSettings(stack, tmp.resolve("state"), APP_ID));
        engine.start();
        // The first half, processed before the bounce.
        ReliabilitySupport.send(producer, sent.subList(0, sent.size() / 2));
        ReliabilitySupport.awaitCaughtUp(admin, APP_ID, engine, Duration.ofMinutes(3));
        // The second half is being written and processed when the broker goes away.
        Future<?> sending =
            sender.submit(
                () -> {
                  ReliabilitySupport.send(producer, sent.subList(sent.size() / 2, sent.size()));
                  return null;
                });
        long delay = 500 + random.nextInt(3_000);
        Thread.sleep(delay);
        long lagAtStop = ReliabilitySupport.lag(admin, APP_ID);
        Instant stopping = Instant.now();
        stack.broker().stop();
        Instant stopped = Instant.now();
        // The outage itself (the scenario, not a wait for a result).
        Thread.sleep(OUTAGE.toMillis());
        stack.broker().restart();
        Instant restarted = Instant.now();
        assertThat(engine.isAlive()).as("engine alive through the outage").isTrue();
        sending.get();
        ReliabilitySupport.Recovery recovery =
            ReliabilitySupport.awaitCaughtUp(admin, APP_ID, engine, Duration.ofMinutes(5));
        Duration caughtUp = Duration.between(restarted, Instant.now());
        List<String> fatal = ReliabilitySupport.fatalLines(engine.log());
        assertThat(fatal).as("Kafka Streams left RUNNING for good").isEmpty();
        ModelComparison.Result result =
            ModelComparison.compare(stack, engine.apiUrl(), workload.model());
        assertThat(engine.isAlive()).isTrue();
        String figures =
            String.format(
                "broker bounce: %d records (seed %d; %d transformations), %d movements applied;"
                    + " broker stopped %d ms"
                    + " into the second half with %d records not yet committed, down %.1f s"
                    + " (stop took %.1f s)%n"
                    + "engine: 1 process, never restarted, never left RUNNING for good;"
                    + " broker restart -> caught up %.1f s%n"
                    + "compared: %s%n"
                    + "run time %.0f s",
                records,
                seed,
                workload.transformationsSent(),
                workload.model().applied(),
                delay,
                lagAtStop,
                Duration.between(stopped, restarted).toMillis() / 1000.0,
                Duration.between(stopping, stopped).toMillis() / 1000.0,
                caughtUp.toMillis() / 1000.0,
                result,
                Duration.between(began, Instant.now()).toMillis() / 1000.0);
        ReliabilitySupport.report("BrokerBounceSuite", figures);
        assertThat(recovery).isNotNull();
        assertThat(engine.starts()).as("engine processes started").isEqualTo(1);
        assertThat(result.mismatches()).as("mismatches with the model").isEmpty();
        assertThat(result.mismatchCount()).isZero();
      } finally {
        if (engine != null) {
          engine.close();
          engine.keepLogs("BrokerBounceSuite");
        }
      }
    } finally {
      sender.shutdownNow();
    }
  }
}
