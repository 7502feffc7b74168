package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.local.LocalStack;
import org.massbalance.local.PortInUseException;

/**
 * Reliability, failover on a real cluster (issue 11, R4): three Kafka nodes, each a separate
 * process (broker and KRaft controller of one static quorum, replication factor 3 and {@code
 * min.insync.replicas=2} for every topic: the contract's, the registry's, the engine's internal
 * ones, offsets and transaction state), and two engine processes (by default) on one application id
 * with {@code num.standby.replicas=1}. A third of the workload is written and processed, then the
 * rest is written in paced chunks; a seeded delay into that, one engine and one Kafka node (the
 * group coordinator of the engines' group) are SIGKILLed together. For 30 s after the kills, every
 * book that existed before them is asked for again and again on every surviving engine (GET
 * /api/v1/balances/{site}/{product}): each must be answered with 200 within 10 s of the kills,
 * every answer must be 200 or 503 (not ready, fair while a task changes hands; never 404, as they
 * all exist, nor 500), and the longest time any book went without an answer is reported. After the
 * writes end and the group has caught up on the surviving engines and two nodes, every book, lot,
 * snapshot, alert and rejected record is compared with the {@link ContractModel}.
 *
 * <p>{@code -Dit.test=FailoverSuite} ({@code -Dfailover.records=N}, {@code -Dfailover.seed=S},
 * {@code -Dfailover.engines=2|3}).
 */
class FailoverSuite {

