package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.MovementValidator;
import org.massbalance.engine.domain.Periods;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.engine.query.LotQueries;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.query.TraceView;

/**
 * {@code /api/v1/lots} and {@code /api/v1/trace}: a lot with its forward trace, a movement's back
 * trace, and the paged lists of a site|product's lots and back traces, each answered by the owner
 * of site|product (so a page is complete).
 */
final class LotRoutes {

  private final Routing routing;
  private final LedgerQueries ledger;
  private final Lineage lineage;

  LotRoutes(Routing routing, LedgerQueries ledger) {
    this.routing = routing;
    this.ledger = ledger;
    this.lineage = new Lineage(routing, ledger);
  }

  /**
   * {@code GET /api/v1/lots/{site}/{product}/{lot}}: a lot made by a transformation has its lineage
   * down to the lots received from suppliers ({@code inputs[].lot}, see {@link Lineage}).
   */
  void lot(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String product = RequestParams.id(ctx, "product");
    String lot = RequestParams.lotId(ctx);
    int depth = Lineage.depth(ctx);
    routing.keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale ->
            ledger
                .lots(stale)
                .lot(site, product, lot)
                .map(JsonViews::lot)
                .map(
                    l -> {
                      lineage.origins(ctx, l, depth);
                      return l;
                    }),
        "no lot " + lot + " of product " + product + " at site " + site);
  }

  /**
   * {@code GET /api/v1/lots/{site}/{product}/{lot}/forward}: the lot's forward trace crossing
   * transformations (to the lots they made) and transfers (to the lot that arrived), each followed
   * in turn (see {@link Lineage}).
   */
  void forward(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String product = RequestParams.id(ctx, "product");
    String lot = RequestParams.lotId(ctx);
    int depth = Lineage.depth(ctx);
    routing.keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale ->
            ledger
                .lots(stale)
                .lot(site, product, lot)
                .map(JsonViews::lot)
                .map(
                    l -> {
                      lineage.forward(ctx, l, depth);
                      return l;
                    }),
        "no lot " + lot + " of product " + product + " at site " + site);
  }

  /**
   * {@code GET /api/v1/trace/{site}/{product}/{movement}}: each lot drawn that a transformation
   * made has its lineage down to the lots received from suppliers.
   */
  @SuppressWarnings("unchecked")
  void trace(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String product = RequestParams.id(ctx, "product");
    String movement = RequestParams.id(ctx, "movement");
    int depth = Lineage.depth(ctx);
    routing.keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale ->
            ledger
                .lots(stale)
                .trace(site, product, movement)
                .map(JsonViews::trace)
                .map(
                    t -> {
                      for (Object l : (List<Object>) t.get("lots")) {
                        lineage.origins(ctx, (Map<String, Object>) l, depth);
                      }
                      return t;
                    }),
        "no outbound movement " + movement + " of product " + product + " at site " + site);
  }

  /**
   * {@code GET /api/v1/lots/{site}/{product}?page_token=&limit=}: every lot, in lot-id order, each
   * with its site-local {@code received_period}.
   */
  void lotsPage(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String product = RequestParams.id(ctx, "product");
    String after = RequestParams.pageToken(ctx, RequestParams.LOT_ID);
    int limit = RequestParams.limit(ctx);
    routing.keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale -> {
          ZoneId zone = ledger.reference().site(site).zone();
          LotQueries.Page<LotView> page = ledger.lots(stale).lots(site, product, after, limit);
          List<Map<String, Object>> lots = new ArrayList<>();
          for (LotView l : page.items()) {
            Map<String, Object> m = JsonViews.lot(l);
            m.put("received_period", YearMonth.from(l.receivedAt().atZone(zone)).toString());
            lots.add(m);
          }
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("site_id", site);
          body.put("product_id", product);
          body.put("lots", lots);
          body.put(
              "next_page_token",
              page.more() ? page.items().get(page.items().size() - 1).lotId() : null);
          return Optional.of(body);
        },
        "no lots of product " + product + " at site " + site);
  }

  /**
   * {@code GET /api/v1/trace/{site}/{product}?from=&to=&page_token=&limit=}: the back traces of the
   * outbound movements dated in the site-local months {@code from} to {@code to}, in movement-id
   * order.
   */
  void tracesPage(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String product = RequestParams.id(ctx, "product");
    YearMonth from = RequestParams.period(ctx.queryParam("from"), "from");
    YearMonth to = RequestParams.period(ctx.queryParam("to"), "to");
    if (to.isBefore(from)) {
      throw new ApiException(400, "to must not be before from");
    }
    String after = RequestParams.pageToken(ctx, MovementValidator.ID.pattern());
    int limit = RequestParams.limit(ctx);
    routing.keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale -> {
          ZoneId zone = ledger.reference().site(site).zone();
          LotQueries.Page<TraceView> page =
              ledger
                  .lots(stale)
                  .traces(
                      site,
                      product,
                      Periods.start(from, zone),
                      Periods.end(to, zone),
                      after,
                      limit);
          List<Map<String, Object>> traces = new ArrayList<>();
          for (TraceView t : page.items()) {
            Map<String, Object> m = JsonViews.trace(t);
            m.put("period", YearMonth.from(t.occurredAt().atZone(zone)).toString());
            m.put("counterparty_id", t.counterpartyId());
            m.put("document_ref", t.documentRef());
            m.put("to_site_id", t.toSiteId());
            m.put("reason", t.reason());
            traces.add(m);
          }
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("site_id", site);
          body.put("product_id", product);
          body.put("from", from.toString());
          body.put("to", to.toString());
          body.put("traces", traces);
          body.put(
              "next_page_token",
              page.more() ? page.items().get(page.items().size() - 1).movementId() : null);
          return Optional.of(body);
        },
        "no outbound movements of product " + product + " at site " + site);
  }
}
