package org.massbalance.engine.config;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.Movement;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.Product;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.SignOff;
import org.massbalance.avro.Site;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.Yield;
import org.massbalance.avro.internal.ImportCertificateDraw;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.SignOffInput;
import org.massbalance.avro.internal.SiteFigures;
import org.massbalance.avro.internal.TransformationRecord;
import org.massbalance.avro.internal.TransformationReport;
import org.massbalance.serde.ConfluentAvroSerde;
import org.massbalance.serde.InternalAvroSerde;

/**
 * Every topic the topology reads or writes, with its serdes. User-facing values are Avro in the
 * Confluent wire format; internal ones are plain versioned Avro. Movements are read as bytes so
 * that undecodable records reach the rejected topic with their original bytes. Every value the
 * engine writes is bounded by {@code output.max.bytes} ({@link BoundedSerde}).
 */
public record Topics(
    TopicSpec<byte[], byte[]> movements,
    Serde<Movement> movementSerde,
    TopicSpec<String, Site> sites,
    TopicSpec<String, Product> products,
    TopicSpec<String, SupplierCertificate> certificates,
    TopicSpec<String, Alert> alerts,
    TopicSpec<String, Snapshot> snapshots,
    TopicSpec<String, ConsolidatedSnapshot> consolidated,
    TopicSpec<String, RejectedRecord> rejected,
    TopicSpec<String, LedgerInput> transfers,
    Serde<LedgerInput> ledgerInputSerde,
    Serde<SiteFigures> siteFiguresSerde,
    TopicSpec<byte[], byte[]> investigations,
    Serde<Investigation> investigationSerde,
    Serde<Investigation> investigationInternalSerde,
    TopicSpec<byte[], byte[]> transformations,
    Serde<Transformation> transformationSerde,
    Serde<TransformationRecord> transformationRecordSerde,
    Serde<TransformationReport> transformationReportSerde,
    TopicSpec<String, Yield> yields,
    TopicSpec<byte[], byte[]> signoffs,
    Serde<SignOff> signOffSerde,
    Serde<SignOffInput> signOffInputSerde,
    TopicSpec<String, PeriodSignOff> signed,
    TopicSpec<byte[], byte[]> importCertificates,
    Serde<ImportCertificate> importCertificateSerde,
    Serde<ImportCertificate> importCertificateInternalSerde,
    Serde<ImportCertificateDraw> importCertificateDrawSerde) {

  /** The decoder of movement values (the topology reads their bytes first). */
  public org.apache.kafka.common.serialization.Deserializer<Movement> movementsDeserializer() {
    return movementSerde.deserializer();
  }

  /** The topics named in {@code config}, with serdes using its schema registry settings. */
  public static Topics from(EngineConfig config) {
    Map<String, Object> s = config.kafkaSettings();
    Serde<String> keys = Serdes.String();
    int max = config.getInt(EngineConfig.OUTPUT_MAX_BYTES_CONFIG);
    Serde<LedgerInput> internal = new BoundedSerde<>(InternalAvroSerde.of(LedgerInput.class), max);
    return new Topics(
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_MOVEMENTS_CONFIG),
            Serdes.ByteArray(),
            Serdes.ByteArray()),
        ConfluentAvroSerde.of(Movement.class, s, false),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_SITES_CONFIG),
            keys,
            ConfluentAvroSerde.of(Site.class, s, false)),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_PRODUCTS_CONFIG),
            keys,
            ConfluentAvroSerde.of(Product.class, s, false)),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_CERTIFICATES_CONFIG),
            keys,
            ConfluentAvroSerde.of(SupplierCertificate.class, s, false)),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_ALERTS_CONFIG),
            keys,
            new BoundedSerde<>(ConfluentAvroSerde.of(Alert.class, s, false), max)),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_SNAPSHOTS_CONFIG),
            keys,
            new BoundedSerde<>(ConfluentAvroSerde.of(Snapshot.class, s, false), max)),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_CONSOLIDATED_CONFIG),
            keys,
            new BoundedSerde<>(ConfluentAvroSerde.of(ConsolidatedSnapshot.class, s, false), max)),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_REJECTED_CONFIG),
            keys,
            new BoundedSerde<>(ConfluentAvroSerde.of(RejectedRecord.class, s, false), max)),
        new TopicSpec<>(config.getString(EngineConfig.TOPIC_TRANSFERS_CONFIG), keys, internal),
        internal,
        new BoundedSerde<>(InternalAvroSerde.of(SiteFigures.class), max),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_INVESTIGATIONS_CONFIG),
            Serdes.ByteArray(),
            Serdes.ByteArray()),
        ConfluentAvroSerde.of(Investigation.class, s, false),
        new BoundedSerde<>(InternalAvroSerde.of(Investigation.class), max),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_TRANSFORMATIONS_CONFIG),
            Serdes.ByteArray(),
            Serdes.ByteArray()),
        ConfluentAvroSerde.of(Transformation.class, s, false),
        new BoundedSerde<>(InternalAvroSerde.of(TransformationRecord.class), max),
        new BoundedSerde<>(InternalAvroSerde.of(TransformationReport.class), max),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_YIELDS_CONFIG),
            keys,
            ConfluentAvroSerde.of(Yield.class, s, false)),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_SIGNOFFS_CONFIG),
            Serdes.ByteArray(),
            Serdes.ByteArray()),
        ConfluentAvroSerde.of(SignOff.class, s, false),
        new BoundedSerde<>(InternalAvroSerde.of(SignOffInput.class), max),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_SIGNED_CONFIG),
            keys,
            new BoundedSerde<>(ConfluentAvroSerde.of(PeriodSignOff.class, s, false), max)),
        new TopicSpec<>(
            config.getString(EngineConfig.TOPIC_IMPORT_CERTIFICATES_CONFIG),
            Serdes.ByteArray(),
            Serdes.ByteArray()),
        ConfluentAvroSerde.of(ImportCertificate.class, s, false),
        new BoundedSerde<>(InternalAvroSerde.of(ImportCertificate.class), max),
        new BoundedSerde<>(InternalAvroSerde.of(ImportCertificateDraw.class), max));
  }
}
