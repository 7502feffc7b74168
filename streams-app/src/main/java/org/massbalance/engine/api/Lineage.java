package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.LotIds;
import org.massbalance.engine.domain.TransformationRules;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LedgerQueries;

/**
 * Traces that cross keys: down a lot's lineage through the transformations that made it to the lots
 * received from suppliers (trace back), and up from a lot through the transformations that drew it
 * and the transfers that carried it to the last movements (trace forward). Each step is one key's
 * answer from its owner ({@link Routing#fetch}); the owner of the next key takes the next step in
 * its own answer, so a trace follows the keys wherever they are held, to a depth of {@value
 * #MAX_DEPTH}.
 */
final class Lineage {

  /** How many steps a trace follows; a deeper one is cut and says so ({@code truncated}). */
  static final int MAX_DEPTH = 12;

  private final Routing routing;
  private final LedgerQueries ledger;

  Lineage(Routing routing, LedgerQueries ledger) {
    this.routing = routing;
    this.ledger = ledger;
  }

  /** The depth left of a request: {@code depth} if given, else the whole {@link #MAX_DEPTH}. */
  static int depth(Context ctx) {
    String d = ctx.queryParam("depth");
    if (d == null) {
      return MAX_DEPTH;
    }
    try {
      return Math.max(0, Math.min(MAX_DEPTH, Integer.parseInt(d)));
    } catch (NumberFormatException e) {
      throw new ApiException(400, "depth must be a number from 0 to " + MAX_DEPTH);
    }
  }

  /**
   * Adds to each input of {@code lot} (a lot's JSON) that a transformation made its own lot, with
   * its lineage in turn ({@code lot} of the input), down to lots received from suppliers.
   */
  @SuppressWarnings("unchecked")
  void origins(Context ctx, Map<String, Object> lot, int depth) {
    Object inputs = lot.get("inputs");
    if (!(inputs instanceof List<?> list) || list.isEmpty()) {
      return;
    }
    // the transformation ran where the lot was made: its inputs are lots of that site
    String site = (String) lot.get("origin_site_id");
    for (Object o : list) {
      Map<String, Object> in = (Map<String, Object>) o;
      if (in.get("transformation_id") == null || in.get("lot_id") == null) {
        continue;
      }
      if (depth <= 0) {
        lot.put("truncated", true);
        continue;
      }
      String product = (String) in.get("product_id");
      String lotId = (String) in.get("lot_id");
      Routing.Fetched f = lot(ctx, site, product, lotId, "", depth - 1, false);
      f.body().ifPresent(l -> in.put("lot", l));
      if (!f.reached()) {
        lot.put("complete", false);
      }
    }
  }

  /**
   * {@code lot} (a lot's JSON) with each allocation followed: a PROCESS_INPUT to the lots its
   * transformation made ({@code outputs}), a TRANSFER to the lot that arrived ({@code arrived}),
   * each with its own allocations followed in turn.
   */
  @SuppressWarnings("unchecked")
  void forward(Context ctx, Map<String, Object> lot, int depth) {
    String site = (String) lot.get("site_id");
    String product = (String) lot.get("product_id");
    for (Object o : (List<Object>) lot.getOrDefault("allocations", List.of())) {
      Map<String, Object> a = (Map<String, Object>) o;
      String type = (String) a.get("type");
      boolean process = "PROCESS_INPUT".equals(type);
      boolean transfer = "TRANSFER".equals(type) && a.get("to_site_id") != null;
      if (!process && !transfer) {
        continue;
      }
      if (depth <= 0) {
        lot.put("truncated", true);
        continue;
      }
      if (process) {
        outputs(ctx, site, (String) a.get("movement_id"), depth)
            .ifPresent(out -> a.put("outputs", out));
      } else {
        arrived(ctx, (String) a.get("to_site_id"), product, lot, depth)
            .ifPresent(l -> a.put("arrived", l));
      }
    }
  }

  /** The lots the transformation of PROCESS_INPUT {@code movementId} made, followed forward. */
  @SuppressWarnings("unchecked")
  private Optional<List<Map<String, Object>>> outputs(
      Context ctx, String site, String movementId, int depth) {
    Optional<String> t = TransformationRules.transformationOf(movementId);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Routing.Fetched f =
        routing.fetch(
            ctx,
            KeyedStore.TRANSFORMATIONS,
            Keys.transformation(site, t.get()),
            "/api/v1/transformations/" + enc(site) + "/" + enc(t.get()),
            stale ->
                ledger
                    .transformations()
                    .transformation(site, t.get(), stale)
                    .map(JsonViews::transformation));
    if (f.body().isEmpty()) {
      return Optional.empty();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<Object>) f.body().get().getOrDefault("outputs", List.of())) {
      Map<String, Object> output = (Map<String, Object>) o;
      Map<String, Object> made = new LinkedHashMap<>();
      made.put("transformation_id", t.get());
      made.put("movement_id", output.get("movement_id"));
      made.put("product_id", output.get("product_id"));
      made.put("lot_id", output.get("lot_id"));
      if (output.get("lot_id") != null) {
        Routing.Fetched l =
            lot(
                ctx,
                site,
                (String) output.get("product_id"),
                (String) output.get("lot_id"),
                "/forward",
                depth - 1,
                true);
        l.body().ifPresent(body -> made.put("lot", body));
      }
      out.add(made);
    }
    return Optional.of(out);
  }

  /**
   * The lot a transfer of {@code from} brought to {@code toSite}: the same id, or the id it was
   * renamed to because the destination held that id from another receipt.
   */
  private Optional<Map<String, Object>> arrived(
      Context ctx, String toSite, String product, Map<String, Object> from, int depth) {
    String lotId = (String) from.get("lot_id");
    String origin = (String) from.get("origin_site_id");
    for (int attempt = 0; attempt < 4; attempt++) {
      String id = attempt == 0 ? lotId : LotIds.renamed(lotId, origin, attempt);
      Routing.Fetched f = lot(ctx, toSite, product, id, "/forward", depth - 1, true);
      if (f.body().isEmpty()) {
        return Optional.empty();
      }
      Map<String, Object> l = f.body().get();
      if (origin == null || origin.equals(l.get("origin_site_id"))) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** A lot's answer from its key's owner, followed back or forward from there. */
  private Routing.Fetched lot(
      Context ctx,
      String site,
      String product,
      String lotId,
      String suffix,
      int depth,
      boolean forward) {
    String path =
        "/api/v1/lots/"
            + enc(site)
            + "/"
            + enc(product)
            + "/"
            + enc(lotId)
            + suffix
            + "?depth="
            + depth;
    return routing.fetch(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        path,
        stale ->
            ledger
                .lots(stale)
                .lot(site, product, lotId)
                .map(JsonViews::lot)
                .map(
                    l -> {
                      if (forward) {
                        forward(ctx, l, depth);
                      } else {
                        origins(ctx, l, depth);
                      }
                      return l;
                    }));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
