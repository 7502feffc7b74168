package org.massbalance.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.Movement;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.Product;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Reservation;
import org.massbalance.avro.ReservationResult;
import org.massbalance.avro.SignOff;
import org.massbalance.avro.Site;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.Yield;
import org.massbalance.avro.internal.ImportCertificateEntry;
import org.massbalance.avro.internal.ImportCertificateState;
import org.massbalance.avro.internal.LotState;
import org.massbalance.avro.internal.TransformationState;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.config.TopologySettings;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.query.LotOnHand;
import org.massbalance.engine.query.LotQueries;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.runtime.OutputErrorHandler;
import org.massbalance.engine.stores.Availability;
import org.massbalance.engine.stores.BookStates;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.engine.topology.MassBalanceTopology;
import org.massbalance.serde.InMemorySchemaRegistryClient;
import org.massbalance.topics.TopicDefaults;

/**
 * The engine's real topology on a TopologyTestDriver, with an in-memory schema registry, a wall
 * clock under the test's control, and the contract's topics as typed test topics.
 */
public final class EngineDriver implements AutoCloseable {

  /** Wall clock at start: well after the dates the specs use. */
  public static final Instant DEFAULT_WALL_CLOCK = Instant.parse("2026-01-15T00:00:00Z");

  private final String scope = "driver-" + UUID.randomUUID();
  private final Path stateDir = tempDir(scope);
  private final InMemoryRocksDb.MemoryFiles rocksDbFiles = new InMemoryRocksDb.MemoryFiles();
  private final TopologyTestDriver driver;
  private final Topics topics;
  private final EngineMetrics metrics = EngineMetrics.inMemory();
  private final TestInputTopic<byte[], byte[]> movementsRaw;
  private final TestInputTopic<String, Site> sites;
  private final TestInputTopic<String, Product> products;
  private final TestInputTopic<String, SupplierCertificate> certificates;
  private final TestInputTopic<byte[], byte[]> transformationsRaw;
  private final TestInputTopic<String, Yield> yields;
  private final TestInputTopic<byte[], byte[]> signOffsRaw;
  private final TestInputTopic<byte[], byte[]> importCertificatesRaw;
  private final TestInputTopic<byte[], byte[]> reservationsRaw;
  private final TestOutputTopic<String, Alert> alerts;
  private final TestOutputTopic<String, RejectedRecord> rejected;
  private final TestOutputTopic<String, Snapshot> snapshots;
  private final TestOutputTopic<String, ConsolidatedSnapshot> consolidated;

  public EngineDriver() {
    this(DEFAULT_WALL_CLOCK, Map.of());
  }

  public EngineDriver(Instant wallClock, Map<String, Object> overrides) {
    this(wallClock, overrides, UnaryOperator.identity());
  }

  /**
   * A driver whose topology settings (from the configuration) are first changed by {@code
   * settings}, e.g. a small bound of lots kept in a key's record.
   */
  public EngineDriver(
      Instant wallClock, Map<String, Object> overrides, UnaryOperator<TopologySettings> settings) {
    this(wallClock, overrides, settings, true);
  }

  /**
   * A driver whose RocksDB stores are on disk, as in the engine (the others keep theirs on an
   * in-memory file system): for measurements such as the benchmarks.
   */
  public static EngineDriver onDisk(Instant wallClock, Map<String, Object> overrides) {
    return new EngineDriver(wallClock, overrides, UnaryOperator.identity(), false);
  }

