package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.massbalance.avro.internal.LotInput;
import org.massbalance.avro.internal.LotState;
import org.massbalance.avro.internal.MovementTrace;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.OrderKey;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.stores.HistoryEntry;
import org.massbalance.engine.stores.InternalCodecs;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.LedgerKeys;
import org.massbalance.engine.stores.OpenLots;
import org.massbalance.engine.stores.StoreNames;

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
  private final ReferenceReader references;

  /** The spill store of lots on hand (ADR 18), looked up once per instance. */
  private ReadOnlyKeyValueStore<Bytes, byte[]> spill;

  /** Queries over {@code stores}, reading products (their units) with {@code references}. */
  public LotQueries(StoreAccess stores, ReferenceReader references) {
    this.stores = stores;
    this.references = references;
  }

  /** Queries over a running {@code streams} instance's stores. */
  public static LotQueries of(KafkaStreams streams, ReferenceReader references) {
    return of(streams, references, false);
  }

  /** Queries over {@code streams}' stores; with {@code stale}, standby copies answer too. */
  public static LotQueries of(KafkaStreams streams, ReferenceReader references, boolean stale) {
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
        references);
  }

  /** The lot and its forward trace, if this instance holds it. */
  public Optional<LotView> lot(String site, String product, String lotId) {
    String key = Keys.ledger(site, product);
    LotState s = this.<String, LotState>store(StoreNames.LOTS).get(Keys.lot(key, lotId));
    if (s == null) {
      return Optional.empty();
    }
    Unit unit = unit(product);
    List<AllocationView> forward = forwardTraces(key, lotId, unit).getOrDefault(lotId, List.of());
    return Optional.of(view(key, s, keyState(key), unit, forward));
  }

  /** How many lots this instance holds from supplier {@code nopId} with a quantity remaining. */
  public long lotsOnHand(String nopId) {
    return lotsOnHandBySupplier().getOrDefault(nopId, 0L);
  }

  /**
   * How many lots this instance holds from each supplier (NOP ID) with a quantity remaining: one
   * scan of this instance's key states, which hold the lots on hand (ADR 16), and of the lots
   * spilled by the keys holding many (ADR 18).
   */
  public Map<String, Long> lotsOnHandBySupplier() {
    Map<String, Long> out = new HashMap<>();
    ReadOnlyKeyValueStore<Bytes, byte[]> spill = spill();
    try (KeyValueIterator<String, KeyState> it =
        this.<String, KeyState>store(StoreNames.BOOK).all()) {
      while (it.hasNext()) {
        KeyValue<String, KeyState> kv = it.next();
        for (KeyState.OpenLot l : OpenLots.all(spill, kv.key, kv.value)) {
          if (l.nopId != null && l.remainingKg.signum() > 0) {
            out.merge(l.nopId, 1L, Long::sum);
          }
        }
      }
    }
    return out;
  }

  /** The back trace of a movement that drew lots, if this instance holds it. */
  public Optional<TraceView> trace(String site, String product, String movementId) {
    String key = Keys.ledger(site, product);
    MovementTrace t =
        backTraces(key, LedgerKeys.historyStart(key), LedgerKeys.historyEnd(key)).get(movementId);
    return t == null ? Optional.empty() : Optional.of(trace(site, product, t));
  }

  private TraceView trace(String site, String product, MovementTrace t) {
    String key = Keys.ledger(site, product);
    Unit unit = unit(product);
    ReadOnlyKeyValueStore<String, LotState> lots = store(StoreNames.LOTS);
    KeyState state = keyState(key);
    List<TraceView.TracedLot> traced = new ArrayList<>();
    for (LotAllocation a : t.getAllocations()) {
      LotState s = lots.get(Keys.lot(key, a.getLotId()));
      traced.add(
          new TraceView.TracedLot(
              allocation(a, unit), s == null ? null : view(key, s, state, unit, List.of())));
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
    String key = Keys.ledger(site, product);
    Unit unit = unit(product);
    List<LotView> out = new ArrayList<>();
    boolean more = false;
    KeyState state = keyState(key);
    Map<String, List<AllocationView>> forward = forwardTraces(key, null, unit);
    try (KeyValueIterator<String, LotState> it =
        this.<String, LotState>store(StoreNames.LOTS).range(start(key, afterLotId), end(key))) {
      while (it.hasNext()) {
        KeyValue<String, LotState> kv = it.next();
        if (afterLotId != null && kv.key.equals(Keys.lot(key, afterLotId))) {
          continue;
        }
        if (out.size() == limit) {
          more = true;
          break;
        }
        out.add(
            view(
                key,
                kv.value,
                state,
                unit,
                forward.getOrDefault(kv.value.getFacts().getLotId(), List.of())));
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
    String key = Keys.ledger(site, product);
    List<TraceView> out = new ArrayList<>();
    boolean more = false;
    Map<String, MovementTrace> inRange =
        backTraces(
            key,
            LedgerKeys.history(key, OrderKey.of(from, 0, "", null)),
            LedgerKeys.history(key, OrderKey.of(to, 0, "", null)));
    List<Map.Entry<byte[], MovementTrace>> sorted = new ArrayList<>();
    byte[] after =
        afterMovementId == null ? null : afterMovementId.getBytes(StandardCharsets.UTF_8);
    for (MovementTrace t : inRange.values()) {
      Instant at = Instant.ofEpochSecond(t.getEpochSecond(), t.getNano());
      byte[] id = t.getMovementId().getBytes(StandardCharsets.UTF_8);
      if ("COUNT".equals(t.getType())
          || at.isBefore(from)
          || !at.isBefore(to)
          || (after != null && Arrays.compareUnsigned(id, after) <= 0)) {
        continue;
      }
      sorted.add(Map.entry(id, t));
    }
    sorted.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
    for (Map.Entry<byte[], MovementTrace> e : sorted) {
      if (out.size() == limit) {
        more = true;
        break;
      }
      out.add(trace(site, product, e.getValue()));
    }
    return new Page<>(out, more);
  }

  /** A page of a paged read: the items and whether more follow. */
  public record Page<T>(List<T> items, boolean more) {}

  /** The first key of {@code ledgerKey}'s range, or the key {@code afterId} to resume after. */
  private static String start(String ledgerKey, String afterId) {
    return afterId == null ? Keys.under(ledgerKey) : Keys.lot(ledgerKey, afterId);
  }

  /** A key after every {@code site|product|...} key ('}' follows '|'; ids hold neither). */
  private static String end(String ledgerKey) {
    return ledgerKey + "}";
  }

  /** The lots on hand (remaining > 0) of site|product, oldest first. */
  public List<LotOnHand> lotsOnHand(String site, String product) {
    String key = Keys.ledger(site, product);
    Unit unit = unit(product);
    List<LotOnHand> out = new ArrayList<>();
    for (KeyState.OpenLot l : OpenLots.all(spill(), key, keyState(key))) {
      out.add(new LotOnHand(l.lotId, unit, l.remainingKg));
    }
    return out;
  }

  /**
   * The key's compact state (the oldest lots on hand and their remaining quantities, how many more
   * are spilled), or null.
   */
  private KeyState keyState(String key) {
    return this.<String, KeyState>store(StoreNames.BOOK).get(key);
  }

  /**
   * The forward traces of site|product's lots (only {@code lotId}'s when not null), each in the
   * contract's order of the drawing movements: derived from the key's back traces, which hold every
   * allocation once (ADR 16), so no store is written per allocation for them.
   */
  private Map<String, List<AllocationView>> forwardTraces(String key, String lotId, Unit unit) {
    Map<String, List<LotAllocation>> byLot = new HashMap<>();
    for (MovementTrace t :
        backTraces(key, LedgerKeys.historyStart(key), LedgerKeys.historyEnd(key)).values()) {
      for (LotAllocation a : t.getAllocations()) {
        if (lotId == null || lotId.equals(a.getLotId())) {
          byLot.computeIfAbsent(a.getLotId(), k -> new ArrayList<>()).add(a);
        }
      }
    }
    Map<String, List<AllocationView>> out = new HashMap<>();
    for (Map.Entry<String, List<LotAllocation>> e : byLot.entrySet()) {
      List<LotAllocation> list = e.getValue();
      list.sort(Comparator.comparing(LotQueries::orderOf));
      List<AllocationView> views = new ArrayList<>(list.size());
      for (LotAllocation a : list) {
        views.add(allocation(a, unit));
      }
      out.put(e.getKey(), views);
    }
    return out;
  }

  /**
   * The back traces appended to site|product's history entries between two history keys (both
   * included), by movement id; a movement id seen twice (after the de-duplication horizon) keeps
   * its later trace.
   */
  private Map<String, MovementTrace> backTraces(String key, Bytes from, Bytes to) {
    Map<String, MovementTrace> out = new HashMap<>();
    try (KeyValueIterator<Bytes, byte[]> it =
        this.<Bytes, byte[]>store(StoreNames.HISTORY).range(from, to)) {
      while (it.hasNext()) {
        byte[] trace = HistoryEntry.traceOf(it.next().value);
        if (trace != null) {
          MovementTrace t = InternalCodecs.decodeTrace(trace);
          out.put(t.getMovementId(), t);
        }
      }
    }
    return out;
  }

  /** The order key of the movement behind an allocation (an outbound movement, or a COUNT). */
  static OrderKey orderOf(LotAllocation a) {
    return OrderKey.of(
        Instant.ofEpochSecond(a.getEpochSecond(), a.getNano()),
        "COUNT".equals(a.getType()) ? OrderKey.RANK_COUNT : OrderKey.RANK_OUTBOUND,
        a.getMovementId(),
        null);
  }

  /**
   * The view of a lot: its facts and received quantity from the lots store, its remaining quantity
   * from the key's state or the lots it spilled (0 when it is not on hand), and its forward trace.
   */
  LotView view(
      String key, LotState s, KeyState state, Unit unit, List<AllocationView> allocations) {
    LotFacts f = s.getFacts();
    return new LotView(
        s.getSiteId(),
        s.getProductId(),
        f.getLotId(),
        unit,
        new BigDecimal(s.getReceivedKg()),
        OpenLots.remainingOf(spill(), key, state, s),
        Instant.ofEpochSecond(f.getReceivedEpochSecond(), f.getReceivedNano()),
        f.getSupplierId(),
        f.getSupplierLot(),
        f.getSupplierNopId(),
        f.getCertifiedAtReceipt(),
        f.getImportCertificate(),
        f.getOriginCountry(),
        f.getOriginSiteId(),
        f.getAdjustment(),
        List.copyOf(allocations),
        f.getTransformationId(),
        inputs(f),
        f.getReceiptMovementId());
  }

  /** The lineage of a lot a transformation made, each input in its product's unit. */
  private List<LotInputView> inputs(LotFacts f) {
    if (f.getInputs() == null || f.getInputs().isEmpty()) {
      return List.of();
    }
    List<LotInputView> out = new ArrayList<>(f.getInputs().size());
    for (LotInput in : f.getInputs()) {
      out.add(inputView(in, unit(in.getProductId())));
    }
    return List.copyOf(out);
  }

  /** The view of one lot of a lineage, in its product's {@code unit}. */
  static LotInputView inputView(LotInput in, Unit unit) {
    return new LotInputView(
        in.getProductId(),
        in.getLotId(),
        unit,
        new BigDecimal(in.getQuantityKg()),
        in.getOrganic(),
        in.getSupplierId(),
        in.getSupplierLot(),
        in.getSupplierNopId(),
        in.getCertifiedAtReceipt(),
        in.getTransformationId(),
        in.getOriginSiteId());
  }

  static AllocationView allocation(LotAllocation a, Unit unit) {
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

  Unit unit(String product) {
    return references
        .reference(store(StoreNames.SITES), store(StoreNames.PRODUCTS))
        .product(product)
        .unit();
  }

  private ReadOnlyKeyValueStore<Bytes, byte[]> spill() {
    if (spill == null) {
      spill = store(StoreNames.LOTS_SPILL);
    }
    return spill;
  }

  private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
    return stores.keyValueStore(name);
  }
}
