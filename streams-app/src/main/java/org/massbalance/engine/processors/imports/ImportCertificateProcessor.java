package org.massbalance.engine.processors.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.internal.ImportCertificateDraw;
import org.massbalance.avro.internal.ImportCertificateEntry;
import org.massbalance.avro.internal.ImportCertificateState;
import org.massbalance.engine.domain.ImportCertificateRules;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.stores.StoreNames;

/**
 * Import certificates, keyed by certificate number: the latest valid record of each and the draws
 * of the movements naming it, in the order this task processes them, whatever their site and
 * product ({@link ImportCertificateRules}). A record replaces the one before from then on; a draw
 * is judged once, against the record and the received total it finds, and stands (kept one entry
 * per draw in the draws store, for the query API and the audit). Alerts go out keyed by the
 * movement's {@code site|product}.
 */
public final class ImportCertificateProcessor implements Processor<String, Object, String, Alert> {

  private final EngineMetrics metrics;
  private final Outputs outputs;

  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, ImportCertificateState> certificates;
  private KeyValueStore<String, ImportCertificateEntry> draws;

  public ImportCertificateProcessor(EngineMetrics metrics, Outputs outputs) {
    this.metrics = metrics;
    this.outputs = outputs;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.certificates = context.getStateStore(StoreNames.IMPORT_CERTIFICATES);
    this.draws = context.getStateStore(StoreNames.IMPORT_CERTIFICATE_DRAWS);
  }

  @Override
  public void process(Record<String, Object> record) {
    if (record.value() instanceof ImportCertificate c) {
      certificate(record.key(), c);
    } else if (record.value() instanceof ImportCertificateDraw d) {
      draw(record.key(), d, record.timestamp());
    }
  }

  /** A valid record: used for every draw from now on. */
  private void certificate(String number, ImportCertificate c) {
    ImportCertificateState state = stateOf(number);
    state.setCertificate(c);
    state.setCertifiedKg(ImportCertificateRules.certifiedKg(c).toPlainString());
    state.setRecords(state.getRecords() + 1);
    certificates.put(number, state);
  }

  private void draw(String number, ImportCertificateDraw d, long timestamp) {
    ImportCertificateState state = stateOf(number);
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    ImportCertificateRules.Judgement j =
        ImportCertificateRules.judge(
            d, state.getCertificate(), new BigDecimal(state.getReceivedKg()), now);
    long sequence = state.getDraws() + 1;
    state.setDraws(sequence);
    state.setReceivedKg(j.receivedAfterKg().toPlainString());
    if (!state.getPeriods().contains(d.getPeriod())) {
      state.setPeriods(new ArrayList<>(new TreeSet<>(withPeriod(state.getPeriods(), d))));
    }
    certificates.put(number, state);
    List<String> types = new ArrayList<>();
    for (Alert a : j.alerts()) {
      types.add(a.getType());
    }
    draws.put(
        Keys.importCertificateDraw(number, sequence),
        ImportCertificateEntry.newBuilder()
            .setDraw(d)
            .setSequence(sequence)
            .setReceivedAfterKg(j.receivedAfterKg().toPlainString())
            .setKnown(j.known())
            .setAlerts(types)
            .build());
    for (Alert alert : j.alerts()) {
      metrics.alert(alert.getType());
      if (d.getIngestedAt() != null) {
        metrics.alertLatency(context.currentSystemTimeMs() - d.getIngestedAt());
      }
      outputs
          .alerts()
          .forward(
              context,
              new Record<>(Keys.ledger(d.getSiteId(), d.getProductId()), alert, timestamp));
    }
  }

  private static List<String> withPeriod(List<String> periods, ImportCertificateDraw d) {
    List<String> out = new ArrayList<>(periods);
    out.add(d.getPeriod());
    return out;
  }

  private ImportCertificateState stateOf(String number) {
    ImportCertificateState s = certificates.get(number);
    if (s != null) {
      return s;
    }
    return ImportCertificateState.newBuilder()
        .setCertificate(null)
        .setCertifiedKg(null)
        .setRecords(0)
        .setReceivedKg("0")
        .setDraws(0)
        .setPeriods(new ArrayList<>())
        .build();
  }

  /**
   * Where the import-certificate processor sends what it found.
   *
   * @param alerts IMPORT_CERTIFICATE_OVERDRAWN, _UNKNOWN, _OUT_OF_VALIDITY and _PRODUCT_MISMATCH,
   *     keyed by the movement's {@code site|product}
   */
  public record Outputs(Output<Alert> alerts) {}
}
