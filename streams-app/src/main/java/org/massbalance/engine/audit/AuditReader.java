package org.massbalance.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Movement;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.io.ExternalSort;
import org.massbalance.engine.audit.io.SortKey;
import org.massbalance.serde.ConfluentAvroDeserializer;
import org.massbalance.topics.TopicDefaults;

/**
 * Reads an audit range (ADR 33), every source at once: the closed snapshots (latest revision) and
 * the consolidated snapshots from their compacted topics, certificates, products and sites from
 * theirs, alerts from the alert topic, the receipts' documents from the movements topic (the engine
 * keeps none), all read_committed; and from the engine, every instance in parallel, each
 * partition's keys with their back traces, lots and arrivals, the transformations and the
 * investigation cases. What can be large goes to sorted files as it is read ({@link SpooledInput}):
 * memory does not grow with the range. With sites asked for, topic records of other sites are left
 * out by their key before they are decoded and the engine reads only those sites' keys. Checks
 * first that the cluster, the registry and the engine answer.
 */
public final class AuditReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What each external sort keeps in memory before it writes a run. */
  private static final long SORT_MEMORY = 32L << 20;

  /** Movements are read from this long before the range: none can be dated before it. */
  private static final Duration MOVEMENTS_LEAD = Duration.ofDays(2);

  private final Map<String, Object> clientSettings;
  private final EngineClient engine;
  private final Consumer<String> progress;

  /**
   * A reader of the cluster and registry in {@code clientSettings} ({@code bootstrap.servers},
   * {@code schema.registry.url}, and any client setting) and the engine API at {@code apiUrl}.
   *
   * @param token the API's bearer token, or null
   * @param progress told what is being read, one line at a time
   */
  public AuditReader(
      Map<String, Object> clientSettings, String apiUrl, String token, Consumer<String> progress) {
    this.clientSettings = Map.copyOf(clientSettings);
    this.engine =
        new EngineClient(
            apiUrl, token, apiUrl == null ? null : apiTls(this.clientSettings), progress);
    this.progress = progress;
  }

  /** The engine client this reader uses. */
  EngineClient engine() {
    return engine;
  }

  /**
   * Reads the package's input for {@code from..to} and {@code sites} (empty: every site), spooled
   * into a temporary directory; close it when written.
   *
   * @throws AuditException when a source cannot be reached or the range has no closed snapshot
   */
  public AuditInput read(YearMonth from, YearMonth to, List<String> sites, Instant generatedAt) {
    return read(from, to, sites, generatedAt, null);
  }

  /**
   * As {@link #read(YearMonth, YearMonth, List, Instant)}, spooling under {@code spoolDir} (null:
   * the system's temporary directory).
   */
  public AuditInput read(
      YearMonth from, YearMonth to, List<String> sites, Instant generatedAt, Path spoolDir) {
    requireCluster();
    requireRegistry();
    engine.requireReady();
    Path work;
    try {
      work =
          spoolDir == null
              ? Files.createTempDirectory("massbalance-audit-")
              : Files.createTempDirectory(Files.createDirectories(spoolDir), ".audit-spool-");
    } catch (IOException e) {
      throw new AuditException("cannot create a spool directory: " + e.getMessage(), e);
    }
    AuditInput.Scope scope = new AuditInput.Scope(from, to, sites, generatedAt);
    ExternalSort snapshots = new ExternalSort(work, "snapshots", SORT_MEMORY);
    ExternalSort alerts = new ExternalSort(work, "alerts", SORT_MEMORY);
    ExternalSort documents = new ExternalSort(work, "documents", SORT_MEMORY / 2);
    ExternalSort investigations = new ExternalSort(work, "investigations", SORT_MEMORY / 4);
    ExternalSort transformations = new ExternalSort(work, "transformations", SORT_MEMORY / 2);
    Map<String, SupplierCertificate> certificates = new ConcurrentHashMap<>();
    Map<String, Product> products = new ConcurrentHashMap<>();
    Map<String, Site> siteRecords = new ConcurrentHashMap<>();
    List<ConsolidatedSnapshot> consolidated = new ArrayList<>();
    List<ImportCertificatesSheet.Certificate> importCertificates = new ArrayList<>();
    List<PeriodSignOff> signOffs = new ArrayList<>();
    List<Path> ledger = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    boolean ok = false;
    try {
      List<Future<?>> tasks = new ArrayList<>();
      tasks.add(pool.submit(() -> readSnapshots(scope, snapshots)));
      tasks.add(pool.submit(() -> readAlerts(scope, alerts)));
      tasks.add(pool.submit(() -> readDocuments(scope, documents)));
      tasks.add(
          pool.submit(
              () -> {
                consolidated.addAll(readConsolidated(scope));
                certificates.putAll(latest(TopicDefaults.CERTIFICATES, SupplierCertificate.class));
                products.putAll(latest(TopicDefaults.PRODUCTS, Product.class));
                siteRecords.putAll(latest(TopicDefaults.SITES, Site.class));
                progress.accept(
                    "reference data: "
                        + certificates.size()
                        + " certificates, "
                        + products.size()
                        + " products, "
                        + siteRecords.size()
                        + " sites, "
                        + consolidated.size()
                        + " consolidated snapshots");
                return null;
              }));
      tasks.add(
          pool.submit(
              () -> {
                BulkReader bulk = new BulkReader(engine, work, progress);
                List<Path> files = bulk.read(BulkReader.Kind.LEDGER, from, to, sites);
                synchronized (ledger) {
                  ledger.addAll(files);
                }
                return null;
              }));
      tasks.add(
          pool.submit(
              () -> {
                BulkReader bulk = new BulkReader(engine, work, progress);
                for (Path p : bulk.read(BulkReader.Kind.TRANSFORMATIONS, from, to, sites)) {
                  spoolTransformations(p, transformations);
                }
                readInvestigations(scope, investigations);
                return null;
              }));
      tasks.add(
          pool.submit(
              () -> {
                signOffs.addAll(readSignOffs(scope));
                importCertificates.addAll(engine.importCertificates(from, to));
                progress.accept(
                    signOffs.size()
                        + " signed months, "
                        + importCertificates.size()
                        + " import certificates drawn in the range");
                return null;
              }));
      for (Future<?> f : tasks) {
        result(f);
      }
      if (snapshots.count() == 0) {
        throw new AuditException(
            "no closed snapshot in "
                + from
                + (from.equals(to) ? "" : " to " + to)
                + (sites.isEmpty() ? "" : " for site " + String.join(", ", sites))
                + " on "
                + TopicDefaults.SNAPSHOTS
                + " (a month closes once the engine's stream time passes its end plus the grace"
                + " period, or when the partition is idle)");
      }
      SpooledInput in =
          new SpooledInput(
              scope,
              new AuditInput.Reference(
                  certificates, products, siteRecords, consolidated, importCertificates, signOffs),
              clientSettings,
              snapshots,
              alerts,
              documents,
              investigations,
              transformations,
              ledger,
              work,
              engine::trace);
      ok = true;
      return in;
    } finally {
      pool.shutdownNow();
      if (!ok) {
        for (ExternalSort s :
            List.of(snapshots, alerts, documents, investigations, transformations)) {
          s.close();
        }
        deleteAll(work);
      }
    }
  }

  // ---------------------------------------------------------------- the topics

  /**
   * The snapshots of the range and sites, by key (site, product, period, then the order read): the
   * key says the period and site, so others are left out undecoded; a tombstone is an empty value.
   */
  private Void readSnapshots(AuditInput.Scope scope, ExternalSort sort) {
    AtomicLong seq = new AtomicLong();
    read(
        () -> {
          TopicReader.read(
              clientSettings,
              TopicDefaults.SNAPSHOTS,
              null,
              (key, value) -> {
                if (key == null) {
                  return;
                }
                String[] k = key.split("\\|", -1);
                if (k.length != 3 || !scope.inRange(k[2]) || !scope.inScope(k[0])) {
                  return;
                }
                sort.add(
                    new SortKey()
                        .text(k[0])
                        .text(k[1])
                        .text(k[2])
                        .number(seq.getAndIncrement())
                        .bytes(),
                    value == null ? new byte[0] : value);
              });
          return null;
        });
    progress.accept(TopicDefaults.SNAPSHOTS + ": " + sort.count() + " records of the range read");
    return null;
  }

  /** The alerts of the range and sites, by site, product, occurred_at, type and id. */
  private Void readAlerts(AuditInput.Scope scope, ExternalSort sort) {
    ConfluentAvroDeserializer<Alert> decoder = decoder(Alert.class);
    List<String> sites = scope.sites();
    read(
        () -> {
          TopicReader.read(
              clientSettings,
              TopicDefaults.ALERTS,
              null,
              (key, value) -> {
                if (value == null || (!sites.isEmpty() && otherSite(key, sites))) {
                  return;
                }
                Alert a = decoder.deserialize(TopicDefaults.ALERTS, value);
                if (a != null && alertInRange(a, scope.from(), scope.to(), sites)) {
                  sort.add(
                      new SortKey()
                          .text(a.getSiteId())
                          .text(a.getProductId())
                          .text(a.getOccurredAt())
                          .text(a.getType())
                          .text(a.getAlertId())
                          .bytes(),
                      value);
                }
              });
          return null;
        });
    progress.accept(TopicDefaults.ALERTS + ": " + sort.count() + " alerts of the range");
    return null;
  }

  /** Whether a {@code site|...} key names a site other than {@code sites}. */
  private static boolean otherSite(String key, List<String> sites) {
    if (key == null) {
      return false;
    }
    int bar = key.indexOf('|');
    return bar > 0 && !sites.contains(key.substring(0, bar));
  }

  /**
   * The RECEIPTs' documents of the range: read from the movements topic from a little before the
   * range (a movement is stamped when it is sent, never more than 24 hours before its date), the
   * first record of a movement id kept.
   */
  private Void readDocuments(AuditInput.Scope scope, ExternalSort sort) {
    ConfluentAvroDeserializer<Movement> decoder = decoder(Movement.class);
    List<String> sites = scope.sites();
    long start =
        scope
            .from()
            .atDay(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .minus(MOVEMENTS_LEAD)
            .minus(Duration.ofDays(1))
            .toEpochMilli();
    AtomicLong seq = new AtomicLong();
    read(
        () -> {
          TopicReader.read(
              clientSettings,
              TopicDefaults.MOVEMENTS,
              start,
              (key, value) -> {
                if (value == null || (!sites.isEmpty() && otherSite(key, sites))) {
                  return;
                }
                Movement m;
                try {
                  m = decoder.deserialize(TopicDefaults.MOVEMENTS, value);
                } catch (RuntimeException e) {
                  return; // the engine rejects what cannot be decoded: no lot, no receipt
                }
                if (m == null
                    || m.getType() == null
                    || !"RECEIPT".equals(m.getType().strip().toUpperCase(Locale.ROOT))
                    || blank(m.getDocumentRef())
                    || blank(m.getSiteId())
                    || blank(m.getProductId())
                    || blank(m.getMovementId())) {
                  return;
                }
                String site = m.getSiteId().strip();
                if (!scope.inScope(site)) {
                  return;
                }
                String product = m.getProductId().strip();
                String id = m.getMovementId().strip();
                sort.add(
                    new SortKey()
                        .text(site)
                        .text(product)
                        .text(id)
                        .number(seq.getAndIncrement())
                        .bytes(),
                    RowCodec.encode(new Object[] {site, product, id, m.getDocumentRef().strip()}));
              });
          return null;
        });
    progress.accept(TopicDefaults.MOVEMENTS + ": " + sort.count() + " receipts' documents");
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The consolidated snapshots of the range (latest revision), small: products x months. */
  private List<ConsolidatedSnapshot> readConsolidated(AuditInput.Scope scope) {
    ConfluentAvroDeserializer<ConsolidatedSnapshot> decoder = decoder(ConsolidatedSnapshot.class);
    Map<String, ConsolidatedSnapshot> latest = new HashMap<>();
    read(
        () -> {
          TopicReader.read(
              clientSettings,
              TopicDefaults.SNAPSHOTS_CONSOLIDATED,
              null,
              (key, value) -> {
                if (key == null) {
                  return;
                }
                int bar = key.lastIndexOf('|');
                if (bar < 0 || !scope.inRange(key.substring(bar + 1))) {
                  return;
                }
                if (value == null) {
                  latest.remove(key);
                  return;
                }
                ConsolidatedSnapshot c =
                    decoder.deserialize(TopicDefaults.SNAPSHOTS_CONSOLIDATED, value);
                ConsolidatedSnapshot known = latest.get(key);
                if (known == null || known.getRevision() <= c.getRevision()) {
                  latest.put(key, c);
                }
              });
          return null;
        });
    return new ArrayList<>(latest.values());
  }

  /**
   * The sign-offs of the range's months at the sites asked for, from the compacted {@code
   * mass-balance-signoffs} (key {@code site|product|yyyy-MM}; a month is signed once).
   */
  private List<PeriodSignOff> readSignOffs(AuditInput.Scope scope) {
    ConfluentAvroDeserializer<PeriodSignOff> decoder = decoder(PeriodSignOff.class);
    Map<String, PeriodSignOff> latest = new HashMap<>();
    read(
        () -> {
          try {
            TopicReader.read(
                clientSettings,
                TopicDefaults.SIGNED,
                null,
                (key, value) -> {
                  if (key == null) {
                    return;
                  }
                  String[] k = key.split("\\|", -1);
                  if (k.length != 3 || !scope.inRange(k[2]) || !scope.inScope(k[0])) {
                    return;
                  }
                  if (value == null) {
                    latest.remove(key);
                    return;
                  }
                  latest.put(key, decoder.deserialize(TopicDefaults.SIGNED, value));
                });
          } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().contains("does not exist")) {
              throw e;
            }
            progress.accept(TopicDefaults.SIGNED + " does not exist: no month is signed");
          }
          return null;
        });
    List<PeriodSignOff> out = new ArrayList<>(latest.values());
    out.sort(
        java.util.Comparator.comparing(PeriodSignOff::getSiteId)
            .thenComparing(PeriodSignOff::getProductId)
            .thenComparing(PeriodSignOff::getPeriod));
    return out;
  }

  /** The latest record of each key of a compacted reference topic (tombstones remove it). */
  private <T extends org.apache.avro.specific.SpecificRecord> Map<String, T> latest(
      String topic, Class<T> type) {
    ConfluentAvroDeserializer<T> decoder = decoder(type);
    Map<String, T> out = new HashMap<>();
    read(
        () -> {
          TopicReader.read(
              clientSettings,
              topic,
              null,
              (k, v) -> {
                if (v == null) {
                  out.remove(k);
                } else {
                  try {
                    out.put(k, decoder.deserialize(topic, v));
                  } catch (RuntimeException e) {
                    out.remove(k); // an unreadable record: the engine applies the defaults
                  }
                }
              });
          return null;
        });
    return out;
  }

  private <T extends org.apache.avro.specific.SpecificRecord> ConfluentAvroDeserializer<T> decoder(
      Class<T> type) {
    ConfluentAvroDeserializer<T> d = new ConfluentAvroDeserializer<>(type);
    d.configure(clientSettings, false);
    return d;
  }

  // ---------------------------------------------------------------- the engine

  private static void spoolTransformations(Path file, ExternalSort sort) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      LineReader lines = new LineReader(in);
      while (lines.next()) {
        byte[] line = java.util.Arrays.copyOf(lines.bytes(), lines.length());
        JsonNode t = JSON.readTree(line).path("transformation");
        sort.add(
            new SortKey()
                .text(t.path("site_id").asText())
                .text(t.path("occurred_at").asText())
                .text(t.path("transformation_id").asText())
                .bytes(),
            line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // removed with the spool directory
      }
    }
  }

  private void readInvestigations(AuditInput.Scope scope, ExternalSort sort) {
    long n = 0;
    for (AuditData.InvestigationRecord r : engine.investigations()) {
      if (inRange(r.period(), scope.from(), scope.to()) && scope.inScope(r.siteId())) {
        sort.add(
            new SortKey().text(r.siteId()).text(r.productId()).text(r.period()).bytes(),
            RowCodec.encode(SpooledInput.row(r)));
        n++;
      }
    }
    progress.accept("engine: " + n + " investigation cases of the range");
  }

  // ---------------------------------------------------------------- checks and helpers

  static boolean inRange(String period, YearMonth from, YearMonth to) {
    if (period == null || !period.matches("\\d{4}-\\d{2}")) {
      return false;
    }
    YearMonth p = YearMonth.parse(period);
    return !p.isBefore(from) && !p.isAfter(to);
  }

  /** An alert of the range: by its period, else by the month of occurred_at (UTC). */
  public static boolean alertInRange(Alert a, YearMonth from, YearMonth to, List<String> sites) {
    if (!sites.isEmpty() && (a.getSiteId() == null || !sites.contains(a.getSiteId()))) {
      return false;
    }
    if (a.getPeriod() != null) {
      return inRange(a.getPeriod(), from, to);
    }
    String at = a.getOccurredAt();
    return at != null && at.length() >= 7 && inRange(at.substring(0, 7), from, to);
  }

  private interface Read<T> {
    T get();
  }

  /** Runs a topic read; a failure becomes a readable {@link AuditException}. */
  private <T> T read(Read<T> r) {
    try {
      return r.get();
    } catch (AuditException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AuditException(
          "reading the topics failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()),
          e);
    }
  }

  private static void result(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException("interrupted while reading", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuditException a) {
        throw a;
      }
      throw new AuditException(
          "reading failed: "
              + (e.getCause().getMessage() == null
                  ? e.getCause().toString()
                  : e.getCause().getMessage()),
          e.getCause());
    }
  }

  private static void deleteAll(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  private void requireCluster() {
    String bootstrap =
        String.valueOf(clientSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    try {
      org.massbalance.commandline.ClusterCheck.requireCluster(new HashMap<>(clientSettings));
      progress.accept("cluster " + bootstrap + " reached");
    } catch (java.io.UncheckedIOException e) {
      throw new AuditException(e.getCause().getMessage(), e);
    }
  }

  private void requireRegistry() {
    String first = String.valueOf(clientSettings.get("schema.registry.url")).split(",")[0].trim();
    try {
      org.massbalance.commandline.ClusterCheck.requireRegistry(new HashMap<>(clientSettings));
      progress.accept("schema registry " + first + " reached");
    } catch (java.io.UncheckedIOException e) {
      throw new AuditException(e.getCause().getMessage(), e);
    }
  }

  /**
   * The TLS context for the engine's HTTPS API: the trust store {@code api.tls.truststore.*} of the
   * client settings, or null (the JDK's default trust).
   */
  static javax.net.ssl.SSLContext apiTls(Map<String, Object> settings) {
    Object location = settings.get("api.tls.truststore.location");
    if (location == null || String.valueOf(location).isBlank()) {
      return null;
    }
    Object password = settings.get("api.tls.truststore.password");
    Object type = settings.get("api.tls.truststore.type");
    try {
      return org.massbalance.security.TlsStores.client(
          "api.tls.truststore.location",
          String.valueOf(location),
          type == null ? null : String.valueOf(type),
          password == null ? null : String.valueOf(password));
    } catch (IllegalArgumentException e) {
      throw new AuditException(e.getMessage(), e);
    }
  }
}
