package org.massbalance.engine.processors;

import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.internal.ConsolidatedState;
import org.massbalance.avro.internal.ImportCertificateEntry;
import org.massbalance.avro.internal.ImportCertificateState;
import org.massbalance.avro.internal.InvestigationCase;
import org.massbalance.avro.internal.LotState;
import org.massbalance.avro.internal.PeriodState;
import org.massbalance.avro.internal.SiteFigures;
import org.massbalance.avro.internal.TransformationState;
import org.massbalance.engine.config.TopologySettings;
import org.massbalance.engine.processors.imports.ImportCertificateProcessor;
import org.massbalance.engine.processors.imports.ImportCertificateValidateProcessor;
import org.massbalance.engine.processors.ledger.Admitted;
import org.massbalance.engine.processors.ledger.LedgerEvent;
import org.massbalance.engine.processors.ledger.LedgerProcessor;
import org.massbalance.engine.processors.ledger.ValidateProcessor;
import org.massbalance.engine.processors.lots.CertificateExpiryProcessor;
import org.massbalance.engine.processors.lots.LotsProcessor;
import org.massbalance.engine.processors.lots.SupplierStatusProcessor;
import org.massbalance.engine.processors.periods.ConsolidationProcessor;
import org.massbalance.engine.processors.periods.InvestigationProcessor;
import org.massbalance.engine.processors.periods.InvestigationValidateProcessor;
import org.massbalance.engine.processors.periods.PeriodProcessor;
import org.massbalance.engine.processors.periods.SignOffValidateProcessor;
import org.massbalance.engine.processors.reference.GlobalStoreLoader;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.processors.transformations.TransformationProcessor;
import org.massbalance.engine.processors.transformations.TransformationValidateProcessor;
import org.massbalance.engine.stores.BytesStoreLayer;
import org.massbalance.engine.stores.HistoryStore;
import org.massbalance.engine.stores.KeyStateSerde;
import org.massbalance.engine.stores.LotStateSerde;
import org.massbalance.engine.stores.ReferenceStoreLayer;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.serde.InternalAvroSerde;

/** Suppliers of the topology's processors, each with the stores it owns. */
public final class ProcessorSuppliers {

  private ProcessorSuppliers() {}

  /** Decoding and validation of movements, forwarding to the given outputs. */
  public static ProcessorSupplier<byte[], byte[], String, Object> validate(
      TopologySettings s, ValidateProcessor.Outputs outputs) {
    ReferenceDecoders decoders = ReferenceDecoders.of(s.topics(), s.metrics());
    return () ->
        new ValidateProcessor(
            s.topics().movementsDeserializer(),
            decoders,
            s.movementsPartitions(),
            s.futureTolerance(),
            s.metrics(),
            outputs);
  }

  /** The ledger with its stores, forwarding to the given outputs. */
  public static ProcessorSupplier<String, Admitted, String, Object> ledger(
      TopologySettings s, LedgerProcessor.Outputs outputs) {
    ReferenceDecoders decoders = ReferenceDecoders.of(s.topics(), s.metrics());
    return new ProcessorSupplier<>() {
      @Override
      public LedgerProcessor get() {
        return new LedgerProcessor(decoders, s.dedupHorizon(), s.metrics(), outputs);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(kvUncached(StoreNames.BOOK, Serdes.String(), new KeyStateSerde()), history());
      }
    };
  }

