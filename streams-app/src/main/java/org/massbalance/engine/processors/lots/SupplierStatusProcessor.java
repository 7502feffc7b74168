package org.massbalance.engine.processors.lots;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.massbalance.engine.domain.AlertIds;
import org.massbalance.engine.domain.AlertType;
import org.massbalance.engine.domain.Alerts;
import org.massbalance.engine.domain.CertificateWatch;
import org.massbalance.engine.domain.Certification;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.Keys;
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
      String state = c.status() + "|" + (c.statusEffective() == null ? "" : c.statusEffective());
      if (state.equals(seen.get(kv.key))) {
        continue;
      }
      seen.put(kv.key, state);
      if (CertificateWatch.withdrawn(c.status())) {
        alertHolders(kv.key, c, Instant.ofEpochMilli(nowMs), nowMs);
      }
    }
  }

  /**
   * One alert per site|product of this task holding lots on hand from {@code nopId}: found by a
   * scan of the task's key states and the lots they spilled (a withdrawal is rare; no per-movement
   * index is kept for it), ordered by {@code site|product|lot_id} as UTF-8 bytes.
   */
  private void alertHolders(String nopId, Certification c, Instant now, long nowMs) {
    TreeMap<byte[], List<KeyState.OpenLot>> byKey = new TreeMap<>(Arrays::compareUnsigned);
    try (KeyValueIterator<String, KeyState> it = books.all()) {
      while (it.hasNext()) {
        KeyValue<String, KeyState> kv = it.next();
        List<KeyState.OpenLot> held = new ArrayList<>();
        for (KeyState.OpenLot l : OpenLots.all(spill, kv.key, kv.value)) {
          if (nopId.equals(l.nopId) && l.remainingKg.signum() > 0) {
            held.add(l);
          }
        }
        if (!held.isEmpty()) {
          held.sort(
              (a, b) ->
                  Arrays.compareUnsigned(
                      a.lotId.getBytes(StandardCharsets.UTF_8),
                      b.lotId.getBytes(StandardCharsets.UTF_8)));
          byKey.put(Keys.under(kv.key).getBytes(StandardCharsets.UTF_8), held);
        }
      }
    }
    for (Map.Entry<byte[], List<KeyState.OpenLot>> e : byKey.entrySet()) {
      List<KeyState.OpenLot> held = e.getValue();
      String key = new String(e.getKey(), 0, e.getKey().length - 1, StandardCharsets.UTF_8);
      String site = key.substring(0, key.indexOf('|'));
      String product = key.substring(key.indexOf('|') + 1);
      ProductInfo p = reference.product(product);
      BigDecimal total = BigDecimal.ZERO;
      List<String> listed = new ArrayList<>();
      for (KeyState.OpenLot l : held) {
        BigDecimal kg = l.remainingKg;
        total = total.add(kg);
        listed.add(l.lotId + " (" + Alerts.amount(kg, p) + ")");
      }
      String effective = c.statusEffective() == null ? "" : c.statusEffective().toString();
      Map<String, String> details = new LinkedHashMap<>();
      details.put("nop_id", nopId);
      details.put("status", c.status());
      details.put("status_effective", effective);
      details.put("lots", String.join(", ", listed));
      Alert alert =
          Alert.newBuilder()
              .setAlertId(
                  AlertIds.of(
                      AlertType.SUPPLIER_STATUS_CHANGED,
                      nopId,
                      site,
                      product,
                      null,
                      null,
                      c.status() + "@" + effective))
              .setType(AlertType.SUPPLIER_STATUS_CHANGED.name())
              .setSeverity(AlertType.SUPPLIER_STATUS_CHANGED.severity().name())
              .setSiteId(site)
              .setProductId(product)
              .setQuantity(Decimals.presentKg(total, p.unit()))
              .setUnit(p.unit().symbol())
              .setDetectedAt(now.toString())
              .setMessage(
                  String.format(
                      "Supplier NOP ID %s is %s%s; %s at %s holds its lots %s.",
                      nopId,
                      c.status(),
                      effective.isEmpty() ? "" : " since " + effective,
                      product,
                      site,
                      String.join(", ", listed)))
              .setDetails(details)
              .build();
      metrics.alert(alert.getType());
      context.forward(new Record<>(key, alert, nowMs));
    }
  }
}
