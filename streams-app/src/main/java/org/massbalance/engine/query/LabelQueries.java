package org.massbalance.engine.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.ReferenceData;
import org.massbalance.engine.stores.StoreNames;

/**
 * What lot labels and the GS1 Digital Link resolver read: products by GTIN and certificates (the
 * global stores, which every instance holds whole), and which sites of this instance hold a lot id
 * of a product.
 */
public final class LabelQueries {

  private final StoreAccess stores;
  private final ReferenceReader references;
  private final Deserializer<SupplierCertificate> certificates;
  private final String certificatesTopic;

  LabelQueries(
      StoreAccess stores,
      ReferenceReader references,
      Deserializer<SupplierCertificate> certificates,
      String certificatesTopic) {
    this.stores = stores;
    this.references = references;
    this.certificates = certificates;
    this.certificatesTopic = certificatesTopic;
  }

  /** Sites and products from the global stores. */
  public ReferenceData reference() {
    return references.reference(
        stores.kv(StoreNames.SITES, true), stores.kv(StoreNames.PRODUCTS, true));
  }

  /**
   * The products whose GTIN is {@code gtin14}, in product-id order: one pass over the products'
   * global store, each record decoded as the engine decodes it (an invalid GTIN is none). Usually
   * one; two products given one GTIN are both returned.
   */
  public List<ProductInfo> productsWithGtin(String gtin14) {
    ReferenceData reference = reference();
    List<ProductInfo> out = new ArrayList<>();
    ReadOnlyKeyValueStore<String, byte[]> products = stores.kv(StoreNames.PRODUCTS, true);
    try (KeyValueIterator<String, byte[]> it = products.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.value == null) {
          continue;
        }
        ProductInfo p = reference.product(kv.key);
        if (gtin14.equals(p.gtin())) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** The certificate record of {@code nopId}, when there is one and it can be read. */
  public Optional<SupplierCertificate> certificate(String nopId) {
    if (nopId == null || nopId.isEmpty()) {
      return Optional.empty();
    }
    byte[] raw = stores.<String, byte[]>kv(StoreNames.CERTIFICATES, true).get(nopId);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(certificates.deserialize(certificatesTopic, raw));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The books of this instance's stores (active tasks and standbys) that hold lot {@code lotId} of
   * one of {@code products}, by site and product. Each of the ledger's partitions held here is read
   * on its own: its books are keyed {@code site|product}, so the distinct sites of a partition are
   * found by seeking from one site's keys to the next ({@link #sitesIn}), and for each site one
   * look-up per product in the lots store tells whether it holds the lot: the cost follows the
   * number of sites, not of books or lots.
   */
  public Set<Keys.SiteProduct> holding(Collection<String> products, String lotId) {
    KafkaStreams streams = stores.streams();
    Set<Integer> partitions = new TreeSet<>();
    for (ThreadMetadata t : streams.metadataForLocalThreads()) {
      for (TaskMetadata task : t.activeTasks()) {
        partitions.add(task.taskId().partition());
      }
      for (TaskMetadata task : t.standbyTasks()) {
        partitions.add(task.taskId().partition());
      }
    }
    Set<Keys.SiteProduct> out =
        new TreeSet<>(
            java.util.Comparator.comparing(Keys.SiteProduct::siteId)
                .thenComparing(Keys.SiteProduct::productId));
    for (int p : partitions) {
      ReadOnlyKeyValueStore<String, Object> books;
      ReadOnlyKeyValueStore<String, Object> lots;
      try {
        books = partition(streams, StoreNames.BOOK, p);
        lots = partition(streams, StoreNames.LOTS, p);
      } catch (InvalidStateStoreException e) {
        continue; // not a partition of the ledger held here (another sub-topology's task)
      }
      out.addAll(holding(books, lots, products, lotId));
    }
    return out;
  }

  /**
   * The books of one partition ({@code books}, and its {@code lots}) that hold lot {@code lotId} of
   * one of {@code products}, in site order.
   */
  public static List<Keys.SiteProduct> holding(
      ReadOnlyKeyValueStore<String, ?> books,
      ReadOnlyKeyValueStore<String, ?> lots,
      Collection<String> products,
      String lotId) {
    List<Keys.SiteProduct> out = new ArrayList<>();
    for (String site : sitesIn(books)) {
      for (String product : products) {
        if (lots.get(Keys.lot(Keys.ledger(site, product), lotId)) != null) {
          out.add(new Keys.SiteProduct(site, product));
        }
      }
    }
    return out;
  }

  private static ReadOnlyKeyValueStore<String, Object> partition(
      KafkaStreams streams, String name, int partition) {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(
                  name, QueryableStoreTypes.<String, Object>keyValueStore())
              .withPartition(partition)
              .enableStaleStores());
    } catch (IllegalStateException e) {
      throw new InvalidStateStoreException(e.getMessage(), e);
    }
  }

  /**
   * The distinct sites of a store of books keyed {@code site|product}: the keys of one site form
   * one range, from {@code site|} to just before {@code site} followed by the character after
   * {@code |} (ids never hold {@code |}, and every id character sorts before it), so after reading
   * one key the next site starts at or after that bound: one seek per site.
   */
  public static List<String> sitesIn(ReadOnlyKeyValueStore<String, ?> books) {
    List<String> sites = new ArrayList<>();
    char after = (char) (Keys.SEPARATOR.charAt(0) + 1);
    String from = null;
    while (true) {
      String key;
      try (KeyValueIterator<String, ?> it = books.range(from, null)) {
        if (!it.hasNext()) {
          return sites;
        }
        key = it.peekNextKey();
      }
      String site = Keys.parseLedger(key).siteId();
      sites.add(site);
      from = site + after;
    }
  }
}