  /**
   * Monthly periods, with their stores (and the ledger's history, read only), forwarding to the
   * given outputs.
   */
  public static ProcessorSupplier<String, Object, String, Object> periods(
      TopologySettings s, PeriodProcessor.Outputs outputs) {
    ReferenceDecoders decoders = ReferenceDecoders.of(s.topics(), s.metrics());
    return new ProcessorSupplier<>() {
      @Override
      public PeriodProcessor get() {
        return new PeriodProcessor(
            decoders,
            s.periodGrace(),
            s.periodIdleClose(),
            s.periodCloseCheck(),
            s.caughtUp(),
            s.metrics(),
            s.topics().snapshots().valueSerde().serializer(),
            s.topics().snapshots().name(),
            outputs);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            kv(StoreNames.PERIODS, Serdes.String(), InternalAvroSerde.of(PeriodState.class)),
            kvUncached(StoreNames.PERIOD_INDEX, Serdes.Bytes(), Serdes.ByteArray()),
            kv(StoreNames.PERIOD_CLOCK, Serdes.String(), Serdes.Long()));
      }
    };
  }

  /** Consolidation of site snapshots by product and period. */
  public static ProcessorSupplier<String, SiteFigures, String, ConsolidatedSnapshot> consolidation(
      TopologySettings s) {
    ReferenceDecoders decoders = ReferenceDecoders.of(s.topics(), s.metrics());
    return new ProcessorSupplier<>() {
      @Override
      public ConsolidationProcessor get() {
        return new ConsolidationProcessor(decoders);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            kv(
                StoreNames.CONSOLIDATION_SITES,
                Serdes.String(),
                InternalAvroSerde.of(SiteFigures.class)),
            kv(
                StoreNames.CONSOLIDATION,
                Serdes.String(),
                InternalAvroSerde.of(ConsolidatedState.class)));
      }
    };
  }

  /**
   * The lots after the ledger. Its store, the lots store, is shared with the ledger ({@link
   * #lotsStore}); the key's lots on hand are in the ledger's book store, the newer ones of a key
   * holding many in the spill store it owns (ADR 18), and each movement's back trace is appended
   * with its history entry (ADR 16).
   */
  public static ProcessorSupplier<String, LedgerEvent, String, Object> lots(
      TopologySettings s, LotsProcessor.Outputs outputs) {
    ReferenceDecoders decoders = ReferenceDecoders.of(s.topics(), s.metrics());
    return new ProcessorSupplier<>() {
      @Override
      public LotsProcessor get() {
        return new LotsProcessor(
            decoders, s.metrics(), s.certificateWatch().freshness(), outputs, s.openLotsInRecord());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        // a spilled lot is written when it leaves the record and deleted when it returns
        return Set.of(kvUncached(StoreNames.LOTS_SPILL, Serdes.Bytes(), Serdes.ByteArray()));
      }
    };
  }

  /** CERTIFICATE_EXPIRING by the wall clock, with the store of warnings given. */
  public static ProcessorSupplier<String, LedgerEvent, String, Alert> certificateExpiry(
      TopologySettings s) {
    return new ProcessorSupplier<>() {
      @Override
      public CertificateExpiryProcessor get() {
        return new CertificateExpiryProcessor(
            s.topics().certificates().valueSerde().deserializer(),
            s.topics().certificates().name(),
            s.certificateWatch(),
            s.movementsPartitions(),
            s.metrics());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(kv(StoreNames.CERTIFICATE_EXPIRY, Serdes.String(), Serdes.Long()));
      }
    };
  }

  /** SUPPLIER_STATUS_CHANGED by the wall clock, reading the key states (lots on hand). */
  public static ProcessorSupplier<String, LedgerEvent, String, Alert> supplierStatus(
      TopologySettings s) {
    ReferenceDecoders decoders = ReferenceDecoders.of(s.topics(), s.metrics());
    return new ProcessorSupplier<>() {
      @Override
      public SupplierStatusProcessor get() {
        return new SupplierStatusProcessor(decoders, s.certificateWatch(), s.metrics());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(kv(StoreNames.CERTIFICATE_STATUS_SEEN, Serdes.String(), Serdes.String()));
      }
    };
  }

  /** Decoding and validation of transformations, forwarding to the given outputs. */
  public static ProcessorSupplier<byte[], byte[], String, Object> validateTransformations(
      TopologySettings s, TransformationValidateProcessor.Outputs outputs) {
    ReferenceDecoders decoders = ReferenceDecoders.of(s.topics(), s.metrics());
    return () ->
        new TransformationValidateProcessor(
            s.topics().transformationSerde().deserializer(),
            decoders,
            s.futureTolerance(),
            s.metrics(),
            outputs);
  }

  /** Transformations with their store, forwarding to the given outputs. */
  public static ProcessorSupplier<String, Object, String, Object> transformations(
      TopologySettings s, TransformationProcessor.Outputs outputs) {
    ReferenceDecoders decoders = ReferenceDecoders.of(s.topics(), s.metrics());
    return new ProcessorSupplier<>() {
      @Override
      public TransformationProcessor get() {
        return new TransformationProcessor(
            decoders,
            s.topics().yields().valueSerde().deserializer(),
            s.topics().yields().name(),
            s.metrics(),
            outputs);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            kv(
                StoreNames.TRANSFORMATIONS,
                Serdes.String(),
                InternalAvroSerde.of(TransformationState.class)));
      }
    };
  }

  /** Decoding and validation of period sign-offs, forwarding to the given outputs. */
  public static ProcessorSupplier<byte[], byte[], String, Object> validateSignOffs(
      TopologySettings s, SignOffValidateProcessor.Outputs outputs) {
    return () ->
        new SignOffValidateProcessor(
            s.topics().signOffSerde().deserializer(), s.metrics(), outputs);
  }

  /** Decoding and validation of import certificate records, forwarding to the given outputs. */
  public static ProcessorSupplier<byte[], byte[], String, Object> validateImportCertificates(
      TopologySettings s, ImportCertificateValidateProcessor.Outputs outputs) {
    return () ->
        new ImportCertificateValidateProcessor(
            s.topics().importCertificateSerde().deserializer(), s.metrics(), outputs);
  }

  /**
   * Import certificates with their stores: each certificate's state (cached: a certificate drawn by
   * several movements within a commit interval is written once) and its draws (written once each).
   */
  public static ProcessorSupplier<String, Object, String, Alert> importCertificates(
      TopologySettings s, ImportCertificateProcessor.Outputs outputs) {
    return new ProcessorSupplier<>() {
      @Override
      public ImportCertificateProcessor get() {
        return new ImportCertificateProcessor(s.metrics(), outputs);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            kv(
                StoreNames.IMPORT_CERTIFICATES,
                Serdes.String(),
                InternalAvroSerde.of(ImportCertificateState.class)),
            kvUncached(
                StoreNames.IMPORT_CERTIFICATE_DRAWS,
                Serdes.String(),
                InternalAvroSerde.of(ImportCertificateEntry.class)));
      }
    };
  }

  /** Decoding and validation of variance investigations, forwarding to the given outputs. */
  public static ProcessorSupplier<byte[], byte[], String, Object> validateInvestigations(
      TopologySettings s, InvestigationValidateProcessor.Outputs outputs) {
    return () ->
        new InvestigationValidateProcessor(
            s.topics().investigationSerde().deserializer(), s.metrics(), outputs);
  }

  /** Variance investigation cases and INVESTIGATION_OVERDUE, with their store. */
  public static ProcessorSupplier<String, Object, String, Alert> investigations(
      TopologySettings s) {
    return new ProcessorSupplier<>() {
      @Override
      public InvestigationProcessor get() {
        return new InvestigationProcessor(s.investigationRules(), s.metrics());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            kv(
                StoreNames.INVESTIGATIONS,
                Serdes.String(),
                InternalAvroSerde.of(InvestigationCase.class)));
      }
    };
  }

  /**
   * The lots store, shared by the ledger (which rejects a RECEIPT naming a lot id already held) and
   * the lots processor (which owns it); the topology adds it once and connects it to both.
   */
  public static StoreBuilder<KeyValueStore<String, LotState>> lotsStore() {
    return kvUncached(StoreNames.LOTS, Serdes.String(), new LotStateSerde());
  }

  /** A loader keeping a global store equal to its topic. */
  public static ProcessorSupplier<String, byte[], Void, Void> globalLoader(String storeName) {
    return () -> new GlobalStoreLoader(storeName);
  }

  /** A persistent (RocksDB) key-value store with a changelog and a record cache. */
  public static <K, V> StoreBuilder<KeyValueStore<K, V>> kv(
      String name,
      org.apache.kafka.common.serialization.Serde<K> k,
      org.apache.kafka.common.serialization.Serde<V> v) {
    // Cached: repeated writes of a key within a commit interval reach the changelog once.
    return Stores.keyValueStoreBuilder(BytesStoreLayer.persistent(name), k, v).withCachingEnabled();
  }

  /**
   * The ledger's history store with the de-duplication index derived from it ({@link
   * HistoryStore}). No record cache: every key is written once, and a repeat must find the index
   * entry its first sighting's put wrote.
   */
  static StoreBuilder<KeyValueStore<Bytes, byte[]>> history() {
    return Stores.keyValueStoreBuilder(
        HistoryStore.supplier(StoreNames.HISTORY), Serdes.Bytes(), Serdes.ByteArray());
  }

  /**
   * A persistent (RocksDB) key-value store with a changelog and no record cache: for keys written
   * once (or written and deleted far apart), where a cache would only add a copy and an LRU to each
   * put, and for the stores every movement reads and writes (the key's state, the lots), where the
   * cache cost more CPU than it saved writes: keys spread over a whole estate rarely repeat within
   * one commit interval, and a burst on one key writes at most one record per movement, what every
   * movement of a spread load writes anyway (ADR 20).
   */
  public static <K, V> StoreBuilder<KeyValueStore<K, V>> kvUncached(
      String name,
      org.apache.kafka.common.serialization.Serde<K> k,
      org.apache.kafka.common.serialization.Serde<V> v) {
    return Stores.keyValueStoreBuilder(BytesStoreLayer.persistent(name), k, v);
  }

  /**
   * A persistent global store of raw bytes (global stores have no changelog) that counts its
   * changes, so that look-ups keep what they decoded until it changes (ADR 24).
   */
  public static StoreBuilder<KeyValueStore<String, byte[]>> globalStore(String name) {
    return Stores.keyValueStoreBuilder(
            ReferenceStoreLayer.persistent(name), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled();
  }
}
