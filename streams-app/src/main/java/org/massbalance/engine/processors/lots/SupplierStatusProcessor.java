package org.massbalance.engine.processors.lots;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
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
 */
public final class SupplierStatusProcessor
    implements Processor<String, LedgerEvent, String, Alert> {

  private static final Logger LOG = LoggerFactory.getLogger(SupplierStatusProcessor.class);

  private final ReferenceDecoders decoders;
  private final CertificateWatch watch;
  private final EngineMetrics metrics;

  private ProcessorContext<String, Alert> context;
  private GlobalReferenceData reference;
  private ReadOnlyKeyValueStore<String, byte[]> certificates;
  private KeyValueStore<String, String> seen;
  private KeyValueStore<String, KeyState> books;
  private KeyValueStore<Bytes, byte[]> spill;

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
  }

  @Override
  public void process(Record<String, LedgerEvent> record) {
    // nothing (the ledger forwards none here): the work is done by the wall-clock punctuation
  }

  private void check(long nowMs) {
    List<KeyValue<String, byte[]>> all = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = certificates.all()) {
      while (it.hasNext()) {
        all.add(it.next());
      }
    }
    Map<String, Certification> withdrawn = new LinkedHashMap<>();
    for (KeyValue<String, byte[]> kv : all) {
      Certification c;
      try {
        c =
            Certification.of(
                decoders.certificates().deserialize(decoders.certificatesTopic(), kv.value));
      } catch (RuntimeException e) {
        LOG.warn("Certificate record '{}' cannot be read: {}", kv.key, e.getMessage());
        continue;
      }
      String state = c.statusSeen();
      if (state.equals(seen.get(kv.key))) {
        continue;
      }
      seen.put(kv.key, state);
      if (CertificateWatch.withdrawn(c.status())) {
        withdrawn.put(kv.key, c);
      }
    }
    if (withdrawn.isEmpty()) {
      return;
    }
    Map<String, TreeMap<String, List<LotAlerts.HeldLot>>> holders = holders(withdrawn.keySet());
    Instant now = Instant.ofEpochMilli(nowMs);
    for (Map.Entry<String, Certification> w : withdrawn.entrySet()) {
      for (Map.Entry<String, List<LotAlerts.HeldLot>> e : holders.get(w.getKey()).entrySet()) {
        String key = e.getKey();
        Keys.SiteProduct sp = Keys.parseLedger(key);
        ProductInfo product = reference.product(sp.productId());
        Alert alert =
            LotAlerts.supplierStatusChanged(
                w.getKey(), w.getValue(), sp.siteId(), sp.productId(), product, e.getValue(), now);
        metrics.alert(alert.getType());
        context.forward(new Record<>(key, alert, nowMs));
      }
    }
  }

  /**
   * For each withdrawn NOP ID, the site|product keys of this task holding lots on hand from it,
   * ordered by {@code site|product|} as UTF-8 bytes, each with its lots ordered by lot id as UTF-8
   * bytes: one scan of the task's key states and the lots they spilled, for all of them (a
   * withdrawal is rare; no per-movement index is kept for it).
   */
  private Map<String, TreeMap<String, List<LotAlerts.HeldLot>>> holders(Set<String> nopIds) {
    Map<String, TreeMap<String, List<LotAlerts.HeldLot>>> out = new HashMap<>();
    for (String nopId : nopIds) {
      out.put(nopId, new TreeMap<>(Keys.LEDGER_ORDER));
    }
    try (KeyValueIterator<String, KeyState> it = books.all()) {
      while (it.hasNext()) {
        KeyValue<String, KeyState> kv = it.next();
        for (KeyState.OpenLot l : OpenLots.all(spill, kv.key, kv.value)) {
          TreeMap<String, List<LotAlerts.HeldLot>> byKey =
              l.nopId == null ? null : out.get(l.nopId);
          if (byKey == null || l.remainingKg.signum() <= 0) {
            continue;
          }
          byKey
              .computeIfAbsent(kv.key, k -> new ArrayList<>())
              .add(new LotAlerts.HeldLot(l.lotId, l.remainingKg));
        }
      }
    }
    for (TreeMap<String, List<LotAlerts.HeldLot>> byKey : out.values()) {
      for (List<LotAlerts.HeldLot> held : byKey.values()) {
        held.sort(
            (a, b) ->
                Arrays.compareUnsigned(
                    a.lotId().getBytes(StandardCharsets.UTF_8),
                    b.lotId().getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }
}
