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
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.engine.processors.LedgerEvent;
import org.massbalance.engine.processors.ProcessorSuppliers;
import org.massbalance.engine.processors.Reroute;
import org.massbalance.engine.stores.StoreNames;

/**
 * The engine's topology, built from settings alone (no I/O):
 *
 * <pre>
 * movements ─► validate ─┬─ rejected ──────────────────────────────► inventory-movements-rejected
 *                        ├─ wrong key/partition ─► movements-reroute ─┐
 *                        └─ right partition ──────────────────────────┼─► ledger ─┬─► alerts
 * transfers (arrivals, keyed by destination) ─────────────────────────┘           ├─► rejected
 *                                                        alerts ◄─┬─ lots ◄─ applied ─┘
 *                            transfers (arrival + carried lots) ◄─┘                 │
 *           alerts ◄─ certificate-expiry, supplier-status (wall clock) ◄─ applied ─┘
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

    outs.get(Names.LEDGER_OUT_PREFIX + "alerts")
        .mapValues(v -> (Alert) v, Named.as(Names.LEDGER_OUT_PREFIX + "alerts-cast"))
        .to(t.alerts().name(), t.alerts().produced(Names.ALERTS_SINK));
    outs.get(Names.LEDGER_OUT_PREFIX + "rejected")
        .mapValues(v -> (RejectedRecord) v, Named.as(Names.LEDGER_OUT_PREFIX + "rejected-cast"))
        .to(t.rejected().name(), t.rejected().produced(Names.LEDGER_REJECTED_SINK));

    KStream<String, LedgerEvent> applied =
        outs.get(Names.LEDGER_OUT_PREFIX + "applied")
            .mapValues(v -> (LedgerEvent) v, Named.as(Names.LOTS + "-input"));
    KStream<String, Object> lotsOut =
        applied.process(ProcessorSuppliers.lots(settings), Named.as(Names.LOTS), StoreNames.LOTS);
    Map<String, KStream<String, Object>> lotsOuts =
        lotsOut
            .split(Named.as(Names.LOTS_OUT_PREFIX))
            .branch((k, v) -> v instanceof Alert, Branched.as("alerts"))
            .branch((k, v) -> v instanceof LedgerInput, Branched.as("transfers"))
            .noDefaultBranch();
    lotsOuts
        .get(Names.LOTS_OUT_PREFIX + "alerts")
        .mapValues(v -> (Alert) v, Named.as(Names.LOTS_OUT_PREFIX + "alerts-cast"))
        .to(t.alerts().name(), t.alerts().produced(Names.LOTS_ALERTS_SINK));
    lotsOuts
        .get(Names.LOTS_OUT_PREFIX + "transfers")
        .mapValues(v -> (LedgerInput) v, Named.as(Names.LOTS_OUT_PREFIX + "transfers-cast"))
        .to(t.transfers().name(), t.transfers().produced(Names.TRANSFERS_SINK));

    applied
        .process(ProcessorSuppliers.certificateExpiry(settings), Named.as(Names.CERTIFICATE_EXPIRY))
        .to(t.alerts().name(), t.alerts().produced(Names.CERTIFICATE_ALERTS_SINK));
    applied
        .process(
            ProcessorSuppliers.supplierStatus(settings),
            Named.as(Names.SUPPLIER_STATUS),
            StoreNames.LOTS,
            StoreNames.LOTS_BY_SUPPLIER)
        .to(t.alerts().name(), t.alerts().produced(Names.SUPPLIER_STATUS_ALERTS_SINK));

    return builder.build();
  }
}
