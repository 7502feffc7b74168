package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.internal.LotAllocation;
import org.massbalance.avro.internal.LotState;
import org.massbalance.avro.internal.MovementTrace;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.OrderKey;
import org.massbalance.engine.domain.Periods;
import org.massbalance.engine.domain.ReferenceData;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.stores.HistoryEntry;
import org.massbalance.engine.stores.InternalCodecs;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.LedgerKeys;
import org.massbalance.engine.stores.StoreNames;

/**
 * One pass over the ledger stores of one store view (one partition of an instance, or a test
 * driver's stores) for an audit range: for each site|product with a movement in the range, its back
 * traces in the range, the lots it received or drew in the range (each with its forward trace), and
 * the transfers that arrived in the range. The bulk read behind the audit package (ADR 26).
 *
 * <p>The books ({@code ledger-book-store}) are read once, in key order (a site's prefix only when a
 * site is given); each key then reads only its own history from the start of the range (one seek),
 * and its lots (one prefix seek). Keys are given to the sink in (site, product) order, so the
 * answers of several partitions merge into one sorted stream. Memory holds one key's data and the
 * list of the view's keys, never a whole range.
 */
public final class LedgerScan {

  private final LotQueries.StoreAccess stores;
  private final ReferenceReader references;

  /** A scan over {@code stores}, reading sites and products with {@code references}. */
  public LedgerScan(LotQueries.StoreAccess stores, ReferenceReader references) {
    this.stores = stores;
    this.references = references;
  }

  /**
   * What one site|product holds of a range.
   *
   * @param unit the product's reporting unit
   * @param zone the site's time zone (its months)
   * @param traces the back traces of its outbound movements dated in the range (not a COUNT's
   *     excess), in the contract's order
   * @param lots the lots it received in the range (by their original receipt) or drew from in the
   *     range, each with every allocation (its forward trace), in lot-id order
   * @param arrivals the transfers that arrived at it in the range
   */
  public record KeyRange(
      String siteId,
      String productId,
      Unit unit,
      ZoneId zone,
      List<TraceView> traces,
      List<LotView> lots,
      List<Arrival> arrivals) {}

  /**
   * A transfer's arrival at a site: the TRANSFER of {@code originSiteId} (its id), when, and the
   * quantity that arrived (kg).
   */
  public record Arrival(
      String movementId, Instant occurredAt, String originSiteId, BigDecimal quantityKg) {}

