package org.massbalance.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.internal.CarriedLot;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.config.TopologySettings;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.runtime.OutputErrorHandler;
import org.massbalance.engine.topology.MassBalanceTopology;
import org.massbalance.producers.generate.MovementGenerator;
import org.massbalance.producers.generate.ReferenceData;
import org.massbalance.producers.generate.WorkloadConfig;
import org.massbalance.serde.InMemorySchemaRegistryClient;

/**
 * The proof that a change of the engine's internals leaves its output bytes alone (issue 13, ADR
 * 16): the bench's seeded generator workload, reduced, run through the real topology on a
 * TopologyTestDriver with a pinned wall clock, and every record of the output topics (alerts,
 * snapshots with their tombstones, consolidated snapshots, rejected records, transfer arrivals)
 * written in a canonical form: one line per record, {@code key TAB timestamp TAB value}, the value
 * base64 of its Avro bytes without the 5-byte Confluent header (schema ids depend on registration
 * order, not on the engine's output), {@code -} for a tombstone; in a transfer's arrival (internal)
 * the carried lots' quantities are written without trailing zeros. The SHA-256 of each file is
 * compared with {@code src/test/resources/equivalence/expected.sha256}, recorded from the code
 * before the change ({@code -Dequivalence.record=true} records it again).
 *
 * <p>The workload: reference data of the generator; {@code equivalence.records} movements (default
 * 60,000) over {@code equivalence.keys} keys (default 2,000, 20 sites) from 1 January 2026 over 74
 * days with 1 % faults, so January and February close by stream time; the first 500 resent
 * (duplicates); a second, late workload (a twentieth as many, dated in January: restatements of
 * closed periods, LATE_MOVEMENT, movements before the last COUNT); five certificates suspended
 * (SUPPLIER_STATUS_CHANGED) and the wall clock moved on (CERTIFICATE_EXPIRING, idle close of
 * March). It also prints the changelog and output records written per input movement in the driver
 * (no record cache merging across records: an upper bound of what the engine writes). {@code
 * -Dequivalence.openLotsInRecord=2} runs it with two lots on hand kept in a key's record (ADR 18),
 * the rest spilled: the outputs must be the same.
 *
 * <p>Not part of {@code verify}: {@code ./mvnw -B -o test -pl deploy -am -Pequivalence
 * -Dtest=OutputEquivalenceCheck -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("equivalence")
class OutputEquivalenceCheck {

  private static final Instant WALL_CLOCK = Instant.parse("2026-03-16T00:00:00Z");

  private String transfersTopic;
  private Serde<LedgerInput> transfers;

  @Test
  void shouldWriteTheOutputBytesRecordedBeforeTheChange() throws Exception {
    int records = Integer.getInteger("equivalence.records", 60_000);
    int keys = Integer.getInteger("equivalence.keys", 2_000);
    int sites = 20;
    // lots on hand kept in a key's record (ADR 18): a small bound spills on most keys
    int lotsInRecord =
        Integer.getInteger(
            "equivalence.openLotsInRecord", TopologySettings.DEFAULT_OPEN_LOTS_IN_RECORD);
    Path out = Path.of(System.getProperty("equivalence.out", "target/equivalence"));
    Path expectedFile = Path.of("src/test/resources/equivalence/expected.sha256");
    Files.createDirectories(out);

    WorkloadConfig main =
        new WorkloadConfig(
            42,
            sites,
            WorkloadConfig.productsFor(keys, sites),
            keys,
            records,
            LocalDate.of(2026, 1, 1),
            74,
            0.01,
            "m-");
    WorkloadConfig late =
        new WorkloadConfig(
            43,
            sites,
            main.products(),
            keys,
            records / 20,
            LocalDate.of(2026, 1, 5),
            20,
            0.01,
            "late-");

    String scope = "equivalence-" + UUID.randomUUID();
    Path stateDir = Files.createTempDirectory("massbalance-" + scope);
    Properties p = new Properties();
    p.put(
        EngineConfig.SCHEMA_REGISTRY_URL_CONFIG,
        InMemorySchemaRegistryClient.MOCK_URL_PREFIX + scope);
    p.put(EngineConfig.MOVEMENTS_PARTITIONS_CONFIG, 1);
    EngineConfig config = new EngineConfig(p);
    EngineMetrics metrics = EngineMetrics.inMemory();
    Topics topics = Topics.from(config);
    transfersTopic = topics.transfers().name();
    transfers = topics.ledgerInputSerde();
    Properties streams = new Properties();
    streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "massbalance-equivalence");
    streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    streams.putAll(
        OutputErrorHandler.settings(
            topics.rejected().name(), topics.rejected().valueSerde().serializer(), metrics));
    long inputs = 0;
    Map<String, String> sums = new TreeMap<>();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            MassBalanceTopology.build(
                TopologySettings.from(config, metrics).withOpenLotsInRecord(lotsInRecord)),
            streams,
            WALL_CLOCK)) {
      TestInputTopic<byte[], byte[]> movements =
          driver.createInputTopic(
              topics.movements().name(),
              Serdes.ByteArray().serializer(),
              Serdes.ByteArray().serializer());
      TestInputTopic<String, Site> siteTopic =
          driver.createInputTopic(
              topics.sites().name(),
              Serdes.String().serializer(),
              topics.sites().valueSerde().serializer());
      TestInputTopic<String, Product> productTopic =
          driver.createInputTopic(
              topics.products().name(),
              Serdes.String().serializer(),
              topics.products().valueSerde().serializer());
      TestInputTopic<String, SupplierCertificate> certificateTopic =
          driver.createInputTopic(
              topics.certificates().name(),
              Serdes.String().serializer(),
              topics.certificates().valueSerde().serializer());
      List<String> outputs =
          List.of(
              topics.alerts().name(),
              topics.snapshots().name(),
              topics.consolidated().name(),
              topics.rejected().name(),
              topics.transfers().name());
      Map<String, TestOutputTopic<String, byte[]>> outTopics = new TreeMap<>();
      Map<String, List<String>> lines = new TreeMap<>();
      for (String t : outputs) {
        outTopics.put(
            t,
            driver.createOutputTopic(
                t, Serdes.String().deserializer(), Serdes.ByteArray().deserializer()));
        lines.put(t, new ArrayList<>());
      }

      ReferenceData ref = ReferenceData.of(main);
      ref.sites().forEach(s -> siteTopic.pipeInput(s.getSiteId(), s));
      ref.products().forEach(pr -> productTopic.pipeInput(pr.getProductId(), pr));
      ref.certificates().forEach(c -> certificateTopic.pipeInput(c.getNopId(), c));

      List<Movement> first = new ArrayList<>();
      MovementGenerator g = new MovementGenerator(main);
      while (g.hasNext()) {
        Movement m = g.next();
        if (first.size() < 500) {
          first.add(m);
        }
        send(movements, topics, m);
        inputs++;
        drain(outTopics, lines);
      }
      for (Movement m : first) {
        send(movements, topics, m);
        inputs++;
      }
      MovementGenerator lateGen = new MovementGenerator(late);
      while (lateGen.hasNext()) {
        send(movements, topics, lateGen.next());
        inputs++;
        drain(outTopics, lines);
      }
      // five certificates withdrawn while their lots are on hand
      for (int i = 0; i < 5; i++) {
        SupplierCertificate c = ref.certificates().get(i * 2);
        SupplierCertificate withdrawn =
            SupplierCertificate.newBuilder(c)
                .setStatus("SUSPENDED")
                .setStatusEffective("2026-03-10")
                .build();
        certificateTopic.pipeInput(withdrawn.getNopId(), withdrawn);
      }
      driver.advanceWallClockTime(Duration.ofMinutes(2));
      drain(outTopics, lines);
      driver.advanceWallClockTime(Duration.ofHours(2));
      drain(outTopics, lines);
      driver.advanceWallClockTime(Duration.ofDays(25));
      drain(outTopics, lines);

      MessageDigest all = MessageDigest.getInstance("SHA-256");
      for (var e : lines.entrySet()) {
        byte[] content = (String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(out.resolve(e.getKey() + ".txt"), content);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        sums.put(e.getKey(), sha + " " + e.getValue().size());
        all.update(content);
      }
      long writes = 0;
      StringBuilder b = new StringBuilder();
      for (String t : new java.util.TreeSet<>(driver.producedTopicNames())) {
        long n =
            outputs.contains(t)
                ? lines.get(t).size()
                : driver
                    .createOutputTopic(
                        t, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
                    .getQueueSize();
        writes += n;
        b.append(String.format("%n  %-70s %8d %.3f/input", t, n, n / (double) inputs));
      }
      System.out.printf(
          "equivalence: %d inputs; driver writes %.3f per input:%s%n",
          inputs, writes / (double) inputs, b);
    } finally {
      InMemorySchemaRegistryClient.dropScope(scope);
      Utils.delete(stateDir.toFile());
    }
    StringBuilder manifest = new StringBuilder();
    sums.forEach((t, s) -> manifest.append(t).append(' ').append(s).append('\n'));
    System.out.print("equivalence:\n" + manifest);
    Files.writeString(out.resolve("outputs.sha256"), manifest.toString());
    if (Boolean.getBoolean("equivalence.record")) {
      Files.writeString(expectedFile, manifest.toString());
      return;
    }
    assertThat(manifest.toString()).isEqualTo(Files.readString(expectedFile));
  }

  private static void send(TestInputTopic<byte[], byte[]> movements, Topics topics, Movement m) {
    byte[] value = topics.movementSerde().serializer().serialize(topics.movements().name(), m);
    movements.pipeInput(MovementGenerator.key(m).getBytes(StandardCharsets.UTF_8), value);
  }

  /** Moves every record written so far into its topic's lines (keeps the driver's queues short). */
  private void drain(
      Map<String, TestOutputTopic<String, byte[]>> topics, Map<String, List<String>> lines) {
    for (var e : topics.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      for (TestRecord<String, byte[]> r : e.getValue().readRecordsToList()) {
        lines.get(e.getKey()).add(line(r, e.getKey().equals(transfersTopic) ? transfers : null));
      }
    }
  }

  /**
   * A record's line. A transfer's arrival ({@code transfers} not null) is decoded and written again
   * with each carried lot's quantity as its plain value without trailing zeros: the topic is
   * internal, and the scale of that decimal string (4.5359237000 or 4.53592370 kg, the same value)
   * is not part of what the engine promises (ADR 16).
   */
  private static String line(TestRecord<String, byte[]> r, Serde<LedgerInput> transfers) {
    byte[] v = r.value();
    if (transfers != null && v != null) {
      LedgerInput in = transfers.deserializer().deserialize("", v);
      if (in.getCarriedLots() != null) {
        for (CarriedLot c : in.getCarriedLots()) {
          BigDecimal q = new BigDecimal(c.getQuantityKg());
          c.setQuantityKg(q.signum() == 0 ? "0" : q.stripTrailingZeros().toPlainString());
        }
      }
      v = transfers.serializer().serialize("", in);
    }
    String value;
    if (v == null) {
      value = "-";
    } else {
      int skip = v.length >= 5 && v[0] == 0 ? 5 : 0;
      value = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(v, skip, v.length));
    }
    return r.key() + "\t" + r.timestamp() + "\t" + value;
  }
}
