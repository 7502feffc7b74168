package org.massbalance.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.internal.InvestigationCase;
import org.massbalance.engine.domain.InvestigationRules;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.investigations.InvestigationRecords;

/**
 * {@code /api/v1/investigations}: the variance investigation cases, gathered from every instance,
 * and the recording of an investigation (written to the investigations topic).
 */
final class InvestigationRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Routing routing;
  private final LedgerQueries ledger;
  private final InvestigationRules rules;
  private final TopicWriter<Investigation> writer;
  private final Clock clock;

  InvestigationRoutes(
      Routing routing,
      LedgerQueries ledger,
      InvestigationRules rules,
      TopicWriter<Investigation> writer,
      Clock clock) {
    this.routing = routing;
    this.ledger = ledger;
    this.rules = rules;
    this.writer = writer;
    this.clock = clock;
  }

  /**
   * Every listed investigation case (a snapshot that closed with status INVESTIGATE), gathered from
   * every instance, ordered by site, product and period, filtered by {@code site}, {@code product}
   * and {@code status} ({@code open} or {@code done}; default both). A case a restatement brought
   * within tolerance, or an investigation recorded for a period that never needed one, is {@code
   * done} with its {@code reason}.
   */
  void investigations(Context ctx) {
    String site = RequestParams.optionalId(ctx, "site");
    String product = RequestParams.optionalId(ctx, "product");
    String status = ctx.queryParam("status");
    if (status != null && !status.isEmpty() && !List.of("open", "done").contains(status)) {
      throw new ApiException(400, "status must be open or done");
    }
    int limit = RequestParams.limit(ctx);
    int offset = RequestParams.offset(ctx);
    routing.requireRunning();
    Instant now = Instant.ofEpochMilli(clock.millis());
    List<Map<String, Object>> all = new ArrayList<>();
    for (InvestigationCase c : Routing.local(() -> ledger.investigations().listed(site, product))) {
      String st = InvestigationRules.status(c).listed();
      boolean wanted = status == null || status.isEmpty() || status.equals(st);
      if (wanted) {
        all.add(JsonViews.investigation(c, st, rules, now));
      }
    }
    // A forwarded request answers every case of this instance; the first one sorts and pages.
    boolean forwarded = Routing.forwarded(ctx);
    boolean complete = true;
    if (!forwarded) {
      StringBuilder q = new StringBuilder("?");
      if (site != null) {
        q.append("site=").append(site).append('&');
      }
      if (product != null) {
        q.append("product=").append(product).append('&');
      }
      if (status != null && !status.isEmpty()) {
        q.append("status=").append(status);
      }
      complete = routing.gather(ctx, ctx.path() + q, "investigations", all);
    }
    all.sort(
        Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("site_id")))
            .thenComparing(m -> String.valueOf(m.get("product_id")))
            .thenComparing(m -> String.valueOf(m.get("period"))));
    ApiServer.json(
        ctx, 200, Routing.gatheredPage("investigations", all, forwarded, offset, limit, complete));
  }

  /**
   * Records an investigation: the JSON body's fields (the Investigation fields; {@code recorded_at}
   * defaults to now) are checked, every problem named in a 400; a valid one is written to the
   * investigations topic and answered 201 with the record as stored.
   */
  void postInvestigation(Context ctx) {
    if (writer == null) {
      throw new ApiException(503, "not ready: investigations cannot be written here");
    }
    JsonNode body = RequestParams.jsonObject(ctx);
    List<String> problems = new ArrayList<>();
    Map<String, String> f = new LinkedHashMap<>();
    for (String name :
        List.of(
            "site_id",
            "product_id",
            "period",
            "cause",
            "explanation",
            "corrective_action",
            "certifier_notified_on",
            "investigated_by",
            "recorded_at")) {
      f.put(name, RequestParams.text(body, name, problems));
    }
    Investigation raw = InvestigationRecords.of(f::get);
    Investigation inv = InvestigationRecords.normalized(raw, clock.instant());
    for (String p : InvestigationRecords.problems(inv)) {
      if (problems.stream().noneMatch(q -> q.startsWith(p.split(" ")[0] + " "))) {
        problems.add(p);
      }
    }
    if (!problems.isEmpty()) {
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("error", "invalid investigation: " + String.join("; ", problems));
      err.put("status", 400);
      err.put("problems", problems);
      ApiServer.json(ctx, 400, err);
      return;
    }
    RecordMetadata meta = writer.write(InvestigationRecords.key(inv), inv);
    Map<String, Object> out = JsonViews.avro(inv);
    out.put("key", InvestigationRecords.key(inv));
    out.put("topic", meta.topic());
    out.put("partition", meta.partition());
    out.put("offset", meta.offset());
    ApiServer.json(ctx, 201, out);
  }
}
