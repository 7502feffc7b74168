package org.massbalance.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.audit.AuditData.Arrival;
import org.massbalance.engine.audit.AuditData.InvestigationRecord;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.ProcessRecord;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.audit.io.CloseableIterator;
import org.massbalance.engine.audit.io.ExternalSort;
import org.massbalance.engine.audit.io.KWayMerge;
import org.massbalance.serde.ConfluentAvroDeserializer;

/**
 * An audit range read into sorted files (ADR 33): snapshots, alerts, investigation cases and
 * receipt documents in external sorts by site and product, the engine's partitions as they were
 * spooled (each already in (site, product) order) and the transformations sorted by site, time and
 * id. {@link #groups()} merges them into one site|product after another; memory holds one group.
 * Closing deletes the files.
 */
final class SpooledInput implements AuditInput {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Scope scope;
  private final Reference reference;
  private final Map<String, Object> clientSettings;
  private final ExternalSort snapshots;
  private final ExternalSort alerts;
  private final ExternalSort documents;
  private final ExternalSort investigations;
  private final ExternalSort transformations;
  private final List<Path> ledger;
  private final Path work;
  private final ArrivalResolver arrivals;

  /** Reads the lots a transfer carried from its origin (outside the package's sites). */
  @FunctionalInterface
  interface ArrivalResolver {
    /** The back trace of {@code movementId} at {@code site|product}, or null. */
    TracedMovement trace(String site, String product, String movementId);
  }

  SpooledInput(
      Scope scope,
      Reference reference,
      Map<String, Object> clientSettings,
      ExternalSort snapshots,
      ExternalSort alerts,
      ExternalSort documents,
      ExternalSort investigations,
      ExternalSort transformations,
      List<Path> ledger,
      Path work,
      ArrivalResolver arrivals) {
    this.scope = scope;
    this.reference = reference;
    this.clientSettings = clientSettings;
    this.snapshots = snapshots;
    this.alerts = alerts;
    this.documents = documents;
    this.investigations = investigations;
    this.transformations = transformations;
    this.ledger = List.copyOf(ledger);
    this.work = work;
    this.arrivals = arrivals;
  }

  @Override
  public Scope scope() {
    return scope;
  }

  @Override
  public Reference reference() {
    return reference;
  }

  @Override
  public CloseableIterator<ProcessRecord> transformationRecords() {
    CloseableIterator<ExternalSort.Entry> it = transformations.sorted();
    return map(it, e -> EngineJson.transformation(transformationNode(e.value())));
  }