  /**
   * Gives {@code sink} each site|product of this view (only {@code site}'s when not null) with a
   * movement dated in the site-local months {@code from} to {@code to}, in (site, product) order.
   *
   * @return the number of keys given
   */
  public int scan(String site, YearMonth from, YearMonth to, Consumer<KeyRange> sink) {
    ReadOnlyKeyValueStore<String, KeyState> books = stores.keyValueStore(StoreNames.BOOK);
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, KeyState> it =
        site == null ? books.all() : books.prefixScan(Keys.ofSite(site), new StringSerializer())) {
      while (it.hasNext()) {
        keys.add(it.next().key);
      }
    }
    keys.sort(SITE_PRODUCT);
    ReferenceData reference =
        references.reference(
            stores.keyValueStore(StoreNames.SITES), stores.keyValueStore(StoreNames.PRODUCTS));
    LotQueries lots = new LotQueries(stores, references);
    ReadOnlyKeyValueStore<Bytes, byte[]> history = stores.keyValueStore(StoreNames.HISTORY);
    ReadOnlyKeyValueStore<String, LotState> lotStore = stores.keyValueStore(StoreNames.LOTS);
    Map<String, ZoneId> zones = new HashMap<>();
    Map<String, Unit> units = new HashMap<>();
    int given = 0;
    for (String key : keys) {
      Keys.SiteProduct sp = Keys.parseLedger(key);
      ZoneId zone = zones.computeIfAbsent(sp.siteId(), s -> reference.site(s).zone());
      Unit unit = units.computeIfAbsent(sp.productId(), p -> reference.product(p).unit());
      KeyRange r =
          key(
              key,
              sp,
              unit,
              zone,
              Periods.start(from, zone),
              Periods.end(to, zone),
              books,
              history,
              lotStore,
              lots);
      if (r != null) {
        sink.accept(r);
        given++;
      }
    }
    return given;
  }

  /** Ledger keys by site, then product (not by the key's bytes: '|' sorts after every id byte). */
  public static final Comparator<String> SITE_PRODUCT =
      Comparator.comparing((String k) -> Keys.parseLedger(k).siteId())
          .thenComparing(k -> Keys.parseLedger(k).productId());

  private KeyRange key(
      String key,
      Keys.SiteProduct sp,
      Unit unit,
      ZoneId zone,
      Instant start,
      Instant end,
      ReadOnlyKeyValueStore<String, KeyState> books,
      ReadOnlyKeyValueStore<Bytes, byte[]> history,
      ReadOnlyKeyValueStore<String, LotState> lotStore,
      LotQueries lots) {
    // Every trace from the start of the range on (later ones hold the allocations of the lots
    // received in the range), by movement id: a movement id seen twice keeps its later trace.
    Map<String, MovementTrace> traces = new LinkedHashMap<>();
    List<Arrival> arrivals = new ArrayList<>();
    boolean any =
        readHistory(
            history,
            LedgerKeys.history(key, OrderKey.of(start, 0, "", null)),
            LedgerKeys.historyEnd(key),
            end,
            traces,
            arrivals);
    if (!any) {
      return null;
    }
    List<MovementTrace> inRange = new ArrayList<>();
    Set<String> drawn = new HashSet<>();
    for (MovementTrace t : traces.values()) {
      Instant at = Instant.ofEpochSecond(t.getEpochSecond(), t.getNano());
      if (!"COUNT".equals(t.getType()) && !at.isBefore(start) && at.isBefore(end)) {
        inRange.add(t);
        for (LotAllocation a : t.getAllocations()) {
          drawn.add(a.getLotId());
        }
      }
    }
    Map<String, LotState> lotStates = new LinkedHashMap<>();
    Instant earliest = null;
    try (KeyValueIterator<String, LotState> it =
        lotStore.range(Keys.under(key), key + END_OF_KEY)) {
      while (it.hasNext()) {
        KeyValue<String, LotState> kv = it.next();
        LotState s = kv.value;
        String lotId = s.getFacts().getLotId();
        Instant received =
            Instant.ofEpochSecond(
                s.getFacts().getReceivedEpochSecond(), s.getFacts().getReceivedNano());
        boolean receivedInRange = !received.isBefore(start) && received.isBefore(end);
        if (receivedInRange || drawn.contains(lotId)) {
          lotStates.put(lotId, s);
          if (received.isBefore(start) && (earliest == null || received.isBefore(earliest))) {
            earliest = received;
          }
        }
      }
    }
    Map<String, List<LotAllocation>> byLot = new HashMap<>();
    if (earliest != null) {
      // A lot received before the range and drawn in it: its earlier allocations too.
      Map<String, MovementTrace> before = new LinkedHashMap<>();
      readHistory(
          history,
          LedgerKeys.history(key, OrderKey.of(earliest, 0, "", null)),
          LedgerKeys.history(key, OrderKey.of(start, 0, "", null)),
          start,
          before,
          new ArrayList<>());
      collect(before.values(), lotStates.keySet(), byLot);
    }
    collect(traces.values(), lotStates.keySet(), byLot);
    KeyState state = books.get(key);
    List<LotView> lotViews = new ArrayList<>(lotStates.size());
    for (Map.Entry<String, LotState> e : lotStates.entrySet()) {
      List<LotAllocation> list = new ArrayList<>(byLot.getOrDefault(e.getKey(), List.of()));
      List<AllocationView> allocations = new ArrayList<>(list.size());
      list.sort(Comparator.comparing(LotQueries::orderOf));
      for (LotAllocation a : list) {
        allocations.add(LotQueries.allocation(a, unit));
      }
      lotViews.add(lots.view(key, e.getValue(), state, unit, allocations));
    }
    List<TraceView> traceViews = new ArrayList<>(inRange.size());
    for (MovementTrace t : inRange) {
      List<TraceView.TracedLot> traced = new ArrayList<>(t.getAllocations().size());
      for (LotAllocation a : t.getAllocations()) {
        LotState s = lotStates.get(a.getLotId());
        traced.add(
            new TraceView.TracedLot(
                LotQueries.allocation(a, unit),
                s == null ? null : lots.view(key, s, state, unit, List.of())));
      }
      traceViews.add(
          new TraceView(
              sp.siteId(),
              sp.productId(),
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
              traced));
    }
    return new KeyRange(
        sp.siteId(),
        sp.productId(),
        unit,
        zone,
        List.copyOf(traceViews),
        List.copyOf(lotViews),
        List.copyOf(arrivals));
  }

  /** A key after every {@code site|product|...} key ('}' follows '|'; ids hold neither). */
  private static final String END_OF_KEY = "}";

  private static void collect(
      Iterable<MovementTrace> traces, Set<String> lots, Map<String, List<LotAllocation>> byLot) {
    for (MovementTrace t : traces) {
      for (LotAllocation a : t.getAllocations()) {
        if (lots.contains(a.getLotId())) {
          byLot.computeIfAbsent(a.getLotId(), x -> new ArrayList<>()).add(a);
        }
      }
    }
  }

  /**
   * Reads the history entries from {@code from} to {@code to} (both keys included): their traces
   * into {@code traces} (by movement id), the arrivals dated before {@code end} into {@code
   * arrivals}.
   *
   * @return whether an entry is dated before {@code end}
   */
  private static boolean readHistory(
      ReadOnlyKeyValueStore<Bytes, byte[]> history,
      Bytes from,
      Bytes to,
      Instant end,
      Map<String, MovementTrace> traces,
      List<Arrival> arrivals) {
    boolean any = false;
    try (KeyValueIterator<Bytes, byte[]> it = history.range(from, to)) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        byte[] k = kv.key.get();
        int sep = indexOf(k, (byte) 0, 0);
        if (sep < 0 || k.length < sep + 1 + OrderKey.FIXED_BYTES) {
          continue;
        }
        ByteBuffer b = ByteBuffer.wrap(k, sep + 1, OrderKey.FIXED_BYTES);
        Instant at = Instant.ofEpochSecond(b.getLong() ^ Long.MIN_VALUE, b.getInt());
        boolean before = at.isBefore(end);
        any |= before;
        byte[] trace = HistoryEntry.traceOf(kv.value);
        if (trace != null) {
          MovementTrace t = InternalCodecs.decodeTrace(trace);
          traces.put(t.getMovementId(), t);
        }
        int idStart = sep + 1 + OrderKey.FIXED_BYTES;
        int originSep = indexOf(k, (byte) 0, idStart);
        if (originSep > 0 && before) {
          arrivals.add(
              new Arrival(
                  new String(k, idStart, originSep - idStart, StandardCharsets.UTF_8),
                  at,
                  new String(k, originSep + 1, k.length - originSep - 1, StandardCharsets.UTF_8),
                  HistoryEntry.decode(kv.value).kg()));
        }
      }
    }
    return any;
  }

  private static int indexOf(byte[] b, byte x, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
