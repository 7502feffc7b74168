package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.time.YearMonth;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.engine.query.PeriodQueries;

/**
 * {@code /api/v1/snapshots}: a site's snapshot of a product and month, and a product's consolidated
 * snapshot of a month, each answered by the owner of its key.
 */
final class SnapshotRoutes {

  private final Routing routing;
  private final LedgerQueries ledger;

  SnapshotRoutes(Routing routing, LedgerQueries ledger) {
    this.routing = routing;
    this.ledger = ledger;
  }

  /**
   * {@code GET /api/v1/snapshots/{site}/{product}/{period}}: the latest revision, or the
   * provisional snapshot (status OPEN) of a month not yet closed.
   */
  void snapshot(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String product = RequestParams.id(ctx, "product");
    YearMonth period = RequestParams.period(ctx);
    PeriodQueries q = periods();
    routing.keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale ->
            q.snapshot(site, product, period, stale)
                .map(JsonViews::avro)
                .map(
                    m -> {
                      PeriodQueries.Month month =
                          q.month(site, product, period, stale).orElseThrow();
                      m.put("signed_off", "SIGNED".equals(month.status()));
                      m.put("signed_by", month.signedBy());
                      m.put("signed_at", month.signedAt());
                      return m;
                    }),
        "no snapshot for site " + site + ", product " + product + " and period " + period);
  }

  /** {@code GET /api/v1/snapshots/consolidated/{product}/{period}}. */
  void consolidated(Context ctx) {
    String product = RequestParams.id(ctx, "product");
    YearMonth period = RequestParams.period(ctx);
    PeriodQueries q = periods();
    routing.keyed(
        ctx,
        KeyedStore.CONSOLIDATION,
        Keys.productPeriod(product, period),
        stale -> q.consolidated(product, period, stale).map(JsonViews::avro),
        "no consolidated snapshot for product " + product + " and period " + period);
  }

  private PeriodQueries periods() {
    return new PeriodQueries(ledger.stores(), ledger.reference());
  }
}