  private EngineDriver(
      Instant wallClock,
      Map<String, Object> overrides,
      UnaryOperator<TopologySettings> settings,
      boolean rocksDbInMemory) {
    Properties p = new Properties();
    p.put(
        EngineConfig.SCHEMA_REGISTRY_URL_CONFIG,
        InMemorySchemaRegistryClient.MOCK_URL_PREFIX + scope);
    p.put(EngineConfig.MOVEMENTS_PARTITIONS_CONFIG, 1);
    p.putAll(overrides);
    EngineConfig config = new EngineConfig(p);
    topics = Topics.from(config);
    Properties streams = new Properties();
    streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "massbalance-spec");
    streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // one state directory per driver: global stores are RocksDB even here, and builds of other
    // checkouts may run specs on the same machine at the same time
    streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    if (rocksDbInMemory) {
      // the RocksDB stores on an in-memory file system: a fresh engine in a fraction of the time
      streams.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, InMemoryRocksDb.class);
      streams.put(InMemoryRocksDb.FILES_CONFIG, rocksDbFiles);
    }
    // outputs that cannot be written go to the rejected topic, as in the engine (ADR 10)
    streams.putAll(
        OutputErrorHandler.settings(
            topics.rejected().name(), topics.rejected().valueSerde().serializer(), metrics));
    driver =
        new TopologyTestDriver(
            MassBalanceTopology.build(settings.apply(TopologySettings.from(config, metrics))),
            streams,
            wallClock);
    movementsRaw =
        driver.createInputTopic(
            topics.movements().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    sites =
        driver.createInputTopic(
            topics.sites().name(),
            Serdes.String().serializer(),
            topics.sites().valueSerde().serializer());
    products =
        driver.createInputTopic(
            topics.products().name(),
            Serdes.String().serializer(),
            topics.products().valueSerde().serializer());
    certificates =
        driver.createInputTopic(
            topics.certificates().name(),
            Serdes.String().serializer(),
            topics.certificates().valueSerde().serializer());
    transformationsRaw =
        driver.createInputTopic(
            topics.transformations().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    yields =
        driver.createInputTopic(
            topics.yields().name(),
            Serdes.String().serializer(),
            topics.yields().valueSerde().serializer());
    signOffsRaw =
        driver.createInputTopic(
            topics.signoffs().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    importCertificatesRaw =
        driver.createInputTopic(
            topics.importCertificates().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    reservationsRaw =
        driver.createInputTopic(
            topics.reservations().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    alerts =
        driver.createOutputTopic(
            topics.alerts().name(),
            Serdes.String().deserializer(),
            topics.alerts().valueSerde().deserializer());
    rejected =
        driver.createOutputTopic(
            topics.rejected().name(),
            Serdes.String().deserializer(),
            topics.rejected().valueSerde().deserializer());
    snapshots =
        driver.createOutputTopic(
            topics.snapshots().name(),
            Serdes.String().deserializer(),
            topics.snapshots().valueSerde().deserializer());
    consolidated =
        driver.createOutputTopic(
            topics.consolidated().name(),
            Serdes.String().deserializer(),
            topics.consolidated().valueSerde().deserializer());
  }

  /** Snapshots published since the last call, in order. */
  public List<Snapshot> snapshots() {
    return snapshots.readValuesToList();
  }

  /** Consolidated snapshots published since the last call, in order. */
  public List<ConsolidatedSnapshot> consolidated() {
    return consolidated.readValuesToList();
  }

  /** Sends a movement keyed {@code site|product}, as producers do. */
  public EngineDriver send(MovementBuilder movement) {
    return send(movement.build());
  }

  /** Sends a movement keyed {@code site|product}, as producers do. */
  public EngineDriver send(Movement m) {
    return sendKeyed(TopicDefaults.movementKey(m.getSiteId(), m.getProductId()), m);
  }

  /** Sends several movements in the given order. */
  public EngineDriver send(MovementBuilder... movements) {
    for (MovementBuilder m : movements) {
      send(m);
    }
    return this;
  }

  /** Sends a movement under any key. */
  public EngineDriver sendKeyed(String key, Movement m) {
    byte[] value = topics.movementSerde().serializer().serialize(topics.movements().name(), m);
    movementsRaw.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    return this;
  }

  /** Sends a transformation keyed {@code site|transformation_id}, as producers do. */
  public EngineDriver send(TransformationBuilder transformation) {
    Transformation t = transformation.build();
    return sendTransformation(
        (t.getSiteId() + TopicDefaults.KEY_SEPARATOR + t.getTransformationId())
            .getBytes(StandardCharsets.UTF_8),
        t);
  }

  /** Sends a transformation under any key (null: none). */
  public EngineDriver sendTransformation(byte[] key, Transformation t) {
    transformationsRaw.pipeInput(
        key,
        topics.transformationSerde().serializer().serialize(topics.transformations().name(), t));
    return this;
  }

  /** Sends raw bytes as a transformation value. */
  public EngineDriver sendTransformationRaw(byte[] key, byte[] value) {
    transformationsRaw.pipeInput(key, value);
    return this;
  }

  /** Sends a sign-off of {@code period} of site|product, keyed {@code site|product}. */
  public EngineDriver signOff(String site, String product, String period, String by, String at) {
    return signOff(
        SignOff.newBuilder()
            .setSiteId(site)
            .setProductId(product)
            .setPeriod(period)
            .setSignedBy(by)
            .setSignedAt(at)
            .build());
  }

  /** Sends a sign-off record as it is, keyed {@code site|product}. */
  public EngineDriver signOff(SignOff s) {
    signOffsRaw.pipeInput(
        (s.getSiteId() + TopicDefaults.KEY_SEPARATOR + s.getProductId())
            .getBytes(StandardCharsets.UTF_8),
        topics.signOffSerde().serializer().serialize(topics.signoffs().name(), s));
    return this;
  }

  /** Sends a sale reservation keyed {@code site|product}, as requesters do. */
  public EngineDriver reserve(
      String site, String product, String id, String quantity, String unit, String expiresAt) {
    return reserve(
        Reservation.newBuilder()
            .setReservationId(id)
            .setSiteId(site)
            .setProductId(product)
            .setQuantity(quantity)
            .setUnit(unit)
            .setExpiresAt(expiresAt)
            .setRequestedBy("orders")
            .build());
  }

  /** Sends a reservation record as it is, keyed {@code site|product}. */
  public EngineDriver reserve(Reservation r) {
    reservationsRaw.pipeInput(
        (r.getSiteId() + TopicDefaults.KEY_SEPARATOR + r.getProductId())
            .getBytes(StandardCharsets.UTF_8),
        topics.reservationSerde().serializer().serialize(topics.reservations().name(), r));
    return this;
  }

  /** A reader of the reservation results' topic. */
  public TestOutputTopic<String, ReservationResult> reservationResults() {
    return driver.createOutputTopic(
        topics.reservationResults().name(),
        Serdes.String().deserializer(),
        topics.reservationResults().valueSerde().deserializer());
  }

  /** What site|product can promise now (the same reading the reservations and the API use). */
  public Availability availability(String site, String product) {
    String key = TopicDefaults.movementKey(site, product);
    KeyValueStore<String, KeyState> books = driver.getKeyValueStore(StoreNames.BOOK);
    KeyValueStore<Bytes, byte[]> spill = driver.getKeyValueStore(StoreNames.LOTS_SPILL);
    KeyValueStore<String, LotState> lotStore = driver.getKeyValueStore(StoreNames.LOTS);
    return Availability.of(key, books.get(key), spill, lotStore);
  }

  /** A reader of the signed months' topic. */
  public TestOutputTopic<String, PeriodSignOff> signedTopic() {
    return driver.createOutputTopic(
        topics.signed().name(),
        Serdes.String().deserializer(),
        topics.signed().valueSerde().deserializer());
  }

  /** A reader of the snapshot topic's keys and raw value bytes (as written to Kafka). */
  public TestOutputTopic<String, byte[]> snapshotBytesTopic() {
    return driver.createOutputTopic(
        topics.snapshots().name(),
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  /** Loads the yield band of MAIN output {@code output} from input {@code input}, in percent. */
  public EngineDriver yieldBand(String input, String output, String minPct, String maxPct) {
    yields.pipeInput(
        input + TopicDefaults.KEY_SEPARATOR + output,
        Yield.newBuilder()
            .setInputProductId(input)
            .setOutputProductId(output)
            .setMinPct(minPct)
            .setMaxPct(maxPct)
            .build());
    return this;
  }

  /**
   * Loads an import certificate record keyed by its number, as producers do: {@code quantity}
   * {@code unit} of {@code product} certified, valid {@code validFrom} to {@code validTo}.
   */
  public EngineDriver importCertificate(
      String number,
      String product,
      String quantity,
      String unit,
      String validFrom,
      String validTo) {
    return importCertificate(
        ImportCertificate.newBuilder()
            .setCertificateNumber(number)
            .setProductId(product)
            .setHtsCode("0802120000")
            .setQuantity(quantity)
            .setUnit(unit)
            .setValidFrom(validFrom)
            .setValidTo(validTo)
            .setExporter("Exporter of " + number)
            .setImporterNopId("8150000016")
            .setCertifier("Certifier")
            .setOriginCountry("MX")
            .build());
  }

  /** Loads an import certificate record keyed by its number. */
  public EngineDriver importCertificate(ImportCertificate c) {
    return importCertificateKeyed(c.getCertificateNumber(), c);
  }

  /** Sends an import certificate record under any key (null: none). */
  public EngineDriver importCertificateKeyed(String key, ImportCertificate c) {
    return importCertificateRaw(
        key,
        topics
            .importCertificateSerde()
            .serializer()
            .serialize(topics.importCertificates().name(), c));
  }

  /** Sends raw bytes to import-certificates under {@code key} (null: none). */
  public EngineDriver importCertificateRaw(String key, byte[] value) {
    importCertificatesRaw.pipeInput(
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    return this;
  }

  /** The import certificate's state as the engine keeps it, or null. */
  public ImportCertificateState importCertificateState(String number) {
    KeyValueStore<String, ImportCertificateState> store =
        driver.getKeyValueStore(StoreNames.IMPORT_CERTIFICATES);
    return store.get(number);
  }

  /** The draws from an import certificate, in processing order. */
  public List<ImportCertificateEntry> importCertificateDraws(String number) {
    KeyValueStore<String, ImportCertificateEntry> store =
        driver.getKeyValueStore(StoreNames.IMPORT_CERTIFICATE_DRAWS);
    List<ImportCertificateEntry> out = new java.util.ArrayList<>();
    try (var it =
        store.prefixScan(number + TopicDefaults.KEY_SEPARATOR, Serdes.String().serializer())) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }

  /** The transformation's state as the engine keeps it, or null. */
  public TransformationState transformationState(String site, String transformationId) {
    KeyValueStore<String, TransformationState> store =
        driver.getKeyValueStore(StoreNames.TRANSFORMATIONS);
    return store.get(site + TopicDefaults.KEY_SEPARATOR + transformationId);
  }

  /** The lot {@code site|product|lot} as the lots store keeps it (facts, lineage), or null. */
  public LotState lotState(String site, String product, String lot) {
    KeyValueStore<String, LotState> store = driver.getKeyValueStore(StoreNames.LOTS);
    return store.get(
        site + TopicDefaults.KEY_SEPARATOR + product + TopicDefaults.KEY_SEPARATOR + lot);
  }

  /** Sends raw bytes as a movement value. */
  public EngineDriver sendRaw(byte[] key, byte[] value) {
    movementsRaw.pipeInput(key, value);
    return this;
  }

  /** Writes raw bytes as a site record (e.g. framed with a schema the engine cannot read). */
  public EngineDriver siteRaw(String id, byte[] value) {
    driver
        .createInputTopic(
            topics.sites().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
        .pipeInput(id, value);
    return this;
  }

  /** Loads a site kept organic only (or not). */
  public EngineDriver site(String id, String zone, String country, boolean organicOnly) {
    sites.pipeInput(
        id,
        Site.newBuilder()
            .setSiteId(id)
            .setTimeZone(zone)
            .setCountry(country)
            .setOrganicOnly(organicOnly)
            .build());
    return this;
  }

  public EngineDriver site(String id, String zone, String country) {
    sites.pipeInput(
        id, Site.newBuilder().setSiteId(id).setTimeZone(zone).setCountry(country).build());
    return this;
  }

  public EngineDriver product(String id, String unit, String tolerancePct, String lotPrefix) {
    products.pipeInput(
        id,
        Product.newBuilder()
            .setProductId(id)
            .setUnit(unit)
            .setTolerancePct(tolerancePct)
            .setLotPrefix(lotPrefix)
            .setOrganic(true)
            .build());
    return this;
  }

  /** Loads a certificate record ({@code effective} and {@code expiresOn} may be null). */
  public EngineDriver certificate(String nopId, String status, String effective, String expiresOn) {
    return certificate(
        SupplierCertificate.newBuilder()
            .setNopId(nopId)
            .setOperationName("Operation " + nopId)
            .setCertifier("Certifier")
            .setStatus(status)
            .setStatusEffective(effective)
            .setExpiresOn(expiresOn)
            .build());
  }

  /** Loads a product with its organic flag. */
  public EngineDriver product(String id, String unit, boolean organic) {
    products.pipeInput(
        id,
        Product.newBuilder()
            .setProductId(id)
            .setUnit(unit)
            .setOrganic(organic)
            .setLotPrefix(id)
            .build());
    return this;
  }

  /** Read-only queries over the lots stores (the same class the API uses). */
  public LotQueries lots() {
    return new LotQueries(storeAccess(), references());
  }

  /** The audit's bulk scan over the driver's stores (the same class the bulk API uses). */
  public org.massbalance.engine.query.LedgerScan ledgerScan() {
    return new org.massbalance.engine.query.LedgerScan(storeAccess(), references());
  }

  private LotQueries.StoreAccess storeAccess() {
    return new LotQueries.StoreAccess() {
      @Override
      @SuppressWarnings("unchecked")
      public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
        return (ReadOnlyKeyValueStore<K, V>) driver.getKeyValueStore(name);
      }
    };
  }

  private org.massbalance.engine.query.ReferenceReader references() {
    return (sites, products) -> ReferenceDecoders.of(topics).reference(sites, products);
  }

  /** The lot (with its forward trace); fails when the site does not hold it. */
  public LotView lot(String site, String product, String lotId) {
    return lots()
        .lot(site, product, lotId)
        .orElseThrow(() -> new AssertionError("no lot " + site + "|" + product + "|" + lotId));
  }

  /** The lots on hand, oldest first: lot id → remaining in the product's unit ("715"). */
  public Map<String, String> onHand(String site, String product) {
    Map<String, String> out = new LinkedHashMap<>();
    for (LotOnHand l : lots().lotsOnHand(site, product)) {
      out.put(l.lotId(), Decimals.present(l.remaining()));
    }
    return out;
  }

  /** The forward trace of a lot as "movement_id TYPE quantity" lines, in order. */
  public List<String> drawsOf(String site, String product, String lotId) {
    return lot(site, product, lotId).allocations().stream()
        .map(a -> a.movementId() + " " + a.type() + " " + Decimals.present(a.quantity()))
        .toList();
  }

  public EngineDriver certificate(SupplierCertificate c) {
    certificates.pipeInput(c.getNopId(), c);
    return this;
  }

  /** Sends an investigation to variance-investigations, keyed site|product|period. */
  public EngineDriver investigation(org.massbalance.avro.Investigation i) {
    return investigationRaw(
        i.getSiteId() + "|" + i.getProductId() + "|" + i.getPeriod(),
        topics.investigationSerde().serializer().serialize(topics.investigations().name(), i));
  }

  /** Sends raw bytes to variance-investigations under {@code key}. */
  public EngineDriver investigationRaw(String key, byte[] value) {
    driver
        .createInputTopic(
            topics.investigations().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer())
        .pipeInput(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
    return this;
  }

  /** The investigation case of site|product|period, or null. */
  public org.massbalance.avro.internal.InvestigationCase investigationCase(
      String site, String product, String period) {
    KeyValueStore<String, org.massbalance.avro.internal.InvestigationCase> cases =
        driver.getKeyValueStore(StoreNames.INVESTIGATIONS);
    return cases.get(site + "|" + product + "|" + period);
  }

  /** Moves the wall clock forward (punctuations run). */
  public EngineDriver advanceWallClock(Duration d) {
    driver.advanceWallClockTime(d);
    return this;
  }

  /** Alerts emitted since the last call. */
  public List<Alert> alerts() {
    return alerts.readValuesToList();
  }

  /** Rejected records emitted since the last call. */
  public List<RejectedRecord> rejected() {
    return rejected.readValuesToList();
  }

  /** The book balance of site|product in {@code unit}, exact (not rounded). */
  public BigDecimal bookKg(String site, String product) {
    KeyValueStore<String, KeyState> books = driver.getKeyValueStore(StoreNames.BOOK);
    return BookStates.balanceKg(books.get(TopicDefaults.movementKey(site, product)));
  }

  /** The book balance expressed in {@code unit}, rounded to 6 places. */
  public BigDecimal book(String site, String product, Unit unit) {
    return unit.fromKg(bookKg(site, product));
  }

  public EngineMetrics metrics() {
    return metrics;
  }

  public TopologyTestDriver raw() {
    return driver;
  }

  private static Path tempDir(String scope) {
    try {
      return Files.createTempDirectory("massbalance-spec-" + scope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Topics topics() {
    return topics;
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      rocksDbFiles.close();
      InMemorySchemaRegistryClient.dropScope(scope);
      try {
        Utils.delete(stateDir.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
