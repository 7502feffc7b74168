package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.internal.LotAllocation;
import org.massbalance.avro.internal.LotFacts;
import org.massbalance.avro.internal.LotState;
import org.massbalance.avro.internal.MovementTrace;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.processors.ReferenceDecoders;
import org.massbalance.engine.stores.LotKeys;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.engine.topology.Topics;
import org.massbalance.topics.TopicDefaults;

/**
 * Read-only views over this instance's lots stores: a lot with its forward trace, the back trace of
 * a movement, and the lots on hand of a balance (first-in first-out order).
 */
public final class LotQueries {

  /** Access to the read-only key-value stores by name (interactive queries, or a test driver). */
  public interface StoreAccess {
    /** The store named {@code name}. */
    <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name);
  }

  private final StoreAccess stores;
  private final Topics topics;

  /** Queries over {@code stores}, decoding reference data with {@code topics}' serdes. */
  public LotQueries(StoreAccess stores, Topics topics) {
    this.stores = stores;
    this.topics = topics;
  }

  /** Queries over a running {@code streams} instance's stores. */
  public static LotQueries of(KafkaStreams streams, Topics topics) {
    return of(streams, topics, false);
  }

  /** Queries over {@code streams}' stores; with {@code stale}, standby copies answer too. */
  public static LotQueries of(KafkaStreams streams, Topics topics, boolean stale) {
    return new LotQueries(
        new StoreAccess() {
          @Override
          public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
            StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> p =
                StoreQueryParameters.fromNameAndType(
                    name, QueryableStoreTypes.<K, V>keyValueStore());
            try {
              return streams.store(stale ? p.enableStaleStores() : p);
            } catch (IllegalStateException e) {
              // Kafka Streams shutting down: the store cannot be queried now.
              throw new InvalidStateStoreException(e.getMessage(), e);
            }
          }
        },
        topics);
  }

  /** The lot and its forward trace, if this instance holds it. */
  public Optional<LotView> lot(String site, String product, String lotId) {
    String key = TopicDefaults.movementKey(site, product);
    LotState s = this.<String, LotState>store(StoreNames.LOTS).get(LotKeys.lot(key, lotId));
    return s == null ? Optional.empty() : Optional.of(view(s, unit(product), true));
  }

  /** How many lots this instance holds from supplier {@code nopId} with a quantity remaining. */
  public long lotsOnHand(String nopId) {
    ReadOnlyKeyValueStore<Bytes, byte[]> index = store(StoreNames.LOTS_BY_SUPPLIER);
    ReadOnlyKeyValueStore<String, LotState> lots = store(StoreNames.LOTS);
    long n = 0;
    try (KeyValueIterator<Bytes, byte[]> it =
        index.range(LotKeys.bySupplierStart(nopId), LotKeys.bySupplierEnd(nopId))) {
      while (it.hasNext()) {
        LotState lot = lots.get(LotKeys.lotKeyOfSupplierKey(it.next().key));
        if (lot != null && new BigDecimal(lot.getRemainingKg()).signum() > 0) {
          n++;
        }
      }
    }
    return n;
  }

  /** The back trace of a movement that drew lots, if this instance holds it. */
  public Optional<TraceView> trace(String site, String product, String movementId) {
    String key = TopicDefaults.movementKey(site, product);
    MovementTrace t =
        this.<String, MovementTrace>store(StoreNames.LOTS_BACK_TRACE)
            .get(LotKeys.trace(key, movementId));
    return t == null ? Optional.empty() : Optional.of(trace(site, product, t));
  }

  private TraceView trace(String site, String product, MovementTrace t) {
    String key = TopicDefaults.movementKey(site, product);
    Unit unit = unit(product);
    ReadOnlyKeyValueStore<String, LotState> lots = store(StoreNames.LOTS);
    List<TraceView.TracedLot> traced = new ArrayList<>();
    for (LotAllocation a : t.getAllocations()) {
      LotState s = lots.get(LotKeys.lot(key, a.getLotId()));
      traced.add(
          new TraceView.TracedLot(allocation(a, unit), s == null ? null : view(s, unit, false)));
    }
    return new TraceView(
        site,
        product,
        t.getMovementId(),
        t.getType(),
        Instant.ofEpochSecond(t.getEpochSecond(), t.getNano()),
        unit,
        new BigDecimal(t.getQuantityKg()),
        new BigDecimal(t.getUncoveredKg()),
        t.getNamedLotId(),
        t.getNamedLotUnknown(),
        t.getCounterpartyId(),
        t.getDocumentRef(),
        t.getToSiteId(),
        t.getReason(),
        traced);
  }

  /**
   * One page of every lot of site|product (with its allocations), in lot-id order: the lots after
   * {@code afterLotId} (null: from the first), at most {@code limit}.
   *
   * @return the page; {@link Page#more()} says whether lots follow it
   */
  public Page<LotView> lots(String site, String product, String afterLotId, int limit) {
    String key = TopicDefaults.movementKey(site, product);
    Unit unit = unit(product);
    List<LotView> out = new ArrayList<>();
    boolean more = false;
    try (KeyValueIterator<String, LotState> it =
        this.<String, LotState>store(StoreNames.LOTS).range(start(key, afterLotId), end(key))) {
      while (it.hasNext()) {
        KeyValue<String, LotState> kv = it.next();
        if (afterLotId != null && kv.key.equals(LotKeys.lot(key, afterLotId))) {
          continue;
        }
        if (out.size() == limit) {
          more = true;
          break;
        }
        out.add(view(kv.value, unit, true));
      }
    }
    return new Page<>(out, more);
  }

  /**
   * One page of the back traces of site|product's outbound movements (SALE, WASTE, TRANSFER,
   * negative ADJUSTMENT; not a COUNT's excess) with {@code from <= occurred_at < to}, in
   * movement-id order, after {@code afterMovementId} (null: from the first), at most {@code limit}.
   */
  public Page<TraceView> traces(
      String site, String product, Instant from, Instant to, String afterMovementId, int limit) {
    String key = TopicDefaults.movementKey(site, product);
    List<TraceView> out = new ArrayList<>();
    boolean more = false;
    try (KeyValueIterator<String, MovementTrace> it =
        this.<String, MovementTrace>store(StoreNames.LOTS_BACK_TRACE)
            .range(start(key, afterMovementId), end(key))) {
      while (it.hasNext()) {
        KeyValue<String, MovementTrace> kv = it.next();
        MovementTrace t = kv.value;
        if (afterMovementId != null && kv.key.equals(LotKeys.trace(key, afterMovementId))) {
          continue;
        }
        Instant at = Instant.ofEpochSecond(t.getEpochSecond(), t.getNano());
        if ("COUNT".equals(t.getType()) || at.isBefore(from) || !at.isBefore(to)) {
          continue;
        }
        if (out.size() == limit) {
          more = true;
          break;
        }
        out.add(trace(site, product, t));
      }
    }
    return new Page<>(out, more);
  }

  /** A page of a paged read: the items and whether more follow. */
  public record Page<T>(List<T> items, boolean more) {}

  /** The first key of {@code ledgerKey}'s range, or the key {@code afterId} to resume after. */
  private static String start(String ledgerKey, String afterId) {
    return afterId == null ? ledgerKey + "|" : ledgerKey + "|" + afterId;
  }

  /** A key after every {@code site|product|...} key ('}' follows '|'; ids hold neither). */
  private static String end(String ledgerKey) {
    return ledgerKey + "}";
  }

  /** The lots on hand (remaining > 0) of site|product, oldest first. */
  public List<LotOnHand> lotsOnHand(String site, String product) {
    String key = TopicDefaults.movementKey(site, product);
    Unit unit = unit(product);
    ReadOnlyKeyValueStore<String, LotState> lots = store(StoreNames.LOTS);
    List<LotOnHand> out = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it =
        this.<Bytes, byte[]>store(StoreNames.LOTS_FIFO)
            .range(LotKeys.fifoStart(key), LotKeys.fifoEnd(key))) {
      while (it.hasNext()) {
        String lotId = new String(it.next().value, StandardCharsets.UTF_8);
        LotState s = lots.get(LotKeys.lot(key, lotId));
        if (s == null) {
          // The index and the lots are read one after the other, each over this instance's
          // stores: when the partition changes hands in between (a standby promoted, a task
          // moved), the index can name a lot this instance cannot read now. Not ready, not an
          // error: the caller answers from another copy or 503.
          throw new InvalidStateStoreException(
              "lot " + lotId + " of " + key + " cannot be read here now");
        }
        out.add(new LotOnHand(lotId, unit, new BigDecimal(s.getRemainingKg())));
      }
    }
    return out;
  }

  private LotView view(LotState s, Unit unit, boolean withAllocations) {
    LotFacts f = s.getFacts();
    List<AllocationView> allocations = new ArrayList<>();
    if (withAllocations) {
      String lotKey =
          LotKeys.lot(TopicDefaults.movementKey(s.getSiteId(), s.getProductId()), f.getLotId());
      try (KeyValueIterator<Bytes, LotAllocation> it =
          this.<Bytes, LotAllocation>store(StoreNames.LOTS_FORWARD_TRACE)
              .range(LotKeys.allocationStart(lotKey), LotKeys.allocationEnd(lotKey))) {
        while (it.hasNext()) {
          KeyValue<Bytes, LotAllocation> kv = it.next();
          allocations.add(allocation(kv.value, unit));
        }
      }
    }
    return new LotView(
        s.getSiteId(),
        s.getProductId(),
        f.getLotId(),
        unit,
        new BigDecimal(s.getReceivedKg()),
        new BigDecimal(s.getRemainingKg()),
        Instant.ofEpochSecond(f.getReceivedEpochSecond(), f.getReceivedNano()),
        f.getSupplierId(),
        f.getSupplierLot(),
        f.getSupplierNopId(),
        f.getCertifiedAtReceipt(),
        f.getImportCertificate(),
        f.getOriginCountry(),
        f.getOriginSiteId(),
        f.getAdjustment(),
        List.copyOf(allocations));
  }

  private static AllocationView allocation(LotAllocation a, Unit unit) {
    return new AllocationView(
        a.getLotId(),
        a.getMovementId(),
        a.getType(),
        unit,
        new BigDecimal(a.getQuantityKg()),
        Instant.ofEpochSecond(a.getEpochSecond(), a.getNano()),
        a.getCounterpartyId(),
        a.getDocumentRef(),
        a.getToSiteId());
  }

  private Unit unit(String product) {
    return ReferenceDecoders.of(topics)
        .reference(store(StoreNames.SITES), store(StoreNames.PRODUCTS))
        .product(product)
        .unit();
  }

  private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
    return stores.keyValueStore(name);
  }
}
