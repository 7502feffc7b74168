package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.ReferenceData;
import org.massbalance.engine.query.BalanceView;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LedgerQueries;

/**
 * {@code /api/v1/balances}: one book (at its owner), a site's books and every book (gathered from
 * every instance).
 */
final class BalanceRoutes {

  private final Routing routing;
  private final LedgerQueries ledger;

  /** The alert topic's recent alerts as this instance read them; null when not read. */
  private final RecentAlerts recentAlerts;

  BalanceRoutes(Routing routing, LedgerQueries ledger, RecentAlerts recentAlerts) {
    this.routing = routing;
    this.ledger = ledger;
    this.recentAlerts = recentAlerts;
  }

  /** {@code GET /api/v1/balances/{site}/{product}}: the book with its lots on hand. */
  void balance(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String product = RequestParams.id(ctx, "product");
    routing.keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale ->
            ledger
                .balance(site, product, stale)
                .map(
                    b ->
                        JsonViews.withLots(
                            JsonViews.balance(b), ledger.lots(stale).lotsOnHand(site, product))),
        "no balance for site " + site + " and product " + product);
  }

  /**
   * {@code GET /api/v1/balances}: every book of every site, gathered from every instance, ordered
   * by site and product, a page at a time ({@code offset}, {@code limit}); a forwarded request
   * answers this instance's books, all of them. Each carries the status of its last COUNT against
   * the product's tolerance.
   */
  void allBalances(Context ctx) {
    int limit = RequestParams.limit(ctx);
    int offset = RequestParams.offset(ctx);
    routing.requireRunning();
    List<Map<String, Object>> all = new ArrayList<>();
    Map<String, long[]> recent = recentAlerts == null ? Map.of() : recentAlerts.warningCounts();
    ReferenceData reference = Routing.local(ledger::reference);
    Map<String, BigDecimal> tolerances = new HashMap<>();
    for (BalanceView b : Routing.local(ledger::balances)) {
      Map<String, Object> m =
          JsonViews.overview(
              b,
              tolerances.computeIfAbsent(
                  b.productId(), id -> reference.product(id).tolerancePct()));
      long[] n = recent.getOrDefault(Keys.ledger(b.siteId(), b.productId()), new long[2]);
      m.put("recent_alerts", n[0]);
      m.put("recent_critical", n[1]);
      all.add(m);
    }
    boolean forwarded = Routing.forwarded(ctx);
    boolean complete = true;
    if (!forwarded) {
      complete = routing.gather(ctx, "/api/v1/balances", "balances", all);
    }
    all.sort(
        Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("site_id")))
            .thenComparing(m -> String.valueOf(m.get("product_id"))));
    ApiServer.json(
        ctx, 200, Routing.gatheredPage("balances", all, forwarded, offset, limit, complete));
  }

  /**
   * {@code GET /api/v1/balances/{site}}: every product's book at the site, gathered from every
   * instance (an instance answering 404 holds none of them), by product.
   */
  void siteBalances(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    int limit = RequestParams.limit(ctx);
    routing.requireRunning();
    List<Map<String, Object>> all = new ArrayList<>();
    for (BalanceView b : Routing.local(() -> ledger.balances(site))) {
      all.add(
          JsonViews.withLots(
              JsonViews.balance(b),
              Routing.local(() -> ledger.lots(false).lotsOnHand(site, b.productId()))));
    }
    boolean complete = true;
    if (!Routing.forwarded(ctx)) {
      complete =
          routing.gather(
              ctx, ctx.path() + "?limit=" + RequestParams.MAX_LIMIT, "balances", all, true);
    }
    all.sort(Comparator.comparing(m -> String.valueOf(m.get("product_id"))));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site_id", site);
    body.put("balances", all.subList(0, Math.min(limit, all.size())));
    body.put("complete", complete);
    if (all.isEmpty()) {
      if (!complete) {
        throw new ApiException(
            503, "not ready: an instance holding part of site " + site + " cannot be reached");
      }
      throw new ApiException(404, "no balance for site " + site);
    }
    ApiServer.json(ctx, 200, body);
  }
}
