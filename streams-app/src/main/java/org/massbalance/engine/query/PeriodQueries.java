package org.massbalance.engine.query;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.ConsolidatedState;
import org.massbalance.avro.internal.PeriodState;
import org.massbalance.engine.domain.Consolidations;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.PeriodFigures;
import org.massbalance.engine.domain.PeriodSums;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.ReferenceData;
import org.massbalance.engine.domain.Snapshots;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.PeriodStates;
import org.massbalance.engine.stores.StoreNames;

/**
 * Snapshots from this instance's period stores: the latest revision of a closed period, or the
 * provisional figures (status OPEN) of one not yet closed; consolidated snapshots from the
 * consolidation stores.
 */
public final class PeriodQueries {

  /** Status of a provisional snapshot. */
  public static final String OPEN = "OPEN";

  private final StoreAccess stores;
  private final ReferenceData reference;

  /** Queries over {@code stores}, with units and tolerances from {@code reference}. */
  public PeriodQueries(StoreAccess stores, ReferenceData reference) {
    this.stores = stores;
    this.reference = reference;
  }

  /**
   * A month of a key as the engine keeps it: its status ({@link #OPEN}, {@code CLOSED}, {@code
   * SIGNED}, or {@code NO_SNAPSHOT} for a closed month without one), the revision published last,
   * the SHA-256 of that snapshot's value bytes and, once signed, who signed it, when and the note.
   */
  public record Month(
      String siteId,
      String productId,
      YearMonth period,
      String status,
      int revision,
      String snapshotSha256,
      String signedBy,
      String signedAt,
      String note) {}

  /** The month {@code period} of site|product held here, if it has figures. */
  public Optional<Month> month(String site, String product, YearMonth period, boolean stale) {
    ReadOnlyKeyValueStore<String, PeriodState> closed = stores.kv(StoreNames.PERIODS, stale);
    ReadOnlyKeyValueStore<String, KeyState> books = stores.kv(StoreNames.BOOK, stale);
    KeyState ks = books.get(Keys.ledger(site, product));
    PeriodState open = ks == null ? null : ks.openPeriods.get(period.toString());
    PeriodState s = open != null ? open : closed.get(Keys.period(site, product, period));
    return Optional.ofNullable(s).map(st -> month(site, product, period, st));
  }

  /** The months {@code period} of every product of {@code site} held here. */
  public List<Month> months(String site, YearMonth period) {
    ReadOnlyKeyValueStore<String, PeriodState> closed = stores.kv(StoreNames.PERIODS, false);
    ReadOnlyKeyValueStore<String, KeyState> books = stores.kv(StoreNames.BOOK, false);
    List<Month> out = new ArrayList<>();
    try (KeyValueIterator<String, KeyState> it =
        books.prefixScan(Keys.ofSite(site), new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, KeyState> kv = it.next();
        Keys.SiteProduct sp = Keys.parseLedger(kv.key);
        PeriodState open = kv.value.openPeriods.get(period.toString());
        PeriodState s =
            open != null ? open : closed.get(Keys.period(sp.siteId(), sp.productId(), period));
        if (s != null) {
          out.add(month(sp.siteId(), sp.productId(), period, s));
        }
      }
    }
    return out;
  }

  private static Month month(String site, String product, YearMonth period, PeriodState s) {
    String status =
        !s.getClosed()
            ? OPEN
            : s.getSigned() ? "SIGNED" : s.getPublishedSha256() == null ? "NO_SNAPSHOT" : "CLOSED";
    return new Month(
        site,
        product,
        period,
        status,
        s.getRevision(),
        s.getPublishedSha256(),
        s.getSignedBy(),
        s.getSignedAt(),
        s.getSignedNote());
  }

  /** The snapshot of site|product|period held here, if the period has figures. */
  public Optional<Snapshot> snapshot(String site, String product, YearMonth period, boolean stale) {
    ReadOnlyKeyValueStore<String, PeriodState> closed = stores.kv(StoreNames.PERIODS, stale);
    ReadOnlyKeyValueStore<String, KeyState> books = stores.kv(StoreNames.BOOK, stale);
    KeyState ks = books.get(Keys.ledger(site, product));
    // open periods live in the key's compact state, closed ones in the period store
    Function<String, PeriodState> periods =
        k -> {
          PeriodState open = ks == null ? null : ks.openPeriods.get(Keys.parsePeriod(k).month());
          return open != null ? open : closed.get(k);
        };
    PeriodState s = periods.apply(Keys.period(site, product, period));
    if (s == null) {
      return Optional.empty();
    }
    ProductInfo p = reference.product(product);
    PeriodFigures f =
        PeriodFigures.compute(
            PeriodStates.opening(periods, site, product, period, p.tolerancePct()),
            PeriodSums.sums(s),
            p.tolerancePct());
    return Optional.of(
        Snapshots.snapshot(
            site, product, period, s.getRevision(), f, p.unit(), s.getClosed() ? "" : OPEN, null));
  }

  /** The consolidated snapshot of product|period held here, if any site snapshot was published. */
  public Optional<ConsolidatedSnapshot> consolidated(
      String product, YearMonth period, boolean stale) {
    String key = Keys.productPeriod(product, period);
    ReadOnlyKeyValueStore<String, ConsolidatedState> consolidated =
        stores.kv(StoreNames.CONSOLIDATION, stale);
    ConsolidatedState state = consolidated.get(key);
    if (state == null) {
      return Optional.empty();
    }
    return Optional.of(
        Consolidations.snapshot(
            product, period.toString(), state, reference.product(product).unit()));
  }
}
