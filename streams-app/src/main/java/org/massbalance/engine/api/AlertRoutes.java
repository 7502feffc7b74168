package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.Alert;

/**
 * {@code /api/v1/alerts}: the recent alerts this instance read from the alert topic (every instance
 * reads all of it, so any answers alone).
 */
final class AlertRoutes {

  private final Routing routing;

  /** The alert topic's recent alerts as this instance read them; null when not read. */
  private final RecentAlerts recentAlerts;

  AlertRoutes(Routing routing, RecentAlerts recentAlerts) {
    this.routing = routing;
    this.recentAlerts = recentAlerts;
  }

  /** {@code GET /api/v1/alerts?site=&product=&type=&limit=}: newest first. */
  void alerts(Context ctx) {
    String site = RequestParams.optionalId(ctx, "site");
    String product = RequestParams.optionalId(ctx, "product");
    String type = ctx.queryParam("type");
    int limit = RequestParams.limit(ctx);
    routing.requireRunning();
    if (recentAlerts == null) {
      throw new ApiException(503, "not ready: recent alerts are not read by this instance");
    }
    List<Map<String, Object>> all = new ArrayList<>();
    for (Alert a :
        recentAlerts.newest(
            a ->
                (site == null || site.equals(a.getSiteId()))
                    && (product == null || product.equals(a.getProductId()))
                    && (type == null || type.equalsIgnoreCase(a.getType())),
            limit)) {
      all.add(JsonViews.avro(a));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("alerts", all);
    // every instance reads the whole alert topic: complete once it has read what was there when
    // it started
    body.put("complete", recentAlerts.caughtUp());
    ApiServer.json(ctx, 200, body);
  }
}
