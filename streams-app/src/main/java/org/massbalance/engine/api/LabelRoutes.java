package org.massbalance.engine.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.domain.Gtin;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.ReferenceData;
import org.massbalance.engine.labels.DigitalLink;
import org.massbalance.engine.labels.LabelData;
import org.massbalance.engine.labels.LabelSvg;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LabelQueries;
import org.massbalance.engine.query.LedgerQueries;

/**
 * Lot labels and their GS1 Digital Links (ADR 26):
 *
 * <ul>
 *   <li>{@code GET /api/v1/lots/{site}/{product}/{lot}/label} and {@code .../label.svg}: the lot's
 *       label as JSON and as SVG. The lot comes from the owner of site|product (forwarded, or a
 *       standby's copy, {@code stale}), as {@code /api/v1/lots/...} answers it; the product and the
 *       supplier's certificate from the global stores of the instance asked.
 *   <li>{@code GET /api/v1/resolve/01/{gtin}/10/{lot}?s=}: the books holding that lot id of the
 *       products with that GTIN, gathered from every instance, each with its dashboard page.
 *   <li>{@code GET /01/{gtin}/10/{lot}?s=}: the resolver a scanned label opens: a redirect (303) to
 *       the lot's dashboard page, or a page to choose the site when the lot id is at several; with
 *       a token configured, a redirect to the dashboard, which resolves the link with its token.
 * </ul>
 */
final class LabelRoutes {

  private final Routing routing;
  private final LedgerQueries ledger;
  private final String resolverBase;

  /**
   * @param resolverBase the base of the lots' Digital Link URIs ({@code labels.resolver.base}, by
   *     default the API's own URL)
   */
  LabelRoutes(Routing routing, LedgerQueries ledger, String resolverBase) {
    this.routing = routing;
    this.ledger = ledger;
    this.resolverBase = resolverBase;
  }

  /** {@code GET /api/v1/lots/{site}/{product}/{lot}/label}: the label as JSON. */
  void label(Context ctx) {
    Map<String, Object> lot = lotOf(ctx);
    Map<String, Object> body = labelOf(lot).toJson();
    body.put("stale", Boolean.TRUE.equals(lot.get("stale")));
    ApiServer.json(ctx, 200, body);
  }

  /** {@code GET /api/v1/lots/{site}/{product}/{lot}/label.svg}: the label, printable. */
  void labelSvg(Context ctx) {
    Map<String, Object> lot = lotOf(ctx);
    LabelData label = labelOf(lot);
    ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-cache");
    ctx.header(
        "Content-Disposition",
        "inline; filename=\"label-"
            + label.siteId()
            + "-"
            + label.productId()
            + "-"
            + label.lotId()
            + ".svg\"");
    if (Boolean.TRUE.equals(lot.get("stale"))) {
      ctx.header("X-Massbalance-Stale", "true");
    }
    ctx.status(200).contentType(LabelSvg.CONTENT_TYPE).result(LabelSvg.render(label));
  }

  /** The lot of the path, from its owner (or a standby's copy) as {@code /api/v1/lots} has it. */
  private Map<String, Object> lotOf(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String product = RequestParams.id(ctx, "product");
    String lot = RequestParams.lotId(ctx);
    return routing.keyedObject(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        "/api/v1/lots/" + site + "/" + product + "/" + DigitalLink.encode(lot),
        "depth=0", // the lot's own facts: a label follows no lineage
        stale -> ledger.lots(stale).lot(site, product, lot).map(JsonViews::lot),
        "no lot " + lot + " of product " + product + " at site " + site);
  }

