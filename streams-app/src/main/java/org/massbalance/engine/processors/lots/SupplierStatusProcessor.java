package org.massbalance.engine.processors.lots;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.engine.domain.CertificateWatch;
import org.massbalance.engine.domain.Certification;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.LotAlerts;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.ledger.LedgerEvent;
import org.massbalance.engine.processors.reference.GlobalReferenceData;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.OpenLots;
import org.massbalance.engine.stores.StoreNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUPPLIER_STATUS_CHANGED by the wall clock: every status check interval, each task compares the
 * certificate records (global store) with the status and status_effective it last saw; when one
 * becomes SUSPENDED, REVOKED or SURRENDERED (a record seen for the first time counts as a change)
 * it raises one alert per site|product of this task holding lots on hand from that supplier,
 * listing them. Each site|product lives in exactly one task, so each alert is raised once; what was
 * seen is kept in a changelogged store, so a restart does not repeat it. It consumes no records: it
 * hangs on the ledger's output only to live in that sub-topology's tasks.
 *
 * <p>Finding the holders is a pass over the task's key states, done in slices (ADR 34): the
 * withdrawals one check finds make one pass, kept in the same store (under keys no NOP ID takes)
 * with the certificate records as read and the last key read; a punctuation reads at most {@link
 * CertificateWatch#statusPassKeys()} key states, the first slice in the check that found the
 * withdrawals and the next ones every {@link CertificateWatch#STATUS_PASS_SLICE_INTERVAL}, so no
 * punctuation holds the stream thread for a pass over every key. A slice's alerts come by NOP ID in
 * the order the check found them, then by {@code site|product|}; every alert carries the time of
 * the check that found the withdrawal. A pass that fits in one slice writes exactly what one full
 * pass wrote.
 */
public final class SupplierStatusProcessor
    implements Processor<String, LedgerEvent, String, Alert> {

  private static final Logger LOG = LoggerFactory.getLogger(SupplierStatusProcessor.class);

  /** Prefix of the passes' keys in the seen store: a NUL, which no NOP ID starts with. */
  static final String PASS_PREFIX = "\u0000pass\u0000";

  private static final String PASS_END = "\u0000pass\u0001";

  private final ReferenceDecoders decoders;
  private final CertificateWatch watch;
  private final EngineMetrics metrics;

  private ProcessorContext<String, Alert> context;
  private GlobalReferenceData reference;
  private ReadOnlyKeyValueStore<String, byte[]> certificates;
  private KeyValueStore<String, String> seen;
  private KeyValueStore<String, KeyState> books;
  private KeyValueStore<Bytes, byte[]> spill;
  private Cancellable slices;

  public SupplierStatusProcessor(
      ReferenceDecoders decoders, CertificateWatch watch, EngineMetrics metrics) {
    this.decoders = decoders;
    this.watch = watch;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.reference = decoders.reference(context);
    this.certificates = context.getStateStore(StoreNames.CERTIFICATES);
    this.seen = context.getStateStore(StoreNames.CERTIFICATE_STATUS_SEEN);
    this.books = context.getStateStore(StoreNames.BOOK);
    this.spill = context.getStateStore(StoreNames.LOTS_SPILL);
    context.schedule(watch.statusCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::check);
    if (firstPass() != null) {
      scheduleSlices();
    }
  }

  @Override
  public void process(Record<String, LedgerEvent> record) {
    // nothing (the ledger forwards none here): the work is done by the wall-clock punctuation
  }

  private void check(long nowMs) {
    long started = System.nanoTime();
    List<KeyValue<String, byte[]>> all = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = certificates.all()) {
      while (it.hasNext()) {
        all.add(it.next());
      }
    }
    Map<String, byte[]> withdrawn = new LinkedHashMap<>();
    for (KeyValue<String, byte[]> kv : all) {
      Certification c = certification(kv.key, kv.value);
      if (c == null) {
        continue;
      }
      String state = c.statusSeen();
      if (state.equals(seen.get(kv.key))) {
        continue;
      }
      seen.put(kv.key, state);
      if (CertificateWatch.withdrawn(c.status())) {
        withdrawn.put(kv.key, kv.value);
      }
    }
    if (!withdrawn.isEmpty()) {
      KeyValue<String, String> last = lastPass();
      long seq = last == null ? 0 : Long.parseLong(last.key.substring(PASS_PREFIX.length())) + 1;
      seen.put(passKey(seq), new Pass(nowMs, null, withdrawn).encode());
      if (runSlice() && slices == null) {
        scheduleSlices();
      }
    }
    metrics.punctuation("supplier-status", System.nanoTime() - started);
  }

  private Certification certification(String nopId, byte[] value) {
    try {
      return Certification.of(
          decoders.certificates().deserialize(decoders.certificatesTopic(), value));
    } catch (RuntimeException e) {
      LOG.warn("Certificate record '{}' cannot be read: {}", nopId, e.getMessage());
      return null;
    }
  }

  private void scheduleSlices() {
    slices =
        context.schedule(
            CertificateWatch.STATUS_PASS_SLICE_INTERVAL,
            PunctuationType.WALL_CLOCK_TIME,
            now -> {
              long started = System.nanoTime();
              if (!runSlice()) {
                slices.cancel();
                slices = null;
              }
              metrics.punctuation("supplier-status-pass", System.nanoTime() - started);
            });
  }

  /**
   * Reads at most {@link CertificateWatch#statusPassKeys()} key states for the pending passes, the
   * oldest first, raising their alerts; true when a pass is left for the next slice.
   */
  private boolean runSlice() {
    int budget = watch.statusPassKeys();
    while (true) {
      KeyValue<String, String> stored = firstPass();
      if (stored == null) {
        return false;
      }
      if (budget == 0) {
        return true;
      }
      Pass pass = Pass.decode(stored.value);
      Map<String, TreeMap<String, List<LotAlerts.HeldLot>>> holders = new HashMap<>();
      for (String nopId : pass.withdrawn.keySet()) {
        holders.put(nopId, new TreeMap<>(Keys.LEDGER_ORDER));
      }
      String last = null;
      boolean done = true;
      int read = 0;
      try (KeyValueIterator<String, KeyState> it =
          pass.after == null ? books.all() : books.range(pass.after, null)) {
        while (it.hasNext()) {
          KeyValue<String, KeyState> kv = it.next();
          if (kv.key.equals(pass.after)) {
            continue;
          }
          if (read == budget) {
            done = false;
            break;
          }
          read++;
          last = kv.key;
          hold(kv, holders);
        }
      }
      budget -= read;
      raise(pass, holders);
      if (done) {
        seen.delete(stored.key);
      } else {
        seen.put(stored.key, new Pass(pass.detectedMs, last, pass.withdrawn).encode());
        return true;
      }
    }
  }

  /** Adds the lots on hand of one key state to its suppliers' holders, when they are withdrawn. */
  private void hold(
      KeyValue<String, KeyState> kv, Map<String, TreeMap<String, List<LotAlerts.HeldLot>>> out) {
    for (KeyState.OpenLot l : OpenLots.all(spill, kv.key, kv.value)) {
      TreeMap<String, List<LotAlerts.HeldLot>> byKey = l.nopId == null ? null : out.get(l.nopId);
      if (byKey == null || l.remainingKg.signum() <= 0) {
        continue;
      }
      byKey
          .computeIfAbsent(kv.key, k -> new ArrayList<>())
          .add(new LotAlerts.HeldLot(l.lotId, l.remainingKg));
    }
  }

  /**
   * One alert per withdrawn NOP ID (in the pass's order) and site|product key of this slice holding
   * its lots (ordered by {@code site|product|} as UTF-8 bytes), each with its lots ordered by lot
   * id as UTF-8 bytes.
   */
  private void raise(Pass pass, Map<String, TreeMap<String, List<LotAlerts.HeldLot>>> holders) {
    Instant detected = Instant.ofEpochMilli(pass.detectedMs);
    for (Map.Entry<String, byte[]> w : pass.withdrawn.entrySet()) {
      TreeMap<String, List<LotAlerts.HeldLot>> byKey = holders.get(w.getKey());
      if (byKey.isEmpty()) {
        continue;
      }
      Certification c = certification(w.getKey(), w.getValue());
      if (c == null) {
        continue;
      }
      for (Map.Entry<String, List<LotAlerts.HeldLot>> e : byKey.entrySet()) {
        List<LotAlerts.HeldLot> held = e.getValue();
        held.sort(
            (a, b) ->
                Arrays.compareUnsigned(
                    a.lotId().getBytes(StandardCharsets.UTF_8),
                    b.lotId().getBytes(StandardCharsets.UTF_8)));
        String key = e.getKey();
        Keys.SiteProduct sp = Keys.parseLedger(key);
        ProductInfo product = reference.product(sp.productId());
        Alert alert =
            LotAlerts.supplierStatusChanged(
                w.getKey(), c, sp.siteId(), sp.productId(), product, held, detected);
        metrics.alert(alert.getType());
        context.forward(new Record<>(key, alert, pass.detectedMs));
      }
    }
  }

  private KeyValue<String, String> firstPass() {
    try (KeyValueIterator<String, String> it = seen.range(PASS_PREFIX, PASS_END)) {
      return it.hasNext() ? it.next() : null;
    }
  }

  private KeyValue<String, String> lastPass() {
    try (KeyValueIterator<String, String> it = seen.reverseRange(PASS_PREFIX, PASS_END)) {
      return it.hasNext() ? it.next() : null;
    }
  }

  private static String passKey(long seq) {
    return PASS_PREFIX + String.format("%019d", seq);
  }

  /**
   * A pass: when the check found the withdrawals, the last key state read (null before the first
   * slice), and the withdrawn NOP IDs with their certificate records as read, in the check's order.
   * Stored as text: the time, the last key (or {@code -}), then one line per NOP ID, each value in
   * Base64.
   */
  record Pass(long detectedMs, String after, Map<String, byte[]> withdrawn) {

    String encode() {
      Base64.Encoder b64 = Base64.getEncoder();
      StringBuilder s = new StringBuilder().append(detectedMs).append('\n');
      s.append(after == null ? "-" : b64.encodeToString(after.getBytes(StandardCharsets.UTF_8)));
      for (Map.Entry<String, byte[]> w : withdrawn.entrySet()) {
        s.append('\n')
            .append(b64.encodeToString(w.getKey().getBytes(StandardCharsets.UTF_8)))
            .append(' ')
            .append(b64.encodeToString(w.getValue()));
      }
      return s.toString();
    }

    static Pass decode(String text) {
      Base64.Decoder b64 = Base64.getDecoder();
      String[] lines = text.split("\n");
      String after =
          lines[1].equals("-") ? null : new String(b64.decode(lines[1]), StandardCharsets.UTF_8);
      Map<String, byte[]> withdrawn = new LinkedHashMap<>();
      for (int i = 2; i < lines.length; i++) {
        int space = lines[i].indexOf(' ');
        withdrawn.put(
            new String(b64.decode(lines[i].substring(0, space)), StandardCharsets.UTF_8),
            b64.decode(lines[i].substring(space + 1)));
      }
      return new Pass(Long.parseLong(lines[0]), after, withdrawn);
    }
  }
}