  private static final String APP_ID = "massbalance-failover";
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);
  private static final Duration OBSERVE = Duration.ofSeconds(30);
  private static final int NODES = 3;
  private static final int CHUNKS = 40;
  private static final Duration CHUNK_PAUSE = Duration.ofMillis(500);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  static {
    // The test's clients would log every second that they cannot reach the killed node.
    System.setProperty(
        "org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
  }

  @TempDir Path tmp;

  @Test
  void survivorsAnswerWithinTenSecondsOfKillingAnEngineAndABrokerAndLoseNothing() throws Exception {
    int records = Integer.getInteger("failover.records", 30_000);
    long seed = Long.getLong("failover.seed", 20251130L);
    int engineCount = Integer.getInteger("failover.engines", 2);
    Random random = new Random(seed);
    Instant began = Instant.now();
    List<BrokerProcess> brokers = startCluster(tmp.resolve("cluster"));
    String bootstrap =
        brokers.stream().map(BrokerProcess::bootstrap).collect(Collectors.joining(","));
    Duration clusterStart = Duration.between(began, Instant.now());
    ExecutorService sender = Executors.newSingleThreadExecutor();
    List<EngineProcess> engines = new ArrayList<>();
    try (LocalStack stack =
            LocalStack.builder()
                .externalKafka(bootstrap)
                .replicationFactor((short) NODES)
                .registryPort(0)
                .dataDir(tmp.resolve("stack"))
                .build()
                .start();
        Admin admin = ItSupport.admin(stack)) {
      int partitions = ReliabilitySupport.partitions(stack);
      // transformations from the second third on (the first, with the input products' stock, is
      // processed before the rest is sent)
      ReliabilityWorkload workload =
          ReliabilityWorkload.generate(seed, records, partitions, -1, records / 3);
      List<ReliabilityWorkload.Sent> sent = workload.sent();
      ReliabilitySupport.loadReference(stack);
      for (int i = 1; i <= engineCount; i++) {
        Properties settings =
            ReliabilitySupport.engineSettings(stack, tmp.resolve("state-" + i), APP_ID);
        settings.put("replication.factor", String.valueOf(NODES));
        settings.put("num.standby.replicas", "1");
        engines.add(new EngineProcess(tmp.resolve("engine-" + i), settings));
      }
      try (ReliabilitySupport.Producers producer = ReliabilitySupport.Producers.of(stack)) {
        engines.forEach(EngineProcess::start);
        // A third, processed before the kills.
        int firstPart = sent.size() / 3;
        ReliabilitySupport.send(producer, sent.subList(0, firstPart));
        for (EngineProcess engine : engines) {
          ReliabilitySupport.awaitCaughtUp(admin, APP_ID, engine, Duration.ofMinutes(5));
        }
        List<String> books = booksAnswering(engines.get(0), workload.model());
        assertThat(books).as("books answering before the kills").isNotEmpty();
        // The rest, written in paced chunks so that writes go on through the kills.
        List<ReliabilityWorkload.Sent> rest = sent.subList(firstPart, sent.size());
        Future<?> sending =
            sender.submit(
                () -> {
                  for (int c = 0; c < CHUNKS; c++) {
                    ReliabilitySupport.send(
                        producer,
                        rest.subList(
                            (int) ((long) rest.size() * c / CHUNKS),
                            (int) ((long) rest.size() * (c + 1) / CHUNKS)));
                    Thread.sleep(CHUNK_PAUSE.toMillis());
                  }
                  return null;
                });
        long delay = 3_000 + random.nextInt(5_000);
        Thread.sleep(delay);
        EngineProcess victim = engines.get(random.nextInt(engines.size()));
        List<EngineProcess> survivors = new ArrayList<>(engines);
        survivors.remove(victim);
        int coordinator =
            admin
                .describeConsumerGroups(List.of(APP_ID))
                .all()
                .get()
                .get(APP_ID)
                .coordinator()
                .id();
        int quorumLeader = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
        BrokerProcess deadBroker =
            brokers.stream().filter(b -> b.nodeId() == coordinator).findFirst().orElseThrow();
        long lagAtKill = ReliabilitySupport.lag(admin, APP_ID);
        assertThat(sending.isDone()).as("writes still going on at the kills").isFalse();
        Instant kills = Instant.now();
        victim.kill();
        deadBroker.kill();
        Duration killing = Duration.between(kills, Instant.now());
        Probe probe = probe(engines, survivors, books, kills);
        sending.get();
        Instant written = Instant.now();
        ReliabilitySupport.Recovery recovery =
            ReliabilitySupport.awaitCaughtUp(
                admin, APP_ID, survivors.get(0), Duration.ofMinutes(5));
        for (EngineProcess s : survivors) {
          assertThat(s.isAlive()).as("surviving engine alive").isTrue();
        }
        Duration caughtUpAfterKills = Duration.between(kills, Instant.now());
        List<String> fatal = new ArrayList<>();
        for (EngineProcess s : survivors) {
          fatal.addAll(ReliabilitySupport.fatalLines(s.log()));
        }
        ModelComparison.Result result =
            ModelComparison.compare(stack, survivors.get(0).apiUrl(), workload.model());
        String figures =
            String.format(
                "failover: %d records (seed %d), %d movements applied, %d rejected; 3 Kafka nodes"
                    + " (KRaft, RF 3, min.insync.replicas 2; started in %.1f s), %d engines"
                    + " (num.standby.replicas 1)%n"
                    + "kills %d ms into the paced writes (%d records not yet committed): SIGKILL"
                    + " engine %d and Kafka node %d (the group coordinator%s) within %d ms%n"
                    + "every book (%d) answered 200 by every survivor %.2f s after the kills;"
                    + " longest a book went unanswered in the %d s after: %.2f s; %d requests, %d"
                    + " not 200 %s, %d answered stale%s%n"
                    + "writes ended %.1f s after the kills; group caught up on the survivors %.1f s"
                    + " after the kills%n"
                    + "compared (on a survivor): %s%n"
                    + "run time %.0f s",
                records,
                seed,
                workload.model().applied(),
                workload.model().rejectedCount(),
                clusterStart.toMillis() / 1000.0,
                engineCount,
                delay,
                lagAtKill,
                engines.indexOf(victim) + 1,
                coordinator,
                coordinator == quorumLeader
                    ? " and KRaft leader"
                    : "; KRaft leader " + quorumLeader,
                killing.toMillis(),
                books.size(),
                probe.allAnswered == null ? -1.0 : probe.allAnswered.toMillis() / 1000.0,
                OBSERVE.toSeconds(),
                probe.longestGap.toMillis() / 1000.0,
                probe.requests,
                probe.failures,
                probe.statuses,
                probe.stale,
                probe.examples.isEmpty()
                    ? ""
                    : "; first not 200:\n  " + String.join("\n  ", probe.examples),
                Duration.between(kills, written).toMillis() / 1000.0,
                caughtUpAfterKills.toMillis() / 1000.0,
                result,
                Duration.between(began, Instant.now()).toMillis() / 1000.0);
        ReliabilitySupport.report("FailoverSuite", figures);
        assertThat(recovery).isNotNull();
        assertThat(probe.allAnswered)
            .as("every book answered by every survivor after the kills")
            .isNotNull();
        assertThat(probe.allAnswered).isLessThanOrEqualTo(ANSWER_LIMIT);
        // Every book asked for existed before the kills: a survivor answers it (200) or says it
        // is not ready (503) while a task changes hands; "not found", an internal error or no
        // answer at all is wrong.
        assertThat(probe.statuses.keySet())
            .as("answers other than 200 and 503 after the kills: %s", probe.examples)
            .isSubsetOf(503);
        assertThat(fatal).as("Kafka Streams left RUNNING for good on a survivor").isEmpty();
        assertThat(result.mismatches()).as("mismatches with the model").isEmpty();
        assertThat(result.mismatchCount()).isZero();
      }
    } finally {
      sender.shutdownNow();
      for (int i = 0; i < engines.size(); i++) {
        engines.get(i).close();
        engines.get(i).keepLogs("FailoverSuite-" + (i + 1));
      }
      for (BrokerProcess b : brokers) {
        // Killed, not stopped: with one node gone, the last one would wait for a quorum.
        b.kill();
        b.keepLog("FailoverSuite");
      }
    }
  }

  /** Three nodes of one KRaft quorum on fixed free ports, each a process; returns once all run. */
  private static List<BrokerProcess> startCluster(Path dir) throws InterruptedException {
    Set<Integer> taken = new HashSet<>();
    int[] ports = new int[NODES];
    int[] controllerPorts = new int[NODES];
    for (int i = 0; i < NODES; i++) {
      ports[i] = freePort(taken);
      controllerPorts[i] = freePort(taken);
    }
    StringBuilder voters = new StringBuilder();
    for (int i = 0; i < NODES; i++) {
      voters
          .append(i == 0 ? "" : ",")
          .append(i + 1)
          .append("@127.0.0.1:")
          .append(controllerPorts[i]);
    }
    String clusterId = Uuid.randomUuid().toString();
    List<BrokerProcess> brokers = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      brokers.add(
          new BrokerProcess(
                  dir.resolve("node-" + (i + 1)),
                  i + 1,
                  ports[i],
                  controllerPorts[i],
                  voters.toString(),
                  clusterId,
                  NODES,
                  2)
              .start());
    }
    try {
      for (BrokerProcess b : brokers) {
        b.awaitReady(Duration.ofMinutes(3));
      }
    } catch (AssertionError e) {
      brokers.forEach(BrokerProcess::kill);
      throw e;
    }
    return brokers;
  }

  private static int freePort(Set<Integer> taken) {
    while (true) {
      int port = PortInUseException.freePort("127.0.0.1");
      if (taken.add(port)) {
        return port;
      }
    }
  }

  /** The model's books that {@code engine} answers with 200 (the keys to ask after the kills). */
  private static List<String> booksAnswering(EngineProcess engine, ContractModel model) {
    List<String> out = new ArrayList<>();
    for (ContractModel.Ledger l : model.ledgers()) {
      String path = bookPath(l);
      if (get(engine, path).status == 200) {
        out.add(path);
      }
    }
    return out;
  }

  private static String bookPath(ContractModel.Ledger l) {
    return "/api/v1/balances/"
        + URLEncoder.encode(l.site, StandardCharsets.UTF_8)
        + "/"
        + URLEncoder.encode(l.product, StandardCharsets.UTF_8);
  }

  /** What the queries after the kills saw. */
  private record Probe(
      Duration allAnswered,
      Duration longestGap,
      long requests,
      long failures,
      Map<Integer, Long> statuses,
      long stale,
      List<String> examples) {}

  private record Answer(int status, boolean stale, String body) {}

  /**
   * Asks every survivor for every book, over and over, for {@link #OBSERVE} after the kills: when
   * each (survivor, book) was first answered with 200, and the longest time one went without.
   */
  private static Probe probe(
      List<EngineProcess> engines,
      List<EngineProcess> survivors,
      List<String> books,
      Instant kills) {
    Map<String, Instant> lastOk = new LinkedHashMap<>();
    Set<String> answered = new HashSet<>();
    Map<Integer, Long> statuses = new TreeMap<>();
    Duration allAnswered = null;
    Duration longestGap = Duration.ZERO;
    long requests = 0;
    long failures = 0;
    long stale = 0;
    List<String> examples = new ArrayList<>();
    Instant end = kills.plus(OBSERVE);
    while (Instant.now().isBefore(end)) {
      for (int e = 0; e < survivors.size(); e++) {
        for (String book : books) {
          String key = e + " " + book;
          Answer a = get(survivors.get(e), book);
          Instant now = Instant.now();
          requests++;
          if (a.status != 200) {
            failures++;
            statuses.merge(a.status, 1L, Long::sum);
            if (examples.size() < 5) {
              examples.add(
                  String.format(
                      "%.2f s: engine %d GET %s -> %d %s",
                      Duration.between(kills, now).toMillis() / 1000.0,
                      engines.indexOf(survivors.get(e)) + 1,
                      book,
                      a.status,
                      a.body.length() > 160 ? a.body.substring(0, 160) : a.body));
            }
            continue;
          }
          if (a.stale) {
            stale++;
          }
          Duration gap = Duration.between(lastOk.getOrDefault(key, kills), now);
          if (gap.compareTo(longestGap) > 0) {
            longestGap = gap;
          }
          lastOk.put(key, now);
          answered.add(key);
        }
      }
      if (allAnswered == null && answered.size() == survivors.size() * books.size()) {
        allAnswered = Duration.between(kills, Instant.now());
        System.out.printf(
            "every book answered by every survivor %.2f s after the kills%n",
            allAnswered.toMillis() / 1000.0);
      }
    }
    Instant now = Instant.now();
    for (int e = 0; e < survivors.size(); e++) {
      for (String book : books) {
        Duration gap = Duration.between(lastOk.getOrDefault(e + " " + book, kills), now);
        if (gap.compareTo(longestGap) > 0) {
          longestGap = gap;
        }
      }
    }
    return new Probe(allAnswered, longestGap, requests, failures, statuses, stale, examples);
  }

  private static Answer get(EngineProcess engine, String path) {
    try {
      HttpRequest r =
          HttpRequest.newBuilder(URI.create(engine.apiUrl() + path))
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build();
      HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(), response.body().contains("\"stale\":true"), response.body());
    } catch (IOException e) {
      return new Answer(-1, false, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, false, e.toString());
    }
  }
}
