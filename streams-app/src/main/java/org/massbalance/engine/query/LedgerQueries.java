package org.massbalance.engine.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.engine.config.Topics;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.ReferenceData;
import org.massbalance.engine.stores.Availability;
import org.massbalance.engine.stores.BookStates;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.StoreNames;

/** Interactive queries over this instance's ledger stores. */
public final class LedgerQueries {

  private final StoreAccess stores;
  private final Topics topics;
  private final ReferenceReader references;

  /**
   * Queries over {@code streams}, reading sites and products with {@code references} and
   * certificates with {@code topics}' serdes.
   */
  public LedgerQueries(KafkaStreams streams, Topics topics, ReferenceReader references) {
    this.stores = new StoreAccess(streams);
    this.topics = topics;
    this.references = references;
  }

  /** The book of site|product held by this instance, if any. */
  public Optional<BalanceView> balance(String site, String product) {
    return balance(site, product, false);
  }

  /** The book of site|product held by this instance (a standby's copy when {@code stale}). */
  public Optional<BalanceView> balance(String site, String product, boolean stale) {
    KeyState s = books(stale).get(Keys.ledger(site, product));
    return s == null ? Optional.empty() : Optional.of(view(site, product, s, reference()));
  }

  /**
   * What site|product can promise before a sale, held by this instance (a standby's copy when
   * {@code stale}); empty when it holds no state of the key.
   */
  public Optional<AvailabilityView> availability(String site, String product, boolean stale) {
    String key = Keys.ledger(site, product);
    KeyState s = books(stale).get(key);
    if (s == null) {
      return Optional.empty();
    }
    Availability a =
        Availability.of(
            key, s, stores.kv(StoreNames.LOTS_SPILL, stale), stores.kv(StoreNames.LOTS, stale));
    return Optional.of(
        new AvailabilityView(
            a.bookKg(),
            a.onHandKg(),
            a.certifiedKg(),
            a.reservedKg(),
            a.lots().stream()
                .map(l -> new AvailabilityView.Lot(l.lotId(), l.remainingKg(), l.certified()))
                .toList()));
  }

  /** The unit of {@code product} (kg when unknown). */
  public org.massbalance.engine.domain.Unit unitOf(String product) {
    return reference().product(product).unit();
  }

  /** Every book held by this instance. */
  public List<BalanceView> balances() {
    return scan(books(false).all());
  }

  /** The books of one site held by this instance. */
  public List<BalanceView> balances(String site) {
    return scan(books(false).prefixScan(Keys.ofSite(site), new StringSerializer()));
  }

  private List<BalanceView> scan(KeyValueIterator<String, KeyState> iterator) {
    List<BalanceView> out = new ArrayList<>();
    // One look-up of the reference stores for the whole scan, one decode per product.
    ReferenceData reference = reference();
    Map<String, ProductInfo> products = new HashMap<>();
    try (KeyValueIterator<String, KeyState> it = iterator) {
      while (it.hasNext()) {
        KeyValue<String, KeyState> kv = it.next();
        Keys.SiteProduct parts = Keys.parseLedger(kv.key);
        ProductInfo p = products.computeIfAbsent(parts.productId(), reference::product);
        out.add(view(parts.siteId(), parts.productId(), kv.value, p));
      }
    }
    return out;
  }

  private BalanceView view(String site, String product, KeyState s, ReferenceData reference) {
    return view(site, product, s, reference.product(product));
  }

  private BalanceView view(String site, String product, KeyState s, ProductInfo p) {
    return new BalanceView(
        site,
        product,
        p.unit(),
        BookStates.balanceKg(s),
        s.lastCountKg,
        s.lastCountBookKg,
        s.lastCountOrder == null ? null : s.lastCountOrder.instant(),
        s.movements,
        s.reservedKg());
  }

  private ReadOnlyKeyValueStore<String, KeyState> books(boolean stale) {
    return stores.kv(StoreNames.BOOK, stale);
  }

  /** Sites and products from the global stores. */
  public ReferenceData reference() {
    return references.reference(
        stores.kv(StoreNames.SITES, true), stores.kv(StoreNames.PRODUCTS, true));
  }

  /** A page of the supplier certificates of the global store, in NOP-ID order. */
  public SupplierQueries.Page suppliers(int offset, int limit) {
    return SupplierQueries.page(
        stores.kv(StoreNames.CERTIFICATES, true),
        topics.certificates().valueSerde().deserializer(),
        topics.certificates().name(),
        offset,
        limit);
  }

  /** The lots of this instance's stores (standby copies too when {@code stale}). */
  public LotQueries lots(boolean stale) {
    return LotQueries.of(stores.streams(), references, stale);
  }

  /** The transformations of this instance's stores. */
  public TransformationQueries transformations() {
    return new TransformationQueries(
        stores, reference(), topics.yields().valueSerde().deserializer(), topics.yields().name());
  }

  /**
   * The ledger scan of partition {@code partition} of this instance's stores, read from its active
   * task (a standby's copy is never read: an audit's partition is answered by its owner).
   */
  public LedgerScan ledgerScan(int partition) {
    return new LedgerScan(partitionStores(partition), references);
  }

  /**
   * Gives {@code sink} the transformations of partition {@code partition} of this instance's
   * transformations store (its active task) dated in the site-local months {@code from} to {@code
   * to}, only {@code site}'s when not null.
   *
   * @return how many were given
   */
  public int scanTransformations(
      int partition,
      String site,
      java.time.YearMonth from,
      java.time.YearMonth to,
      java.util.function.Consumer<TransformationView> sink) {
    return transformations()
        .scan(stores.kvPartition(StoreNames.TRANSFORMATIONS, partition), site, from, to, sink);
  }

  /**
   * Whether this instance holds partition {@code partition} of {@code store} active now (a
   * standby's copy does not count).
   */
  public boolean ownsActive(KeyedStore store, int partition) {
    return stores.readable(store.storeName(), partition, false);
  }

  /** The stores of one partition: partitioned ones from its active task, global ones whole. */
  private LotQueries.StoreAccess partitionStores(int partition) {
    return new LotQueries.StoreAccess() {
      @Override
      public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
        return GLOBAL.contains(name) ? stores.kv(name, true) : stores.kvPartition(name, partition);
      }
    };
  }

  private static final java.util.Set<String> GLOBAL =
      java.util.Set.of(
          StoreNames.SITES, StoreNames.PRODUCTS, StoreNames.CERTIFICATES, StoreNames.YIELDS);

  /** Products by GTIN, certificates and the sites holding a lot: for lot labels and links. */
  public LabelQueries labels() {
    return new LabelQueries(
        stores,
        references,
        topics.certificates().valueSerde().deserializer(),
        topics.certificates().name());
  }

  /** The import certificates of this instance's stores. */
  public ImportCertificateQueries importCertificates() {
    return new ImportCertificateQueries(stores);
  }

  /** The investigation cases of this instance's stores. */
  public InvestigationQueries investigations() {
    return new InvestigationQueries(stores);
  }

  /** The store access these queries use. */
  public StoreAccess stores() {
    return stores;
  }
}
