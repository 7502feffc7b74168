package org.massbalance.engine.processors.lots;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.config.KeyPartitions;
import org.massbalance.engine.domain.CertificateWatch;
import org.massbalance.engine.domain.Certification;
import org.massbalance.engine.domain.ExpiryWarnings;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.ledger.LedgerEvent;
import org.massbalance.engine.stores.StoreNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CERTIFICATE_EXPIRING by the wall clock: every check interval, each task of the ledger
 * sub-topology reads the certificates it owns (the NOP IDs whose murmur2 partition is the task's,
 * so one task in the whole application watches each certificate) and warns once per NOP ID,
 * expires_on and threshold when a certified operation's {@code expires_on} comes within a warning
 * threshold (the tightest one reached). What it has warned about is kept in a changelogged store,
 * so a restart does not warn again. It consumes no records: it hangs on the ledger's output only to
 * live in that sub-topology's tasks. Alerts are keyed by NOP ID.
 */
public final class CertificateExpiryProcessor
    implements Processor<String, LedgerEvent, String, Alert> {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiryProcessor.class);

  private final Deserializer<SupplierCertificate> deserializer;
  private final String topic;
  private final CertificateWatch warnings;
  private final int partitions;
  private final EngineMetrics metrics;

  private ProcessorContext<String, Alert> context;
  private ReadOnlyKeyValueStore<String, byte[]> certificates;
  private KeyValueStore<String, Long> warned;

  public CertificateExpiryProcessor(
      Deserializer<SupplierCertificate> deserializer,
      String topic,
      CertificateWatch warnings,
      int partitions,
      EngineMetrics metrics) {
    this.deserializer = deserializer;
    this.topic = topic;
    this.warnings = warnings;
    this.partitions = partitions;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.certificates = context.getStateStore(StoreNames.CERTIFICATES);
    this.warned = context.getStateStore(StoreNames.CERTIFICATE_EXPIRY);
    if (!warnings.days().isEmpty()) {
      context.schedule(warnings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::check);
    }
  }

  @Override
  public void process(Record<String, LedgerEvent> record) {
    // nothing (the ledger forwards none here): the work is done by the wall-clock punctuation
  }

  private void check(long nowMs) {
    int partition = context.taskId().partition();
    Instant now = Instant.ofEpochMilli(nowMs);
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<KeyValue<String, byte[]>> owned = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = certificates.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (KeyPartitions.owner(kv.key, partitions) == partition) {
          owned.add(kv);
        }
      }
    }
    for (KeyValue<String, byte[]> kv : owned) {
      Certification c;
      try {
        c = Certification.of(deserializer.deserialize(topic, kv.value));
      } catch (RuntimeException e) {
        LOG.warn("Certificate record '{}' cannot be read: {}", kv.key, e.getMessage());
        continue;
      }
      Optional<ExpiryWarnings.Warning> due = ExpiryWarnings.due(kv.key, c, today, warnings, now);
      if (due.isEmpty() || warned.get(due.get().key()) != null) {
        continue;
      }
      warned.put(due.get().key(), nowMs);
      Alert alert = due.get().alert();
      metrics.alert(alert.getType());
      context.forward(new Record<>(kv.key, alert, nowMs));
    }
  }
}
