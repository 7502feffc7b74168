package org.massbalance.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.query.BalanceView;
import org.massbalance.engine.query.PeriodQueries;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.local.PortInUseException;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.producers.ingest.IngestSummary;
import org.massbalance.producers.ingest.Ingester;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.producers.integrity.IntegrityIngest;
import org.massbalance.producers.integrity.IntegrityLimits;
import org.massbalance.producers.integrity.IntegritySummary;
import org.massbalance.serde.ConfluentAvroDeserializer;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance demo}: the local stack and the engine, the contract's almonds example plus a
 * second site raising one OVERSELL and one VARIANCE_EXCEEDED, and a printed summary of balances and
 * alerts read back from the engine and the alert topic. Certificates come from an INTEGRITY export
 * sample ({@code integrity-sample.xlsx}) through {@code ingest integrity}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the local stack and the engine, loads sample data (the contract's almonds month and",
      "a second site), prints balances and alerts, and keeps the API up until Ctrl-C."
    })
public final class DemoCommand implements Callable<Integer> {

  private static final String HOST = "127.0.0.1";
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  /** Demo files, in load order: reference data first. */
  private static final List<Map.Entry<Dataset<?>, String>> FILES =
      List.of(
          Map.entry(Dataset.SITES, "sites.csv"),
          Map.entry(Dataset.SITES, "extra-sites.csv"),
          Map.entry(Dataset.PRODUCTS, "products.csv"),
          Map.entry(Dataset.PRODUCTS, "extra-products.csv"),
          Map.entry(Dataset.MOVEMENTS, "almonds-2025-11.csv"),
          Map.entry(Dataset.MOVEMENTS, "extra-movements.csv"));

  /** The INTEGRITY export sample the demo's certificates come from. */
  static final String INTEGRITY_SAMPLE = "integrity-sample.xlsx";

  /** Alerts the demo data raises. */
  static final int EXPECTED_ALERTS = 2;

  @Spec CommandSpec spec;

  @Option(names = "--once", description = "Exit after printing the summary.")
  boolean once;

  @Mixin LocalPortOptions ports;

  private CountDownLatch closedLatch;

  @Override
  public Integer call() throws Exception {
    try {
      return demo();
    } finally {
      if (closedLatch != null) {
        closedLatch.countDown();
      }
    }
  }

  private Integer demo() throws Exception {
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    PortInUseException.checkFree("engine API", HOST, ports.apiPort());
    try (LocalStack stack = ports.stack(HOST).build()) {
      stack.start();
      Properties settings = new Properties();
      settings.put("bootstrap.servers", stack.bootstrapServers());
      settings.put("schema.registry.url", stack.registryUrl());
      settings.put("api.port", String.valueOf(ports.apiPort()));
      settings.put("api.host", HOST);
      settings.put("api.advertised.host", "localhost");
      settings.put("state.dir", stack.dataDir().resolve("streams").toString());
      // The demo's data is a year old: close its months as soon as the partition is idle.
      settings.put("period.idle.close.ms", "2000");
      settings.put("period.close.check.ms", "500");
      // Reference data first: the engine restores its global stores before processing, so no
      // movement is judged against a site, product or certificate still on its way.
      StringBuilder loaded = new StringBuilder("Loaded:");
      load(stack, false, loaded);
      try (EngineRunner engine = EngineRunner.start(settings)) {
        out.printf(
            "massbalance demo: bootstrap=%s registry=%s api=%s%n",
            stack.bootstrapServers(), stack.registryUrl(), engine.apiUrl());
        out.flush();
        long movements = load(stack, true, loaded);
        out.println(loaded);
        out.flush();
        awaitProcessed(engine, movements);
        List<Alert> alerts = readAlerts(stack, EXPECTED_ALERTS);
        Snapshot november = awaitSnapshot(engine, "FRESNO", "ALMONDS", YearMonth.of(2025, 11));
        printSummary(out, engine.queries().balances(), alerts);
        printSnapshot(out, november);
        out.println();
        out.println("Dashboard (while the demo runs): " + engine.apiUrl() + "/");
        printLabel(out, engine);
        out.println();
        out.println("Audit package of November 2025 (while the demo runs):");
        out.println(
            "  " + auditCommand(stack.bootstrapServers(), stack.registryUrl(), engine.apiUrl()));
        out.printf("%nDone in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        if (once) {
          out.flush();
          return 0;
        }
        out.printf(
            "The engine keeps running: try %s/health/ready and %s/metrics. Ctrl-C stops it.%n",
            engine.apiUrl(), engine.apiUrl());
        out.flush();
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook =
            new Thread(
                () -> {
                  engine.close();
                  try {
                    closed.await(30, java.util.concurrent.TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "massbalance-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
          engine.awaitTermination();
        } finally {
          closedLatch = closed;
        }
        return 0;
      }
    }
  }

  private long load(LocalStack stack, boolean wantMovements, StringBuilder loaded)
      throws Exception {
    Ingester ingester =
        new Ingester(
            new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of()),
            new PrintStream(PrintStream.nullOutputStream()),
            Clock.systemUTC());
    long movements = 0;
    if (!wantMovements) {
      loadCertificates(stack, loaded);
    }
    for (Map.Entry<Dataset<?>, String> file : FILES) {
      if ((file.getKey() == Dataset.MOVEMENTS) != wantMovements) {
        continue;
      }
      try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + file.getValue())) {
        if (in == null) {
          throw new IllegalStateException("demo file missing from the jar: " + file.getValue());
        }
        IngestSummary summary = ingester.ingest(file.getKey(), in, topicOf(file.getKey()));
        loaded.append(String.format(" %s (%d rows)", file.getValue(), summary.sent()));
        if (file.getKey() == Dataset.MOVEMENTS) {
          movements += summary.sent();
        }
      }
    }
    return movements;
  }

