package org.massbalance.engine.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.SiteFigures;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.config.TopologySettings;
import org.massbalance.engine.processors.LedgerEvent;
import org.massbalance.engine.processors.ProcessorSuppliers;
import org.massbalance.engine.processors.Reroute;
import org.massbalance.engine.processors.Withdrawn;
import org.massbalance.engine.stores.StoreNames;

/**
 * The engine's topology, built from settings alone (no I/O):
 *
 * <pre>
 * movements ─► validate ─┬─ rejected ─────────────────────────────────► inventory-movements-rejected
 *                        ├─ wrong key/partition ─► movements-reroute ─┐
 *                        └─ right partition ──────────────────────────┤
 * transfers (arrivals, keyed by destination) ─────────────────────────┤
 *                                                                     ▼
 *   ledger (the key's compact state, history, de-duplication) ─┬─► alerts
 *                                                              ├─► rejected
 *                                                              └─► applied ─┬─► lots ─┬─► alerts
 *                                                                           │         └─► transfers
 *                                                                           ├─► certificate expiry,
 *                                                                           │   supplier status ─► alerts
 *                                                                           └─► periods ─┬─► snapshots (tombstone when withdrawn)
 *                                                                                        ├─► alerts
 *                                                                                        ├─► investigations ─► alerts
 *                                                                                        └─► snapshots-by-product
 *                                                                                            ─► consolidation ─► consolidated
 * variance-investigations ─► check ─┬─ bad ─► rejected
 *                                   └─► investigations-by-ledger ─► investigations
 * every alert ─► alert recorder (recent alerts for the API) ─► mass-balance-alerts
 * sites, products, certificates ─► global stores (look-ups)
 * </pre>
 *
 * The ledger key is {@code site|product}, so a movement, its balance and its de-duplication live in
 * one task, in order.
 */
public final class MassBalanceTopology {

  private MassBalanceTopology() {}

