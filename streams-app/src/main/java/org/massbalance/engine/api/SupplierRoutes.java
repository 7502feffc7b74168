package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.engine.query.LotQueries;
import org.massbalance.engine.query.SupplierQueries;

/** {@code /api/v1/suppliers}: the supplier certificates, each with its lots on hand. */
final class SupplierRoutes {

  private final Routing routing;
  private final LedgerQueries ledger;
  private final Clock clock;

  SupplierRoutes(Routing routing, LedgerQueries ledger, Clock clock) {
    this.routing = routing;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * {@code GET /api/v1/suppliers?offset=&limit=}: the supplier certificates, a page at a time in
   * NOP-ID order (every instance holds all of them), each with {@code lots_on_hand}: lots received
   * from it with a quantity remaining, counted by every instance for its own keys and summed here.
   * A forwarded request answers its own counts.
   */
  void suppliers(Context ctx) {
    int limit = RequestParams.limit(ctx);
    int offset = RequestParams.offset(ctx);
    routing.requireRunning();
    SupplierQueries.Page page = Routing.local(() -> ledger.suppliers(offset, limit));
    LotQueries lots = ledger.lots(false);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Map<String, Object>> byNop = new LinkedHashMap<>();
    // one scan of this instance's key states for every supplier of the page (ADR 16)
    Map<String, Long> onHand = Routing.local(lots::lotsOnHandBySupplier);
    for (SupplierQueries.SupplierView v : page.suppliers()) {
      Map<String, Object> m = JsonViews.supplier(v, today);
      m.put("lots_on_hand", onHand.getOrDefault(v.nopId(), 0L));
      out.add(m);
      byNop.put(v.nopId(), m);
    }
    boolean complete = true;
    if (!Routing.forwarded(ctx)) {
      List<Map<String, Object>> theirs = new ArrayList<>();
      complete =
          routing.gather(
              ctx, "/api/v1/suppliers?offset=" + offset + "&limit=" + limit, "suppliers", theirs);
      for (Map<String, Object> t : theirs) {
        Map<String, Object> mine = byNop.get(String.valueOf(t.get("nop_id")));
        if (mine != null && t.get("lots_on_hand") instanceof Number n) {
          mine.put("lots_on_hand", ((Number) mine.get("lots_on_hand")).longValue() + n.longValue());
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", page.total());
    body.put("offset", offset);
    body.put("suppliers", out);
    body.put("complete", complete);
    ApiServer.json(ctx, 200, body);
  }
}
