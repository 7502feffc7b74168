package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.cli.MassBalanceCli;
import org.massbalance.engine.export.SnapshotExport;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.generate.GenerateCommand;
import org.massbalance.producers.generate.KafkaMovementSink;
import org.massbalance.producers.generate.MovementGenerator;
import org.massbalance.producers.generate.ReferenceData;
import org.massbalance.producers.generate.Throttler;
import org.massbalance.producers.generate.WorkloadConfig;
import org.massbalance.producers.ingest.KafkaProducerFactory;
import org.massbalance.topics.TopicDefaults;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The estate benchmark (not part of {@code verify}; {@code ./mvnw -B verify -pl deploy -am -Pbench
 * -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false}): the bench workload (seed 42, 100 sites x
 * 1,000 products, 400,000 movements in January 2026, 1 % faults) through the engine, January closed
 * by the idle close on a pinned wall clock, then
 *
 * <ul>
 *   <li>{@code massbalance audit --from 2026-01 --to 2026-01} in a JVM of its own with {@code -Xmx}
 *       {@value #AUDIT_HEAP}, timed against a baseline measured in the same run: {@code export
 *       snapshots --period 2026-01} (reading the same closed snapshots, nothing else) in a JVM with
 *       the same heap (the contract's bound: at most 4 x the baseline); then the same with {@code
 *       --site} of one site (the contract's bound: at most 10 s);
 *   <li>the dashboard's overview in headless Chromium: from navigation to the first page of rows
 *       shown, and to the next page after a click.
 * </ul>
 *
 * Figures go to stdout and {@code target/estate-bench.txt}; docs/benchmarks.md records them. {@code
 * -Destate.records=}, {@code -Destate.sites=} and {@code -Destate.products=} shrink it.
 */
class EstateBenchmark {

  private static final String APP_ID = "massbalance-estate-bench";
  private static final String AUDIT_HEAP = "1g";

  /** January is closed in every zone (end + 3 days' grace), February in none. */
  private static final Instant WALL_CLOCK = Instant.parse("2026-02-10T00:00:00Z");

  private static final Duration LONG = Duration.ofMinutes(30);

  @TempDir Path tmp;

  @Test
  void shouldWriteAMonthsAuditPackageWithBoundedHeapAndShowTheOverview() throws Exception {
    int sites = Integer.getInteger("estate.sites", 100);
    int products = Integer.getInteger("estate.products", 1000);
    long records = Long.getLong("estate.records", 400_000);
    WorkloadConfig workload =
        new WorkloadConfig(
            42,
            sites,
            products,
            sites * products,
            records,
            LocalDate.of(2026, 1, 1),
            28,
            0.01,
            "m-");
    List<String> report = new ArrayList<>();
    report.add(
        String.format(
            "estate: %d movements, %d sites x %d products, %d cores",
            records, sites, products, Runtime.getRuntime().availableProcessors()));
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"))) {
      KafkaProducerFactory producers =
          new KafkaProducerFactory(stack.bootstrapServers(), stack.registryUrl(), Map.of());
      try (KafkaMovementSink sink =
          new KafkaMovementSink(producers, TopicDefaults.MOVEMENTS, System::currentTimeMillis)) {
        sink.reference(ReferenceData.of(workload));
        GenerateCommand.pump(
            new MovementGenerator(workload), new Throttler(0, Throttler.SYSTEM), sink, null);
      }
      Properties settings = ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID);
      settings.put("period.idle.close.ms", "5000");
      settings.put("period.close.check.ms", "1000");
      long t0 = System.nanoTime();
      try (EngineRunner engine =
          EngineRunner.start(settings, SettableClock.startingAt(WALL_CLOCK))) {
        try (Admin admin = ItSupport.admin(stack)) {
          await("the engine commits the end of the input")
              .atMost(LONG)
              .pollInterval(Duration.ofSeconds(1))
              .until(() -> ItSupport.lag(admin, APP_ID, TopicDefaults.MOVEMENTS) == 0);
        }
        Map<String, Object> clients =
            Map.of(
                "bootstrap.servers", stack.bootstrapServers(),
                "schema.registry.url", stack.registryUrl());
        await("every key's January snapshot closed")
            .atMost(LONG)
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () ->
                    SnapshotExport.latest(clients, TopicDefaults.SNAPSHOTS, "2026-01", null).size()
                        == balancesTotal(engine.apiUrl()));
        int keys = balancesTotal(engine.apiUrl());
        report.add(
            String.format(
                "engine: input processed and January closed in %.1f s; %d keys, %d snapshots",
                (System.nanoTime() - t0) / 1e9, keys, keys));

        if (!Boolean.parseBoolean(System.getProperty("estate.audit", "true"))) {
          report.addAll(overview(engine.apiUrl(), keys));
          report.forEach(System.out::println);
          return;
        }
        String[] cluster = {
          "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl()
        };
        Timed baseline =
            cli(
                tmp.resolve("export.log"),
                concat(
                    new String[] {"export", "snapshots", "--period", "2026-01", "--format", "csv"},
                    cluster));
        Path out = tmp.resolve("audit");
        Timed audit =
            cli(
                tmp.resolve("audit.log"),
                concat(
                    new String[] {
                      "audit",
                      "--from",
                      "2026-01",
                      "--to",
                      "2026-01",
                      "--out",
                      out.toString(),
                      "--api",
                      engine.apiUrl()
                    },
                    cluster));
        assertThat(baseline.exit).as(baseline.log).isZero();
        assertThat(audit.exit).as(audit.log).isZero();
        Path oneSite = tmp.resolve("audit-one-site");
        Timed site =
            cli(
                tmp.resolve("audit-site.log"),
                concat(
                    new String[] {
                      "audit",
                      "--from",
                      "2026-01",
                      "--to",
                      "2026-01",
                      "--site",
                      ReferenceData.siteId(0),
                      "--out",
                      oneSite.toString(),
                      "--api",
                      engine.apiUrl()
                    },
                    cluster));
        assertThat(site.exit).as(site.log).isZero();
        long zip = Files.size(out.resolve("audit-2026-01-2026-01.zip"));
        report.add(
            String.format(
                "audit: -Xmx%s, %.1f s, zip %d MB; baseline export snapshots (-Xmx%s) %.1f s;"
                    + " ratio audit/baseline %.1f",
                AUDIT_HEAP,
                audit.seconds,
                zip >> 20,
                AUDIT_HEAP,
                baseline.seconds,
                audit.seconds / baseline.seconds));
        report.add(
            String.format(
                "audit --site %s: -Xmx%s, %.1f s (ratio to baseline %.2f)",
                ReferenceData.siteId(0),
                AUDIT_HEAP,
                site.seconds,
                site.seconds / baseline.seconds));
        for (String line : audit.log.split("\n")) {
          report.add("  " + line.trim());
        }
        report.addAll(overview(engine.apiUrl(), keys));
      }
    }
    report.forEach(System.out::println);
    Path file = Path.of(System.getProperty("basedir", "."), "target", "estate-bench.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
  }

  /** The overview's first page, then the next, in headless Chromium. */
  private List<String> overview(String apiUrl, int keys) throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    WebDriver browser = new ChromeDriver(service, options);
    List<String> out = new ArrayList<>();
    try {
      // Warm the browser and the API once (the first JIT of the list endpoint), then measure.
      browser.get(apiUrl + "/");
      waitForRows(browser, "1–");
      browser.get("about:blank");
      long t = System.nanoTime();
      browser.get(apiUrl + "/");
      waitForRows(browser, "1–");
      double first = (System.nanoTime() - t) / 1e9;
      String pager = browser.findElement(By.cssSelector(".pager span")).getText();
      assertThat(pager).endsWith("of " + keys);
      t = System.nanoTime();
      browser.findElement(By.xpath("//div[@class='pager']/button[2]")).click();
      waitForRows(browser, "101–");
      double next = (System.nanoTime() - t) / 1e9;
      int rows = browser.findElements(By.cssSelector("tr[data-key]")).size();
      out.add(
          String.format(
              "overview: first page (%d rows of %d keys) shown %.2f s after navigation;"
                  + " next page %.2f s after the click",
              rows, keys, first, next));
    } finally {
      browser.quit();
    }
    return out;
  }

  private static void waitForRows(WebDriver browser, String pagerStart) {
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .pollingEvery(Duration.ofMillis(10))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d ->
                !d.findElements(By.cssSelector("tr[data-key]")).isEmpty()
                    && d.findElements(By.cssSelector(".pager span")).stream()
                        .anyMatch(e -> e.getText().startsWith(pagerStart)));
  }

  private static int balancesTotal(String apiUrl) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/balances?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode body = new ObjectMapper().readTree(r.body());
    return body.path("total").asInt(-1);
  }

  private record Timed(int exit, double seconds, String log) {}

  /** The command line in a JVM of its own with a bounded heap. */
  private static Timed cli(Path log, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + AUDIT_HEAP);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MassBalanceCli.class.getName());
    command.addAll(List.of(args));
    long t = System.nanoTime();
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(LONG.toMinutes(), TimeUnit.MINUTES)).as("finished").isTrue();
    double seconds = (System.nanoTime() - t) / 1e9;
    return new Timed(p.exitValue(), seconds, Files.readString(log, StandardCharsets.UTF_8));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