  /** Builds the topology. */
  public static Topology build(TopologySettings settings) {
    Topics t = settings.topics();
    StreamsBuilder builder = new StreamsBuilder();

    builder.addGlobalStore(
        ProcessorSuppliers.globalStore(StoreNames.SITES),
        t.sites().name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(Names.SITES_LOADER + "-source"),
        ProcessorSuppliers.globalLoader(StoreNames.SITES));
    builder.addGlobalStore(
        ProcessorSuppliers.globalStore(StoreNames.PRODUCTS),
        t.products().name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray())
            .withName(Names.PRODUCTS_LOADER + "-source"),
        ProcessorSuppliers.globalLoader(StoreNames.PRODUCTS));
    builder.addGlobalStore(
        ProcessorSuppliers.globalStore(StoreNames.CERTIFICATES),
        t.certificates().name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray())
            .withName(Names.CERTIFICATES_LOADER + "-source"),
        ProcessorSuppliers.globalLoader(StoreNames.CERTIFICATES));

    KStream<String, Object> validated =
        builder.stream(t.movements().name(), t.movements().consumed(Names.MOVEMENTS_SOURCE))
            .process(ProcessorSuppliers.validate(settings), Named.as(Names.VALIDATE));

    Map<String, KStream<String, Object>> routes =
        validated
            .split(Named.as(Names.VALIDATED_PREFIX))
            .branch((k, v) -> v instanceof RejectedRecord, Branched.as("rejected"))
            .branch((k, v) -> v instanceof Reroute, Branched.as("reroute"))
            .defaultBranch(Branched.as("direct"));

    routes
        .get(Names.VALIDATED_PREFIX + "rejected")
        .mapValues(v -> (RejectedRecord) v, Named.as(Names.VALIDATED_PREFIX + "rejected-cast"))
        .to(t.rejected().name(), t.rejected().produced(Names.REJECTED_SINK));

    KStream<String, LedgerInput> rerouted =
        routes
            .get(Names.VALIDATED_PREFIX + "reroute")
            .mapValues(
                v -> ((Reroute) v).input(), Named.as(Names.VALIDATED_PREFIX + "reroute-unwrap"))
            .repartition(
                Repartitioned.<String, LedgerInput>as(Names.REROUTE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(t.ledgerInputSerde()));

    KStream<String, LedgerInput> direct =
        routes
            .get(Names.VALIDATED_PREFIX + "direct")
            .mapValues(v -> (LedgerInput) v, Named.as(Names.VALIDATED_PREFIX + "direct-cast"));

    KStream<String, LedgerInput> arrivals =
        builder.stream(t.transfers().name(), t.transfers().consumed(Names.TRANSFERS_SOURCE));

    builder.addStateStore(ProcessorSuppliers.lotsStore());
    KStream<String, Object> ledgerOut =
        direct
            .merge(rerouted, Named.as(Names.LEDGER_INPUT + "-rerouted"))
            .merge(arrivals, Named.as(Names.LEDGER_INPUT))
            .process(ProcessorSuppliers.ledger(settings), Named.as(Names.LEDGER), StoreNames.LOTS);

    Map<String, KStream<String, Object>> outs =
        ledgerOut
            .split(Named.as(Names.LEDGER_OUT_PREFIX))
            .branch((k, v) -> v instanceof Alert, Branched.as("alerts"))
            .branch((k, v) -> v instanceof RejectedRecord, Branched.as("rejected"))
            .branch((k, v) -> v instanceof LedgerEvent, Branched.as("applied"))
            .noDefaultBranch();

    KStream<String, Alert> ledgerAlerts =
        outs.get(Names.LEDGER_OUT_PREFIX + "alerts")
            .mapValues(v -> (Alert) v, Named.as(Names.LEDGER_OUT_PREFIX + "alerts-cast"));
    outs.get(Names.LEDGER_OUT_PREFIX + "rejected")
        .mapValues(v -> (RejectedRecord) v, Named.as(Names.LEDGER_OUT_PREFIX + "rejected-cast"))
        .to(t.rejected().name(), t.rejected().produced(Names.LEDGER_REJECTED_SINK));

    KStream<String, LedgerEvent> applied =
        outs.get(Names.LEDGER_OUT_PREFIX + "applied")
            .mapValues(v -> (LedgerEvent) v, Named.as(Names.LOTS + "-input"));
    Map<String, KStream<String, Object>> lotsOuts =
        applied
            .process(
                ProcessorSuppliers.lots(settings),
                Named.as(Names.LOTS),
                StoreNames.LOTS,
                StoreNames.BOOK)
            .split(Named.as(Names.LOTS_OUT_PREFIX))
            .branch((k, v) -> v instanceof Alert, Branched.as("alerts"))
            .branch((k, v) -> v instanceof LedgerInput, Branched.as("transfers"))
            .noDefaultBranch();
    KStream<String, Alert> lotAlerts =
        lotsOuts
            .get(Names.LOTS_OUT_PREFIX + "alerts")
            .mapValues(v -> (Alert) v, Named.as(Names.LOTS_OUT_PREFIX + "alerts-cast"));
    lotsOuts
        .get(Names.LOTS_OUT_PREFIX + "transfers")
        .mapValues(v -> (LedgerInput) v, Named.as(Names.LOTS_OUT_PREFIX + "transfers-cast"))
        .to(t.transfers().name(), t.transfers().produced(Names.TRANSFERS_SINK));
    KStream<String, Alert> certificateAlerts =
        applied.process(
            ProcessorSuppliers.certificateExpiry(settings), Named.as(Names.CERTIFICATE_EXPIRY));
    KStream<String, Alert> supplierAlerts =
        applied.process(
            ProcessorSuppliers.supplierStatus(settings),
            Named.as(Names.SUPPLIER_STATUS),
            StoreNames.BOOK,
            StoreNames.LOTS_SPILL);

    Map<String, KStream<String, Object>> periodOuts =
        applied
            .process(
                ProcessorSuppliers.periods(settings),
                Named.as(Names.PERIODS),
                StoreNames.HISTORY,
                StoreNames.BOOK)
            .split(Named.as(Names.PERIODS_OUT_PREFIX))
            .branch((k, v) -> v instanceof Snapshot, Branched.as("snapshots"))
            .branch((k, v) -> v instanceof Withdrawn, Branched.as("withdrawn"))
            .branch((k, v) -> v instanceof SiteFigures, Branched.as("figures"))
            .branch((k, v) -> v instanceof Alert, Branched.as("alerts"))
            .noDefaultBranch();
    periodOuts
        .get(Names.PERIODS_OUT_PREFIX + "snapshots")
        .mapValues(v -> (Snapshot) v, Named.as(Names.PERIODS_OUT_PREFIX + "snapshots-cast"))
        .to(t.snapshots().name(), t.snapshots().produced(Names.SNAPSHOTS_SINK));
    periodOuts
        .get(Names.PERIODS_OUT_PREFIX + "withdrawn")
        .mapValues(v -> (Snapshot) null, Named.as(Names.PERIODS_OUT_PREFIX + "withdrawn-tombstone"))
        .to(t.snapshots().name(), t.snapshots().produced(Names.SNAPSHOT_TOMBSTONES_SINK));
    KStream<String, Alert> periodAlerts =
        periodOuts
            .get(Names.PERIODS_OUT_PREFIX + "alerts")
            .mapValues(v -> (Alert) v, Named.as(Names.PERIODS_OUT_PREFIX + "alerts-cast"));
    KStream<String, Alert> investigationAlerts = investigations(builder, settings, periodOuts);
    ledgerAlerts
        .merge(investigationAlerts, Named.as(Names.ALERTS + "-investigations"))
        .merge(lotAlerts, Named.as(Names.ALERTS + "-lots"))
        .merge(certificateAlerts, Named.as(Names.ALERTS + "-certificates"))
        .merge(supplierAlerts, Named.as(Names.ALERTS + "-suppliers"))
        .merge(periodAlerts, Named.as(Names.ALERTS))
        .process(ProcessorSuppliers.alertRecorder(), Named.as(Names.ALERT_RECORDER))
        .to(t.alerts().name(), t.alerts().produced(Names.ALERTS_SINK));
    periodOuts
        .get(Names.PERIODS_OUT_PREFIX + "figures")
        .mapValues(v -> (SiteFigures) v, Named.as(Names.PERIODS_OUT_PREFIX + "figures-cast"))
        .repartition(
            Repartitioned.<String, SiteFigures>as(Names.SNAPSHOTS_BY_PRODUCT)
                .withKeySerde(Serdes.String())
                .withValueSerde(t.siteFiguresSerde()))
        .process(ProcessorSuppliers.consolidation(settings), Named.as(Names.CONSOLIDATION))
        .to(t.consolidated().name(), t.consolidated().produced(Names.CONSOLIDATED_SINK));

    return builder.build();
  }

  /**
   * Variance investigations: the records of {@code variance-investigations} are checked (rejected
   * ones go to the rejected topic) and re-keyed {@code site|product} through a repartition topic
   * with the movements topic's partition count, so each meets its snapshots, published by the
   * period processor of the same ledger task, in the investigation processor.
   */
  private static KStream<String, Alert> investigations(
      StreamsBuilder builder,
      TopologySettings settings,
      Map<String, KStream<String, Object>> periodOuts) {
    Topics t = settings.topics();
    String prefix = Names.INVESTIGATIONS_VALIDATED_PREFIX;
    Map<String, KStream<String, Object>> routes =
        builder.stream(
                t.investigations().name(), t.investigations().consumed(Names.INVESTIGATIONS_SOURCE))
            .process(
                ProcessorSuppliers.validateInvestigations(settings),
                Named.as(Names.INVESTIGATIONS_VALIDATE))
            .split(Named.as(prefix))
            .branch((k, v) -> v instanceof RejectedRecord, Branched.as("rejected"))
            .defaultBranch(Branched.as("valid"));
    routes
        .get(prefix + "rejected")
        .mapValues(v -> (RejectedRecord) v, Named.as(prefix + "rejected-cast"))
        .to(t.rejected().name(), t.rejected().produced(Names.INVESTIGATIONS_REJECTED_SINK));
    Repartitioned<String, Investigation> byLedger =
        Repartitioned.<String, Investigation>as(Names.INVESTIGATIONS_BY_LEDGER)
            .withKeySerde(Serdes.String())
            .withValueSerde(t.investigationInternalSerde());
    if (settings.movementsPartitions() > 0) {
      byLedger = byLedger.withNumberOfPartitions(settings.movementsPartitions());
    }
    KStream<String, Object> valid =
        routes
            .get(prefix + "valid")
            .mapValues(v -> (Investigation) v, Named.as(prefix + "valid-cast"))
            .repartition(byLedger)
            .mapValues(v -> (Object) v, Named.as(Names.INVESTIGATIONS_BY_LEDGER + "-values"));
    return periodOuts
        .get(Names.PERIODS_OUT_PREFIX + "snapshots")
        .merge(
            periodOuts.get(Names.PERIODS_OUT_PREFIX + "withdrawn"),
            Named.as(Names.INVESTIGATIONS_INPUT + "-withdrawn"))
        .merge(valid, Named.as(Names.INVESTIGATIONS_INPUT))
        .process(ProcessorSuppliers.investigations(settings), Named.as(Names.INVESTIGATIONS));
  }
}