  private LabelData labelOf(Map<String, Object> lot) {
    String site = String.valueOf(lot.get("site_id"));
    String product = String.valueOf(lot.get("product_id"));
    LabelQueries labels = ledger.labels();
    ReferenceData reference = Routing.local(labels::reference);
    ProductInfo p = reference.product(product);
    String nop = text(lot.get("supplier_nop_id"));
    String certifier =
        Routing.local(() -> labels.certificate(nop))
            .map(SupplierCertificate::getCertifier)
            .orElse(null);
    Object certified = lot.get("certified_at_receipt");
    return LabelData.of(
        resolverBase,
        site,
        product,
        p.name(),
        p.gtin(),
        String.valueOf(lot.get("lot_id")),
        receivedOn(text(lot.get("received_at")), reference.site(site).zone()),
        text(lot.get("supplier_lot")),
        nop,
        LabelData.Claim.of(p.organic(), certified instanceof Boolean b ? b : null),
        certifier);
  }

  private static LocalDate receivedOn(String receivedAt, ZoneId zone) {
    if (receivedAt == null) {
      return null;
    }
    try {
      return Instant.parse(receivedAt).atZone(zone).toLocalDate();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * {@code GET /api/v1/resolve/01/{gtin}/10/{lot}?s=}: {@code gtin} (14 digits in the answer),
   * {@code lot_id}, {@code products} (those with the GTIN), {@code lots}: each book holding the lot
   * ({@code site_id, product_id, lot_id, dashboard, label}; with {@code s} naming one of their
   * sites, that site's only), and {@code complete} (every instance answered). 404 when no product
   * has the GTIN or no book holds the lot.
   */
  void resolve(Context ctx) {
    ApiServer.json(ctx, 200, resolution(ctx));
  }

  /**
   * {@code GET /01/{gtin}/10/{lot}?s=}: where a scanned label leads. With the API open (no token
   * configured): 303 to the lot's dashboard page, a page listing the sites when the lot id is at
   * several (and {@code s} names none of them), 404 for an unknown GTIN or lot. With a token
   * configured the resolver tells nothing itself: 303 to the dashboard's {@code #/scan} page, which
   * asks {@code /api/v1/resolve} with its token and leads on the same way.
   *
   * @param open whether the API answers without a token
   */
  void link(Context ctx, boolean open) {
    if (!open) {
      String gtin = ctx.pathParam("gtin");
      String lot = ctx.pathParam("lot");
      String s = ctx.queryParam("s");
      redirect(
          ctx,
          "/#/scan?gtin="
              + DigitalLink.encode(gtin)
              + "&lot="
              + DigitalLink.encode(lot)
              + (s == null || s.isEmpty() ? "" : "&s=" + DigitalLink.encode(s)));
      return;
    }
    Map<String, Object> r = resolution(ctx);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> lots = (List<Map<String, Object>>) r.get("lots");
    if (lots.size() == 1) {
      redirect(ctx, String.valueOf(lots.get(0).get("dashboard")));
      return;
    }
    choicePage(ctx, r, lots);
  }

  private static void redirect(Context ctx, String location) {
    ctx.header("Location", location);
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.status(303).contentType("text/plain; charset=utf-8").result("See " + location + "\n");
  }

  /** The answer of the resolution, gathered from every instance. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> resolution(Context ctx) {
    String gtin =
        Gtin.normalize(ctx.pathParam("gtin"))
            .orElseThrow(
                () ->
                    new ApiException(
                        400, "gtin must be a GTIN-8, -12, -13 or -14 with a valid check digit"));
    String lot = RequestParams.lotId(ctx);
    String hint = RequestParams.optionalId(ctx, "s");
    routing.requireRunning();
    LabelQueries labels = ledger.labels();
    List<String> products =
        Routing.local(() -> labels.productsWithGtin(gtin)).stream()
            .map(ProductInfo::productId)
            .toList();
    boolean forwarded = Routing.forwarded(ctx);
    if (products.isEmpty() && !forwarded) {
      throw new ApiException(404, "no product has GTIN " + gtin);
    }
    List<Map<String, Object>> found = new ArrayList<>();
    for (Keys.SiteProduct k : Routing.local(() -> labels.holding(products, lot))) {
      found.add(entry(k.siteId(), k.productId(), lot));
    }
    boolean complete = true;
    if (!forwarded) {
      List<Map<String, Object>> theirs = new ArrayList<>();
      complete =
          routing.gather(
              ctx, "/api/v1/resolve/01/" + gtin + "/10/" + DigitalLink.encode(lot), "lots", theirs);
      for (Map<String, Object> t : theirs) {
        found.add(
            entry(String.valueOf(t.get("site_id")), String.valueOf(t.get("product_id")), lot));
      }
    }
    // the same book may be answered twice (its owner, and a standby's copy elsewhere)
    Set<String> seen = new LinkedHashSet<>();
    List<Map<String, Object>> lots = new ArrayList<>();
    found.sort(
        Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("site_id")))
            .thenComparing(m -> String.valueOf(m.get("product_id"))));
    for (Map<String, Object> m : found) {
      if (seen.add(m.get("site_id") + "|" + m.get("product_id"))) {
        lots.add(m);
      }
    }
    if (hint != null && lots.stream().anyMatch(m -> hint.equals(m.get("site_id")))) {
      lots.removeIf(m -> !hint.equals(m.get("site_id")));
    }
    if (lots.isEmpty() && !forwarded) {
      if (!complete) {
        throw new ApiException(
            503, "not ready: an instance that may hold lot " + lot + " cannot be reached");
      }
      throw new ApiException(
          404, "no lot " + lot + " of GTIN " + gtin + " (" + String.join(", ", products) + ")");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("gtin", gtin);
    body.put("lot_id", lot);
    body.put("products", products);
    body.put("lots", lots);
    body.put("complete", complete);
    return body;
  }

  private static Map<String, Object> entry(String site, String product, String lot) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", site);
    m.put("product_id", product);
    m.put("lot_id", lot);
    m.put("dashboard", DigitalLink.dashboardPath(site, product, lot));
    m.put(
        "label",
        "/api/v1/lots/" + site + "/" + product + "/" + DigitalLink.encode(lot) + "/label.svg");
    return m;
  }

  /**
   * The page listing the sites holding the lot: plain HTML with the dashboard's style sheet and
   * Content-Security-Policy (no script at all), every value escaped.
   */
  private void choicePage(Context ctx, Map<String, Object> r, List<Map<String, Object>> lots) {
    ReferenceData reference = Routing.local(() -> ledger.labels().reference());
    String lot = String.valueOf(r.get("lot_id"));
    StringBuilder h = new StringBuilder(2048);
    h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<title>Lot ").append(esc(lot)).append(" - choose the site</title>\n");
    h.append("<link rel=\"stylesheet\" href=\"/dashboard/app.css\">\n</head>\n<body>\n");
    h.append("<header><h1>massbalance</h1></header>\n<main>\n");
    h.append("<h2>Lot ").append(esc(lot)).append(" is held at ").append(lots.size());
    h.append(" sites</h2>\n<p>GTIN ").append(esc(String.valueOf(r.get("gtin"))));
    h.append(". Choose the site where the label was scanned:</p>\n<ul class=\"choices\">\n");
    for (Map<String, Object> m : lots) {
      String product = String.valueOf(m.get("product_id"));
      String name = reference.product(product).name();
      h.append("<li><a href=\"").append(esc(String.valueOf(m.get("dashboard")))).append("\">");
      h.append(esc(String.valueOf(m.get("site_id")))).append("</a> ");
      h.append(esc(product + (name == null ? "" : " (" + name + ")"))).append("</li>\n");
    }
    h.append("</ul>\n");
    if (!Boolean.TRUE.equals(r.get("complete"))) {
      h.append("<p class=\"muted\">Some instances did not answer: the list may be short.</p>\n");
    }
    h.append("</main>\n</body>\n</html>\n");
    ctx.header("Content-Security-Policy", Dashboard.CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    ctx.status(200).contentType("text/html; charset=utf-8").result(h.toString());
  }

  private static String esc(String s) {
    return LabelSvg.escape(s);
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }
}
