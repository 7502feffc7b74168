package org.massbalance.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.SignOff;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.SignOffRules;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.engine.query.PeriodQueries;

/**
 * {@code /api/v1/signoffs}: a site's month for every product (open, closed, signed: who, when, the
 * revision and the SHA-256 of its snapshot), gathered from every instance; and the sign-off of a
 * site's closed month, written to {@code period-signoffs} for each product whose month is closed
 * (the engine signs it in order with the key's movements).
 */
final class SignOffRoutes {

  private final Routing routing;
  private final LedgerQueries ledger;
  private final TopicWriter<SignOff> writer;
  private final Clock clock;

  SignOffRoutes(Routing routing, LedgerQueries ledger, TopicWriter<SignOff> writer, Clock clock) {
    this.routing = routing;
    this.ledger = ledger;
    this.writer = writer;
    this.clock = clock;
  }

  /** {@code GET /api/v1/signoffs/{site}/{period}}: the site's months, by product. */
  void months(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    YearMonth period = RequestParams.period(ctx);
    Gathered g = gather(ctx, site, period);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site_id", site);
    body.put("period", period.toString());
    body.put("months", g.months());
    body.put("complete", g.complete());
    ApiServer.json(ctx, 200, body);
  }

  /**
   * {@code POST /api/v1/signoffs} with {@code site_id, period, signed_by, note}: a sign-off of each
   * product's closed month at the site, signed now; answered 202 with the products written and
   * those skipped (open, signed already, without a snapshot).
   */
  void post(Context ctx) {
    if (writer == null) {
      throw new ApiException(503, "not ready: sign-offs cannot be written here");
    }
    JsonNode body = RequestParams.jsonObject(ctx);
    List<String> problems = new ArrayList<>();
    String site = RequestParams.text(body, "site_id", problems);
    String period = RequestParams.text(body, "period", problems);
    String by = RequestParams.text(body, "signed_by", problems);
    String note = RequestParams.text(body, "note", problems);
    String at = clock.instant().toString();
    SignOff probe = signOff(site, "product", period, by, at, note);
    SignOffRules.Result checked = SignOffRules.validate(probe);
    if (checked.rejection() != null) {
      problems.add(checked.rejection().reason());
    }
    if (!problems.isEmpty()) {
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("error", "invalid sign-off: " + String.join("; ", problems));
      err.put("status", 400);
      err.put("problems", problems);
      ApiServer.json(ctx, 400, err);
      return;
    }
    SignOffRules.Valid v = checked.accepted();
    Gathered g = gather(ctx, v.siteId(), v.period());
    if (g.months().isEmpty()) {
      throw new ApiException(404, "no month " + v.period() + " at site " + v.siteId());
    }
    List<String> written = new ArrayList<>();
    List<Map<String, Object>> skipped = new ArrayList<>();
    for (Map<String, Object> m : g.months()) {
      String product = (String) m.get("product_id");
      if ("CLOSED".equals(m.get("status"))) {
        writer.write(
            Keys.ledger(v.siteId(), product),
            signOff(v.siteId(), product, v.period().toString(), v.signedBy(), at, v.note()));
        written.add(product);
      } else {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("product_id", product);
        s.put("status", m.get("status"));
        skipped.add(s);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("site_id", v.siteId());
    out.put("period", v.period().toString());
    out.put("signed_by", v.signedBy());
    out.put("signed_at", at);
    out.put("note", v.note());
    out.put("written", written);
    out.put("skipped", skipped);
    out.put("complete", g.complete());
    ApiServer.json(ctx, 202, out);
  }

  private static SignOff signOff(
      String site, String product, String period, String by, String at, String note) {
    return SignOff.newBuilder()
        .setSiteId(site)
        .setProductId(product)
        .setPeriod(period)
        .setSignedBy(by)
        .setSignedAt(at)
        .setNote(note)
        .build();
  }

  /** The site's months, this instance's and (unless forwarded) every other one's, by product. */
  private Gathered gather(Context ctx, String site, YearMonth period) {
    routing.requireRunning();
    List<Map<String, Object>> all = new ArrayList<>();
    for (PeriodQueries.Month m :
        Routing.local(
            () -> new PeriodQueries(ledger.stores(), ledger.reference()).months(site, period))) {
      all.add(JsonViews.month(m));
    }
    boolean complete = true;
    if (!Routing.forwarded(ctx)) {
      complete =
          routing.gather(ctx, "/api/v1/signoffs/" + site + "/" + period, "months", all, true);
    }
    all.sort(Comparator.comparing(m -> String.valueOf(m.get("product_id"))));
    return new Gathered(all, complete);
  }

  private record Gathered(List<Map<String, Object>> months, boolean complete) {}
}