  private static void loadCertificates(LocalStack stack, StringBuilder loaded) throws Exception {
    Path sample = Files.createTempFile("massbalance-demo-", ".xlsx");
    try {
      try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + INTEGRITY_SAMPLE)) {
        if (in == null) {
          throw new IllegalStateException("demo file missing from the jar: " + INTEGRITY_SAMPLE);
        }
        Files.copy(in, sample, StandardCopyOption.REPLACE_EXISTING);
      }
      IntegritySummary summary =
          new IntegrityIngest(
                  new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of()),
                  topic -> Map.of(),
                  IntegrityLimits.defaults(),
                  Clock.systemUTC(),
                  new PrintStream(PrintStream.nullOutputStream()))
              .ingest(
                  sample, TopicDefaults.CERTIFICATES, false, IntegrityIngest.DEFAULT_REFRESH_AFTER);
      loaded.append(String.format(" %s (%d rows)", INTEGRITY_SAMPLE, summary.sent()));
    } finally {
      Files.deleteIfExists(sample);
    }
  }

  private static String topicOf(Dataset<?> d) {
    if (d == Dataset.MOVEMENTS) {
      return TopicDefaults.MOVEMENTS;
    } else if (d == Dataset.SITES) {
      return TopicDefaults.SITES;
    } else if (d == Dataset.PRODUCTS) {
      return TopicDefaults.PRODUCTS;
    }
    return TopicDefaults.CERTIFICATES;
  }

  private static void awaitProcessed(EngineRunner engine, long movements)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      if (engine.isRunning()) {
        try {
          long applied =
              engine.queries().balances().stream().mapToLong(BalanceView::movements).sum();
          if (applied >= movements) {
            return;
          }
        } catch (RuntimeException notYetQueryable) {
          // stores migrate during rebalances: ask again
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "the engine did not process the demo's " + movements + " movements within " + DEADLINE);
  }

  private static Snapshot awaitSnapshot(
      EngineRunner engine, String site, String product, YearMonth period)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      try {
        PeriodQueries q =
            new PeriodQueries(engine.queries().stores(), engine.queries().reference());
        Optional<Snapshot> s = q.snapshot(site, product, period, false);
        if (s.isPresent() && s.get().getRevision() > 0) {
          return s.get();
        }
      } catch (RuntimeException notYetQueryable) {
        // stores migrate during rebalances: ask again
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the " + period + " snapshot did not close within " + DEADLINE);
  }

  /**
   * The label of FRESNO's almonds on hand: its SVG's address and the GS1 Digital Link its QR code
   * holds (the engine resolves it to the lot's dashboard page).
   */
  private static void printLabel(PrintWriter out, EngineRunner engine) {
    try {
      List<org.massbalance.engine.query.LotOnHand> onHand =
          engine.queries().lots(false).lotsOnHand("FRESNO", "ALMONDS");
      if (onHand.isEmpty()) {
        return;
      }
      String lot = onHand.get(0).lotId();
      String gtin = engine.queries().reference().product("ALMONDS").gtin();
      out.println();
      out.printf(
          "Label of lot %s (while the demo runs): %s%n",
          lot, labelUrl(engine.apiUrl(), "FRESNO", "ALMONDS", lot));
      if (gtin != null) {
        out.printf(
            "  its QR code holds the lot's GS1 Digital Link: %s%n",
            org.massbalance.engine.labels.DigitalLink.uri(engine.apiUrl(), gtin, lot));
      }
    } catch (RuntimeException notQueryable) {
      // a rebalance: the summary goes on without the label
    }
  }

  /** The address of a lot's label. */
  static String labelUrl(String api, String site, String product, String lot) {
    return api
        + "/api/v1/lots/"
        + site
        + "/"
        + product
        + "/"
        + org.massbalance.engine.labels.DigitalLink.encode(lot)
        + "/label.svg";
  }

  /** The audit command line for the demo's month against this stack and engine. */
  static String auditCommand(String bootstrap, String registry, String api) {
    return "./massbalance audit --from 2025-11 --to 2025-11 --out /tmp/massbalance-audit"
        + " --bootstrap "
        + bootstrap
        + " --registry "
        + registry
        + " --api "
        + api;
  }

  static void printSnapshot(PrintWriter out, Snapshot s) {
    out.println();
    out.printf(
        "Snapshot %s %s %s (revision %d, %s; quantities in %s)%n",
        s.getSiteId(),
        s.getProductId(),
        s.getPeriod(),
        s.getRevision(),
        s.getStatus(),
        s.getUnit());
    out.printf(
        "  opening %s + receipts %s + transfers in %s - sales %s - waste %s - transfers out %s"
            + " + adjustments %s = expected closing %s%n",
        s.getOpening(),
        s.getReceipts(),
        s.getTransfersIn(),
        s.getSales(),
        s.getWaste(),
        s.getTransfersOut(),
        s.getAdjustments(),
        s.getExpectedClosing());
    out.printf(
        "  counted %s, count variance %s (%s %%), closing %s, waste %s %%%n",
        s.getCounted(), s.getCountVariance(), s.getVariancePct(), s.getClosing(), s.getWastePct());
  }

  private static List<Alert> readAlerts(LocalStack stack, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "massbalance-demo-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put("schema.registry.url", stack.registryUrl());
    ConfluentAvroDeserializer<Alert> values = new ConfluentAvroDeserializer<>(Alert.class);
    values.configure(Map.of("schema.registry.url", stack.registryUrl()), false);
    List<Alert> alerts = new ArrayList<>();
    try (KafkaConsumer<String, Alert> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(TopicDefaults.ALERTS));
      Instant deadline = Instant.now().plus(DEADLINE);
      while (alerts.size() < expected && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(200))) {
          alerts.add(r.value());
        }
      }
    }
    if (alerts.size() < expected) {
      throw new IllegalStateException(
          "expected "
              + expected
              + " alerts on "
              + TopicDefaults.ALERTS
              + ", read "
              + alerts.size());
    }
    return alerts;
  }

  static void printSummary(PrintWriter out, List<BalanceView> balances, List<Alert> alerts) {
    out.println();
    out.println("Balances (book after the last movement; the last COUNT against the book at it)");
    out.printf(
        "  %-8s %-8s %14s %14s %14s %22s%n",
        "site", "product", "book", "last count", "book at count", "count variance");
    balances.sort(Comparator.comparing(BalanceView::siteId).thenComparing(BalanceView::productId));
    for (BalanceView b : balances) {
      String unit = " " + b.unit().symbol();
      String count =
          b.lastCountKg() == null ? "-" : Decimals.presentKg(b.lastCountKg(), b.unit()) + unit;
      String bookAt =
          b.lastCountBookKg() == null
              ? "-"
              : Decimals.presentKg(b.lastCountBookKg(), b.unit()) + unit;
      String variance = "-";
      if (b.lastCountKg() != null) {
        variance = Decimals.presentKg(b.lastCountVarianceKg(), b.unit()) + unit;
        BigDecimal pct = b.lastCountVariancePct();
        if (pct != null) {
          variance += " (" + pct.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " %)";
        }
      }
      out.printf(
          "  %-8s %-8s %14s %14s %14s %22s%n",
          b.siteId(),
          b.productId(),
          Decimals.presentKg(b.bookKg(), b.unit()) + unit,
          count,
          bookAt,
          variance);
    }
    out.println();
    out.printf("Alerts (%d, read back from %s)%n", alerts.size(), TopicDefaults.ALERTS);
    for (Alert a : alerts) {
      out.printf(
          "  %-8s %-18s %s/%s %s %s: %s%n",
          a.getSeverity(),
          a.getType(),
          a.getSiteId(),
          a.getProductId(),
          a.getQuantity(),
          a.getUnit(),
          a.getMessage());
    }
  }
}