  private static JsonNode transformationNode(byte[] line) {
    try {
      return JSON.readTree(line).path("transformation");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CloseableIterator<KeyGroup> groups() {
    return new Groups();
  }

  @Override
  public void close() {
    for (ExternalSort s : List.of(snapshots, alerts, documents, investigations, transformations)) {
      s.close();
    }
    try (Stream<Path> files = Files.list(work)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(work);
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  // ---------------------------------------------------------------- the merge

  /** A site and a product (empty for none), ordered site first. */
  private record Key(String site, String product) implements Comparable<Key> {
    static Key of(String site, String product) {
      return new Key(site == null ? "" : site, product == null ? "" : product);
    }

    @Override
    public int compareTo(Key o) {
      int c = site.compareTo(o.site);
      return c != 0 ? c : product.compareTo(o.product);
    }
  }

  /** An iterator with a look at its next item. */
  private static final class Peek<T> {
    private final CloseableIterator<T> it;
    private final Function<T, Key> key;
    private T head;

    Peek(CloseableIterator<T> it, Function<T, Key> key) {
      this.it = it;
      this.key = key;
      advance();
    }

    private void advance() {
      head = it.hasNext() ? it.next() : null;
    }

    Key key() {
      return head == null ? null : key.apply(head);
    }

    /** The items of {@code k} at the head, taken. */
    List<T> take(Key k) {
      List<T> out = new ArrayList<>();
      while (head != null && key.apply(head).equals(k)) {
        out.add(head);
        advance();
      }
      return out;
    }

    void close() {
      it.close();
    }
  }

  /** One site|product's line of the engine's bulk read. */
  private record Bundle(Key key, JsonNode line) {}

  private final class Groups implements CloseableIterator<KeyGroup> {
    private final ConfluentAvroDeserializer<Snapshot> snapshotDecoder = decoder(Snapshot.class);
    private final ConfluentAvroDeserializer<Alert> alertDecoder = decoder(Alert.class);
    private final Peek<Snapshot> snaps =
        new Peek<>(latestSnapshots(), s -> Key.of(s.getSiteId(), s.getProductId()));
    private final Peek<Alert> alertsIn =
        new Peek<>(
            map(alerts.sorted(), e -> alertDecoder.deserialize("alerts", e.value())),
            a -> Key.of(a.getSiteId(), a.getProductId()));
    private final Peek<InvestigationRecord> cases =
        new Peek<>(
            map(investigations.sorted(), e -> investigation(RowCodec.decode(e.value()))),
            r -> Key.of(r.siteId(), r.productId()));
    private final Peek<String[]> docs =
        new Peek<>(map(documents.sorted(), e -> document(e.value())), d -> Key.of(d[0], d[1]));
    private final Peek<Bundle> bundles =
        new Peek<>(
            // the k-way merge of the engine's partition files by (site, product)
            new KWayMerge<>(ledger, SpooledInput::bundles, Comparator.comparing(Bundle::key)),
            Bundle::key);
    private KeyGroup next;

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public KeyGroup next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      KeyGroup g = next;
      next = null;
      return g;
    }

    private KeyGroup advance() {
      Key k =
          min(min(min(min(snaps.key(), alertsIn.key()), cases.key()), docs.key()), bundles.key());
      if (k == null) {
        return null;
      }
      List<Snapshot> s = snaps.take(k);
      List<Alert> a = alertsIn.take(k);
      List<InvestigationRecord> r = cases.take(k);
      Map<String, String> d = new HashMap<>();
      for (String[] doc : docs.take(k)) {
        d.putIfAbsent(doc[2], doc[3]);
      }
      List<TracedMovement> traces = new ArrayList<>();
      List<LotRecord> lots = new ArrayList<>();
      List<Arrival> arrived = new ArrayList<>();
      for (Bundle b : bundles.take(k)) {
        JsonNode l = b.line();
        String unit = l.path("unit").asText(null);
        for (JsonNode t : l.path("traces")) {
          traces.add(EngineJson.trace(k.site(), k.product(), unit, t));
        }
        for (JsonNode lot : l.path("lots")) {
          lots.add(EngineJson.lot(k.site(), k.product(), unit, lot));
        }
        for (JsonNode x : l.path("arrivals")) {
          arrived.add(resolve(EngineJson.arrival(k.site(), k.product(), unit, x)));
        }
      }
      traces.sort(AuditRows.TRACE_ORDER);
      lots.sort(AuditRows.LOT_ORDER);
      arrived.sort(Comparator.comparing(Arrival::occurredAt).thenComparing(Arrival::movementId));
      return new KeyGroup(k.site(), k.product(), s, traces, lots, arrived, a, r, d);
    }

    @Override
    public void close() {
      snaps.close();
      alertsIn.close();
      cases.close();
      docs.close();
      bundles.close();
      snapshotDecoder.close();
      alertDecoder.close();
    }

    /** The latest revision of each site|product|period (tombstones remove a key). */
    private CloseableIterator<Snapshot> latestSnapshots() {
      CloseableIterator<ExternalSort.Entry> it = snapshots.sorted();
      return new CloseableIterator<>() {
        private ExternalSort.Entry pending = it.hasNext() ? it.next() : null;
        private Snapshot next;

        @Override
        public boolean hasNext() {
          while (next == null && pending != null) {
            byte[] group = SnapshotKeys.group(pending.key());
            Snapshot known = null;
            while (pending != null
                && java.util.Arrays.equals(SnapshotKeys.group(pending.key()), group)) {
              byte[] v = pending.value();
              if (v.length == 0) {
                known = null;
              } else {
                Snapshot s = snapshotDecoder.deserialize("snapshots", v);
                if (known == null || known.getRevision() <= s.getRevision()) {
                  known = s;
                }
              }
              pending = it.hasNext() ? it.next() : null;
            }
            next = known;
          }
          return next != null;
        }

        @Override
        public Snapshot next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Snapshot s = next;
          next = null;
          return s;
        }

        @Override
        public void close() {
          it.close();
        }
      };
    }
  }

  private Arrival resolve(Arrival a) {
    if (scope.inScope(a.originSiteId()) || arrivals == null) {
      return a;
    }
    TracedMovement t = arrivals.trace(a.originSiteId(), a.productId(), a.movementId());
    if (t == null) {
      return a;
    }
    return new Arrival(
        a.siteId(),
        a.productId(),
        a.movementId(),
        a.occurredAt(),
        a.originSiteId(),
        a.quantity(),
        a.unit(),
        t.documentRef(),
        t.lots());
  }

  private static Key min(Key a, Key b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) <= 0 ? a : b;
  }

  private <T extends org.apache.avro.specific.SpecificRecord> ConfluentAvroDeserializer<T> decoder(
      Class<T> type) {
    ConfluentAvroDeserializer<T> d = new ConfluentAvroDeserializer<>(type);
    d.configure(clientSettings, false);
    return d;
  }

  private static InvestigationRecord investigation(Object[] r) {
    return new InvestigationRecord(
        (String) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        (Boolean) r[5],
        (Boolean) r[6],
        (String) r[7],
        (String) r[8],
        (String) r[9],
        (String) r[10],
        (String) r[11],
        (String) r[12]);
  }

  /** An investigation case as a row (see {@link #investigation}). */
  static Object[] row(InvestigationRecord r) {
    return new Object[] {
      r.siteId(),
      r.productId(),
      r.period(),
      r.status(),
      r.dueOn(),
      r.overdue(),
      r.late(),
      r.cause(),
      r.explanation(),
      r.correctiveAction(),
      r.certifierNotifiedOn(),
      r.investigatedBy(),
      r.recordedAt()
    };
  }

  /** A receipt document: site, product, movement id, document (see {@link AuditReader}). */
  private static String[] document(byte[] value) {
    Object[] r = RowCodec.decode(value);
    return new String[] {(String) r[0], (String) r[1], (String) r[2], (String) r[3]};
  }

  private static <A, B> CloseableIterator<B> map(CloseableIterator<A> it, Function<A, B> f) {
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public B next() {
        return f.apply(it.next());
      }

      @Override
      public void close() {
        it.close();
      }
    };
  }

  /** An engine partition file read bundle by bundle (one NDJSON line each). */
  private static KWayMerge.Reader<Bundle> bundles(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    LineReader lines = new LineReader(in);
    return new KWayMerge.Reader<>() {
      @Override
      public Bundle read() throws IOException {
        if (!lines.next()) {
          return null;
        }
        JsonNode n = JSON.readTree(lines.bytes(), 0, lines.length());
        return new Bundle(Key.of(n.path("site_id").asText(), n.path("product_id").asText()), n);
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  /** The grouping part of a snapshot sort key: the key without its sequence number. */
  static final class SnapshotKeys {
    private SnapshotKeys() {}

    /** The sort key without its last 8 bytes (the sequence). */
    static byte[] group(byte[] key) {
      return java.util.Arrays.copyOf(key, key.length - 8);
    }
  }

  /** The UTF-8 bytes of {@code s}. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
