package org.massbalance.engine.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.internal.ImportCertificateDraw;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.SignOffInput;
import org.massbalance.avro.internal.SiteFigures;
import org.massbalance.avro.internal.TransformationRecord;
import org.massbalance.avro.internal.TransformationReport;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.config.TopologySettings;
import org.massbalance.engine.processors.ProcessorSuppliers;
import org.massbalance.engine.processors.imports.ImportCertificateProcessor;
import org.massbalance.engine.processors.imports.ImportCertificateValidateProcessor;
import org.massbalance.engine.processors.ledger.Admitted;
import org.massbalance.engine.processors.ledger.LedgerEvent;
import org.massbalance.engine.processors.ledger.LedgerProcessor;
import org.massbalance.engine.processors.ledger.ValidateProcessor;
import org.massbalance.engine.processors.lots.LotsProcessor;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.periods.InvestigationValidateProcessor;
import org.massbalance.engine.processors.periods.PeriodProcessor;
import org.massbalance.engine.processors.periods.SignOffValidateProcessor;
import org.massbalance.engine.processors.transformations.TransformationProcessor;
import org.massbalance.engine.processors.transformations.TransformationValidateProcessor;
import org.massbalance.engine.stores.StoreNames;

/**
 * The engine's topology, built from settings alone (no I/O):
 *
 * <pre>
 * massbalance ingest (CSV, EPCIS 2.0 ObjectEvents) ─► inventory-movements
 * massbalance ingest (CSV; an INTEGRITY export: certificates) ─► sites, products, supplier-certificates, yields ─► global stores (look-ups)
 * massbalance ingest transformations, EPCIS 2.0 TransformationEvents ─► transformations
 * massbalance ingest import-certificates ─► import-certificates
 * massbalance ingest investigations, POST /api/v1/investigations ─► variance-investigations
 * massbalance signoff, POST /api/v1/signoffs ─► period-signoffs
 *
 * inventory-movements ─► validate ─┬─► inventory-movements-rejected: bad input, unreadable reference records
 *                                  ├─► movements-reroute (repartition): wrong key or partition ──┐
 *                                  └─► right key and partition (with its site and product) ──────┤
 * mass-balance-transfers (a transfer's arrival; PROCESS_INPUT and PROCESS_OUTPUT) ───────────────┤
 *                                                                                                ▼
 * ledger (the key's compact state, history, de-duplication) ─┬─► alerts: OVERSELL, VARIANCE_EXCEEDED, LATE_MOVEMENT, WASTE_UNDOCUMENTED
 *                                                            ├─► inventory-movements-rejected: conflicting duplicates, lots received twice
 *                                                            └─► each applied movement, in this order, to:
 *   lots ─┬─► alerts: LOT_OVERDRAWN, UNTRACEABLE_OUTBOUND, UNCERTIFIED_SOURCE, COMMINGLING_RISK, supplier and import alerts
 *         ├─► mass-balance-transfers (a transfer's arrival and the lots it carries)
 *         ├─► transformation-reports (repartition, site|transformation_id): an input drawn, an output made ─► (T)
 *         └─► import-certificate-draws (repartition, by number): what an import draws ─► (I)
 *   periods (with period-signoffs, below) ─┬─► mass-balance-snapshots (a tombstone when withdrawn)
 *                                          ├─► mass-balance-signoffs: the signed month's revision and SHA-256
 *                                          ├─► inventory-movements-rejected: sign-offs of months not closed
 *                                          ├─► snapshots and withdrawals ─► investigations
 *                                          ├─► alerts: WASTE_HIGH, LATE_MOVEMENT in a closed or signed period
 *                                          └─► snapshots-by-product (repartition) ─► consolidation ─► mass-balance-snapshots-consolidated
 * period-signoffs ─► check ─┬─► inventory-movements-rejected: bad sign-offs
 *                           └─► signoffs-by-key (repartition, site|product) ─► periods
 * transformations ─► check ─┬─► inventory-movements-rejected: bad transformations, conflicting duplicates
 *                           └─► transformations-by-id (repartition) ─► (T) transformations ─┬─► mass-balance-transfers: PROCESS_INPUT per input,
 *                                                                                           │   then PROCESS_OUTPUT per output once every input is drawn
 *                                                                                           └─► alerts: PROCESS_GAIN, YIELD_OUT_OF_RANGE
 * import-certificates ─► check ─┬─► inventory-movements-rejected: bad import certificate records
 *                               └─► import-certificates-by-number (repartition) ─► (I) import certificates
 *                                   ─► alerts: IMPORT_CERTIFICATE_OVERDRAWN, _UNKNOWN, _OUT_OF_VALIDITY, _PRODUCT_MISMATCH
 * variance-investigations ─► check ─┬─► inventory-movements-rejected: bad investigations
 *                                   └─► investigations-by-ledger (repartition, site|product) ─► investigations
 * certificate expiry, supplier status (wall clock, in the ledger's tasks) ─► alerts: CERTIFICATE_EXPIRING, SUPPLIER_STATUS_CHANGED
 * investigations (wall clock) ─► alerts: INVESTIGATION_OVERDUE
 * alerts ─► mass-balance-alerts ─► recent alerts (each instance reads the topic's last alerts for the API)
 * </pre>
 *
 * The ledger key is {@code site|product}, so a movement, its balance and its de-duplication live in
 * one task, in order. Each processor forwards each kind of output, through its typed {@link
 * Output}s, straight to the child nodes named here (ADR 17): no split, branch or cast node.
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
    builder.addGlobalStore(
        ProcessorSuppliers.globalStore(StoreNames.YIELDS),
        t.yields().name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray())
            .withName(Names.YIELDS_LOADER + "-source"),
        ProcessorSuppliers.globalLoader(StoreNames.YIELDS));

    ValidateProcessor.Outputs validateOuts =
        new ValidateProcessor.Outputs(
            Output.to(Names.REJECTED_SINK),
            Output.to(repartitionInput(Names.REROUTE)),
            Output.to(Names.LEDGER_INPUT));
    KStream<String, Object> validated =
        builder.stream(t.movements().name(), t.movements().consumed(Names.MOVEMENTS_SOURCE))
            .process(ProcessorSuppliers.validate(settings, validateOuts), Named.as(Names.VALIDATE));
    only(validated, validateOuts.rejected())
        .to(t.rejected().name(), t.rejected().produced(Names.REJECTED_SINK));
    KStream<String, LedgerInput> rerouted =
        only(validated, validateOuts.reroute())
            .repartition(
                Repartitioned.<String, LedgerInput>as(Names.REROUTE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(t.ledgerInputSerde()));
    KStream<String, LedgerInput> arrivals =
        builder.stream(t.transfers().name(), t.transfers().consumed(Names.TRANSFERS_SOURCE));

    builder.addStateStore(ProcessorSuppliers.lotsStore());
    LedgerProcessor.Outputs ledgerOuts =
        new LedgerProcessor.Outputs(
            Output.to(Names.ALERTS_FROM_LEDGER),
            Output.to(Names.LEDGER_REJECTED_SINK),
            Output.to(Names.LOTS, Names.PERIODS_INPUT));
    KStream<String, Object> ledgerOut =
        rerouted
            .merge(arrivals, Named.as(Names.LEDGER_INPUT + "-rerouted"))
            .mapValues(Admitted::fromTopic, Named.as(Names.LEDGER_INPUT + "-from-topics"))
            .merge(only(validated, validateOuts.ledger()), Named.as(Names.LEDGER_INPUT))
            .process(
                ProcessorSuppliers.ledger(settings, ledgerOuts),
                Named.as(Names.LEDGER),
                StoreNames.LOTS);
    only(ledgerOut, ledgerOuts.rejected())
        .to(t.rejected().name(), t.rejected().produced(Names.LEDGER_REJECTED_SINK));

    KStream<String, LedgerEvent> applied = only(ledgerOut, ledgerOuts.applied());
    LotsProcessor.Outputs lotsOuts =
        new LotsProcessor.Outputs(
            Output.to(Names.ALERTS_FROM_LOTS),
            Output.to(Names.TRANSFERS_SINK),
            Output.to(repartitionInput(Names.TRANSFORMATION_REPORTS)),
            Output.to(repartitionInput(Names.IMPORT_CERTIFICATE_DRAWS)));
    KStream<String, Object> lotsOut =
        applied.process(
            ProcessorSuppliers.lots(settings, lotsOuts),
            Named.as(Names.LOTS),
            StoreNames.LOTS,
            StoreNames.BOOK);
    only(lotsOut, lotsOuts.transfers())
        .to(t.transfers().name(), t.transfers().produced(Names.TRANSFERS_SINK));
    // Children of the ledger so that they run in its tasks (and own its partitions' certificates),
    // by the wall clock: the ledger forwards them no record, they have nothing to do with one.
    KStream<String, Alert> certificateAlerts =
        applied.process(
            ProcessorSuppliers.certificateExpiry(settings), Named.as(Names.CERTIFICATE_EXPIRY));
    KStream<String, Alert> supplierAlerts =
        applied.process(
            ProcessorSuppliers.supplierStatus(settings),
            Named.as(Names.SUPPLIER_STATUS),
            StoreNames.BOOK,
            StoreNames.LOTS_SPILL);

    PeriodProcessor.Outputs periodOuts =
        new PeriodProcessor.Outputs(
            Output.to(Names.SNAPSHOTS_SINK, Names.INVESTIGATIONS_INPUT),
            Output.to(Names.SNAPSHOT_TOMBSTONES_SINK),
            Output.to(Names.INVESTIGATIONS_INPUT),
            Output.to(repartitionInput(Names.SNAPSHOTS_BY_PRODUCT)),
            Output.to(Names.ALERTS_FROM_PERIODS),
            Output.to(Names.SIGNED_SINK),
            Output.to(Names.PERIODS_REJECTED_SINK));
    KStream<String, Object> periodsOut =
        widen(applied)
            .merge(widen(signOffs(builder, settings)), Named.as(Names.PERIODS_INPUT))
            .process(
                ProcessorSuppliers.periods(settings, periodOuts),
                Named.as(Names.PERIODS),
                StoreNames.HISTORY,
                StoreNames.BOOK);
    only(periodsOut, periodOuts.signed())
        .to(t.signed().name(), t.signed().produced(Names.SIGNED_SINK));
    only(periodsOut, periodOuts.rejected())
        .to(t.rejected().name(), t.rejected().produced(Names.PERIODS_REJECTED_SINK));
    only(periodsOut, periodOuts.snapshots())
        .to(t.snapshots().name(), t.snapshots().produced(Names.SNAPSHOTS_SINK));
    only(periodsOut, periodOuts.tombstones())
        .to(t.snapshots().name(), t.snapshots().produced(Names.SNAPSHOT_TOMBSTONES_SINK));
    KStream<String, Alert> investigationAlerts = investigations(builder, settings, periodsOut);
    KStream<String, Alert> transformationAlerts =
        transformations(builder, settings, only(lotsOut, lotsOuts.reports()));
    KStream<String, Alert> importCertificateAlerts =
        importCertificates(builder, settings, only(lotsOut, lotsOuts.draws()));

    // every alert to the recorder; each merge is a node, so the most frequent sources join last
    certificateAlerts
        .merge(supplierAlerts, Named.as(Names.ALERTS_FROM_SUPPLIERS))
        .merge(investigationAlerts, Named.as(Names.ALERTS_FROM_INVESTIGATIONS))
        .merge(transformationAlerts, Named.as(Names.ALERTS_FROM_TRANSFORMATIONS))
        .merge(importCertificateAlerts, Named.as(Names.ALERTS_FROM_IMPORT_CERTIFICATES))
        .merge(only(periodsOut, periodOuts.alerts()), Named.as(Names.ALERTS_FROM_PERIODS))
        .merge(only(lotsOut, lotsOuts.alerts()), Named.as(Names.ALERTS_FROM_LOTS))
        .merge(only(ledgerOut, ledgerOuts.alerts()), Named.as(Names.ALERTS_FROM_LEDGER))
        .to(t.alerts().name(), t.alerts().produced(Names.ALERTS_SINK));
    only(periodsOut, periodOuts.figures())
        .repartition(
            Repartitioned.<String, SiteFigures>as(Names.SNAPSHOTS_BY_PRODUCT)
                .withKeySerde(Serdes.String())
                .withValueSerde(t.siteFiguresSerde()))
        .process(ProcessorSuppliers.consolidation(settings), Named.as(Names.CONSOLIDATION))
        .to(t.consolidated().name(), t.consolidated().produced(Names.CONSOLIDATED_SINK));

    return builder.build();
  }

  /**
   * Period sign-offs: the records of {@code period-signoffs} are checked (rejected ones go to the
   * rejected topic) and re-keyed {@code site|product} through a repartition topic with the
   * movements topic's partition count, so that each reaches its key's periods in the ledger's task,
   * in order with the key's movements.
   */
  private static KStream<String, SignOffInput> signOffs(
      StreamsBuilder builder, TopologySettings settings) {
    Topics t = settings.topics();
    SignOffValidateProcessor.Outputs outs =
        new SignOffValidateProcessor.Outputs(
            Output.to(Names.SIGNOFFS_REJECTED_SINK),
            Output.to(repartitionInput(Names.SIGNOFFS_BY_KEY)));
    KStream<String, Object> checked =
        builder.stream(t.signoffs().name(), t.signoffs().consumed(Names.SIGNOFFS_SOURCE))
            .process(
                ProcessorSuppliers.validateSignOffs(settings, outs),
                Named.as(Names.SIGNOFFS_VALIDATE));
    only(checked, outs.rejected())
        .to(t.rejected().name(), t.rejected().produced(Names.SIGNOFFS_REJECTED_SINK));
    return only(checked, outs.valid())
        .repartition(
            withLedgerPartitions(
                Repartitioned.<String, SignOffInput>as(Names.SIGNOFFS_BY_KEY)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(t.signOffInputSerde()),
                settings));
  }

  /**
   * Transformations: the records of {@code transformations} are checked (rejected ones go to the
   * rejected topic) and re-keyed {@code site|transformation_id} through a repartition topic with
   * the movements topic's partition count; the lots processor's reports (an input drawn, an output
   * made) come back to them through a second one of the same count. The transformation processor
   * sends its PROCESS_INPUT and PROCESS_OUTPUT movements to the ledgers through the transfers topic
   * (the engine's own movements, co-partitioned with the movements topic).
   */
  private static KStream<String, Alert> transformations(
      StreamsBuilder builder,
      TopologySettings settings,
      KStream<String, TransformationReport> reports) {
    Topics t = settings.topics();
    TransformationValidateProcessor.Outputs checkOuts =
        new TransformationValidateProcessor.Outputs(
            Output.to(Names.TRANSFORMATIONS_REJECTED_SINK),
            Output.to(repartitionInput(Names.TRANSFORMATIONS_BY_ID)));
    KStream<String, Object> checked =
        builder.stream(
                t.transformations().name(),
                t.transformations().consumed(Names.TRANSFORMATIONS_SOURCE))
            .process(
                ProcessorSuppliers.validateTransformations(settings, checkOuts),
                Named.as(Names.TRANSFORMATIONS_VALIDATE));
    only(checked, checkOuts.rejected())
        .to(t.rejected().name(), t.rejected().produced(Names.TRANSFORMATIONS_REJECTED_SINK));
    KStream<String, TransformationRecord> byId =
        only(checked, checkOuts.valid())
            .repartition(
                withLedgerPartitions(
                    Repartitioned.<String, TransformationRecord>as(Names.TRANSFORMATIONS_BY_ID)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(t.transformationRecordSerde()),
                    settings));
    KStream<String, TransformationReport> reported =
        reports.repartition(
            withLedgerPartitions(
                Repartitioned.<String, TransformationReport>as(Names.TRANSFORMATION_REPORTS)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(t.transformationReportSerde()),
                settings));
    TransformationProcessor.Outputs outs =
        new TransformationProcessor.Outputs(
            Output.to(Names.PROCESS_MOVEMENTS_SINK),
            Output.to(Names.ALERTS_FROM_TRANSFORMATIONS),
            Output.to(Names.TRANSFORMATIONS_DUPLICATE_SINK));
    KStream<String, Object> processed =
        widen(byId)
            .merge(widen(reported), Named.as(Names.TRANSFORMATIONS_INPUT))
            .process(
                ProcessorSuppliers.transformations(settings, outs),
                Named.as(Names.TRANSFORMATIONS));
    only(processed, outs.movements())
        .to(t.transfers().name(), t.transfers().produced(Names.PROCESS_MOVEMENTS_SINK));
    only(processed, outs.rejected())
        .to(t.rejected().name(), t.rejected().produced(Names.TRANSFORMATIONS_DUPLICATE_SINK));
    return only(processed, outs.alerts());
  }

  /**
   * Import certificates: the records of {@code import-certificates} are checked (rejected ones go
   * to the rejected topic) and re-keyed by certificate number through a repartition topic with the
   * movements topic's partition count; the draws of the import movements, sent by the lots
   * processor, come keyed by the number they name through a second one of the same count. So a
   * certificate's record and its draws meet in one task of the import-certificate processor,
   * whatever the producer's partitioner, which judges each draw in the order it processes them.
   */
  private static KStream<String, Alert> importCertificates(
      StreamsBuilder builder,
      TopologySettings settings,
      KStream<String, ImportCertificateDraw> draws) {
    Topics t = settings.topics();
    ImportCertificateValidateProcessor.Outputs checkOuts =
        new ImportCertificateValidateProcessor.Outputs(
            Output.to(Names.IMPORT_CERTIFICATES_REJECTED_SINK),
            Output.to(repartitionInput(Names.IMPORT_CERTIFICATES_BY_NUMBER)));
    KStream<String, Object> checked =
        builder.stream(
                t.importCertificates().name(),
                t.importCertificates().consumed(Names.IMPORT_CERTIFICATES_SOURCE))
            .process(
                ProcessorSuppliers.validateImportCertificates(settings, checkOuts),
                Named.as(Names.IMPORT_CERTIFICATES_VALIDATE));
    only(checked, checkOuts.rejected())
        .to(t.rejected().name(), t.rejected().produced(Names.IMPORT_CERTIFICATES_REJECTED_SINK));
    KStream<String, ImportCertificate> byNumber =
        only(checked, checkOuts.valid())
            .repartition(
                withLedgerPartitions(
                    Repartitioned.<String, ImportCertificate>as(Names.IMPORT_CERTIFICATES_BY_NUMBER)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(t.importCertificateInternalSerde()),
                    settings));
    KStream<String, ImportCertificateDraw> drawn =
        draws.repartition(
            withLedgerPartitions(
                Repartitioned.<String, ImportCertificateDraw>as(Names.IMPORT_CERTIFICATE_DRAWS)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(t.importCertificateDrawSerde()),
                settings));
    ImportCertificateProcessor.Outputs outs =
        new ImportCertificateProcessor.Outputs(Output.to(Names.ALERTS_FROM_IMPORT_CERTIFICATES));
    return widen(byNumber)
        .merge(widen(drawn), Named.as(Names.IMPORT_CERTIFICATES_INPUT))
        .process(
            ProcessorSuppliers.importCertificates(settings, outs),
            Named.as(Names.IMPORT_CERTIFICATES));
  }

  /**
   * A repartition with the movements topic's partition count (when known), so that what it carries
   * meets the ledger's tasks' other inputs of the same key.
   */
  private static <V> Repartitioned<String, V> withLedgerPartitions(
      Repartitioned<String, V> repartitioned, TopologySettings settings) {
    return settings.movementsPartitions() > 0
        ? repartitioned.withNumberOfPartitions(settings.movementsPartitions())
        : repartitioned;
  }

  /**
   * Variance investigations: the records of {@code variance-investigations} are checked (rejected
   * ones go to the rejected topic) and re-keyed {@code site|product} through a repartition topic
   * with the movements topic's partition count, so each meets its snapshots, published by the
   * period processor of the same ledger task, in the investigation processor.
   */
  private static KStream<String, Alert> investigations(
      StreamsBuilder builder, TopologySettings settings, KStream<String, Object> periodsOut) {
    Topics t = settings.topics();
    InvestigationValidateProcessor.Outputs outs =
        new InvestigationValidateProcessor.Outputs(
            Output.to(Names.INVESTIGATIONS_REJECTED_SINK),
            Output.to(repartitionInput(Names.INVESTIGATIONS_BY_LEDGER)));
    KStream<String, Object> validated =
        builder.stream(
                t.investigations().name(), t.investigations().consumed(Names.INVESTIGATIONS_SOURCE))
            .process(
                ProcessorSuppliers.validateInvestigations(settings, outs),
                Named.as(Names.INVESTIGATIONS_VALIDATE));
    only(validated, outs.rejected())
        .to(t.rejected().name(), t.rejected().produced(Names.INVESTIGATIONS_REJECTED_SINK));
    Repartitioned<String, Investigation> byLedger =
        Repartitioned.<String, Investigation>as(Names.INVESTIGATIONS_BY_LEDGER)
            .withKeySerde(Serdes.String())
            .withValueSerde(t.investigationInternalSerde());
    byLedger = withLedgerPartitions(byLedger, settings);
    // the case processor's input: investigations, and the periods' snapshots and withdrawals
    KStream<String, Object> cases = widen(only(validated, outs.valid()).repartition(byLedger));
    return cases
        .merge(periodsOut, Named.as(Names.INVESTIGATIONS_INPUT))
        .process(ProcessorSuppliers.investigations(settings), Named.as(Names.INVESTIGATIONS));
  }

  /**
   * The view of a processor's output stream that one of its {@link Output}s forwards to: the node
   * attached to it must carry one of the output's child names. A cast when the topology is built,
   * nothing per record.
   */
  @SuppressWarnings("unchecked")
  private static <T> KStream<String, T> only(KStream<String, Object> out, Output<T> output) {
    return (KStream<String, T>) (KStream<String, ?>) out;
  }

  /** A stream seen as carrying any value (a cast when the topology is built). */
  @SuppressWarnings("unchecked")
  private static KStream<String, Object> widen(KStream<String, ?> stream) {
    return (KStream<String, Object>) stream;
  }

  /**
   * The first node of a {@code repartition()}: Kafka Streams names it {@code
   * <name>-repartition-filter} (it drops records without a key); a processor forwarding to a
   * repartition forwards to it.
   */
  static String repartitionInput(String repartitionName) {
    return repartitionName + "-repartition-filter";
  }
}
