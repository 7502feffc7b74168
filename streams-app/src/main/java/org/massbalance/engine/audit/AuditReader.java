package org.massbalance.engine.audit;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Product;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.export.SnapshotExport;
import org.massbalance.topics.TopicDefaults;

/**
 * Gathers an {@link AuditData}: closed snapshots (latest revision) and consolidated snapshots from
 * their compacted topics, certificates and products from theirs, alerts from the alert topic (all
 * read_committed), and the lots and back traces of the range's site|product keys from the engine's
 * paged API (ADR 11). Checks first that the cluster, the registry and the engine answer.
 */
public final class AuditReader {

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

  /**
   * Reads the package's data for {@code from..to} and {@code sites} (empty: every site).
   *
   * @throws AuditException when a source cannot be reached or the range has no closed snapshot
   */
  public AuditData read(YearMonth from, YearMonth to, List<String> sites, Instant generatedAt) {
    requireCluster();
    requireRegistry();
    engine.requireReady();
    progress.accept("reading " + TopicDefaults.SNAPSHOTS);
    List<Snapshot> snapshots = new ArrayList<>();
    for (Snapshot s :
        read(() ->
                SnapshotExport.latestRevisions(
                    clientSettings, TopicDefaults.SNAPSHOTS, Snapshot.class))
            .values()) {
      if (inRange(s.getPeriod(), from, to) && (sites.isEmpty() || sites.contains(s.getSiteId()))) {
        snapshots.add(s);
      }
    }
    if (snapshots.isEmpty()) {
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
    progress.accept(snapshots.size() + " closed snapshots");
    TreeSet<String> products = new TreeSet<>();
    TreeSet<String> keys = new TreeSet<>();
    for (Snapshot s : snapshots) {
      products.add(s.getProductId());
      keys.add(Keys.ledger(s.getSiteId(), s.getProductId()));
    }
    progress.accept("reading " + TopicDefaults.SNAPSHOTS_CONSOLIDATED);
    List<ConsolidatedSnapshot> consolidated = new ArrayList<>();
    for (ConsolidatedSnapshot c :
        read(() ->
                SnapshotExport.latestRevisions(
                    clientSettings,
                    TopicDefaults.SNAPSHOTS_CONSOLIDATED,
                    ConsolidatedSnapshot.class))
            .values()) {
      if (inRange(c.getPeriod(), from, to) && products.contains(c.getProductId())) {
        consolidated.add(c);
      }
    }
    progress.accept("reading " + TopicDefaults.CERTIFICATES + " and " + TopicDefaults.PRODUCTS);
    Map<String, SupplierCertificate> certificates =
        latest(TopicDefaults.CERTIFICATES, SupplierCertificate.class);
    Map<String, Product> productRecords = latest(TopicDefaults.PRODUCTS, Product.class);
    progress.accept("reading " + TopicDefaults.ALERTS);
    List<Alert> alerts = new ArrayList<>();
    read(
        () -> {
          SnapshotExport.readAll(
              clientSettings,
              TopicDefaults.ALERTS,
              Alert.class,
              (k, a) -> {
                if (a != null && alertInRange(a, from, to, sites)) {
                  alerts.add(a);
                }
              });
          return null;
        });
    progress.accept(alerts.size() + " alerts");
    List<AuditData.TracedMovement> traces = new ArrayList<>();
    List<AuditData.LotRecord> lots = new ArrayList<>();
    // Keys are read READERS at a time (one key's pages in order), and gathered in key order, so
    // the data does not depend on which answer comes first.
    ExecutorService pool = Executors.newFixedThreadPool(READERS);
    try {
      List<String> all = new ArrayList<>(keys);
      for (int start = 0; start < all.size(); start += BATCH) {
        List<Future<KeyRead>> batch = new ArrayList<>();
        for (String key : all.subList(start, Math.min(start + BATCH, all.size()))) {
          Keys.SiteProduct k = Keys.parseLedger(key);
          batch.add(
              pool.submit(
                  () ->
                      new KeyRead(
                          engine.traces(k.siteId(), k.productId(), from, to),
                          engine.lots(k.siteId(), k.productId()))));
        }
        for (Future<KeyRead> f : batch) {
          KeyRead r = result(f);
          traces.addAll(r.traces());
          lots.addAll(r.lots());
        }
        int done = Math.min(start + BATCH, all.size());
        progress.accept(
            "engine: "
                + done
                + "/"
                + keys.size()
                + " site|product keys read ("
                + traces.size()
                + " outbound movements, "
                + lots.size()
                + " lots)");
      }
    } finally {
      pool.shutdownNow();
    }
    progress.accept("reading the engine's investigations");
    List<AuditData.InvestigationRecord> investigations = new ArrayList<>();
    for (AuditData.InvestigationRecord r : engine.investigations()) {
      if (inRange(r.period(), from, to) && (sites.isEmpty() || sites.contains(r.siteId()))) {
        investigations.add(r);
      }
    }
    progress.accept("reading the engine's import certificates");
    List<ImportCertificatesSheet.Certificate> importCertificates =
        engine.importCertificates(from, to);
    progress.accept(importCertificates.size() + " import certificates drawn in the range");
    return new AuditData(
        from,
        to,
        sites,
        generatedAt,
        snapshots,
        consolidated,
        traces,
        lots,
        certificates,
        productRecords,
        alerts,
        investigations,
        importCertificates);
  }

  private <T extends org.apache.avro.specific.SpecificRecord> Map<String, T> latest(
      String topic, Class<T> type) {
    Map<String, T> out = new HashMap<>();
    read(
        () -> {
          SnapshotExport.readAll(
              clientSettings,
              topic,
              type,
              (k, v) -> {
                if (v == null) {
                  out.remove(k);
                } else {
                  out.put(k, v);
                }
              });
          return null;
        });
    return out;
  }

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

  /** Keys read at once from the engine. */
  private static final int READERS = 4;

  /** Keys per progress line; READERS of them are in flight at a time. */
  private static final int BATCH = 200;

  private record KeyRead(List<AuditData.TracedMovement> traces, List<AuditData.LotRecord> lots) {}

  private static KeyRead result(Future<KeyRead> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException("interrupted while reading the engine", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuditException a) {
        throw a;
      }
      throw new AuditException("reading the engine failed: " + e.getCause(), e.getCause());
    }
  }
}
