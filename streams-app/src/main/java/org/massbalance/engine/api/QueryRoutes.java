package org.massbalance.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.internal.InvestigationCase;
import org.massbalance.engine.domain.Certification;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.InvestigationRules;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.MovementValidator;
import org.massbalance.engine.domain.PeriodFigures;
import org.massbalance.engine.domain.Periods;
import org.massbalance.engine.domain.ReferenceData;
import org.massbalance.engine.query.AllocationView;
import org.massbalance.engine.query.BalanceView;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.engine.query.LotOnHand;
import org.massbalance.engine.query.LotQueries;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.query.PeriodQueries;
import org.massbalance.engine.query.SupplierQueries;
import org.massbalance.engine.query.TraceView;
import org.massbalance.investigations.InvestigationRecords;

/**
 * The query API's handlers. A key is answered by the instance that owns it: requests for keys held
 * elsewhere are forwarded there, and answered from a standby replica (marked {@code "stale": true})
 * while the owner cannot be reached. Lists that no single key routes (a site's balances, recent
 * alerts) are gathered from every instance.
 */
final class QueryRoutes {

  private static final int MAX_LIMIT = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaStreams streams;
  private final InstanceRouter router;
  private final LedgerQueries ledger;

  private final InvestigationRules investigationRules;
  private final InvestigationWriter investigationWriter;
  private final java.time.Clock clock;

  /** The alert topic's recent alerts as this instance read them; null when not read. */
  private final RecentAlerts recentAlerts;

  QueryRoutes(
      KafkaStreams streams,
      InstanceRouter router,
      LedgerQueries ledger,
      InvestigationRules investigationRules,
      InvestigationWriter investigationWriter,
      RecentAlerts recentAlerts,
      java.time.Clock clock) {
    this.clock = clock;
    this.recentAlerts = recentAlerts;
    this.streams = streams;
    this.router = router;
    this.ledger = ledger;
    this.investigationRules = investigationRules;
    this.investigationWriter = investigationWriter;
  }

  /**
   * Every listed investigation case (a snapshot that closed with status INVESTIGATE), gathered from
   * every instance, ordered by site, product and period, filtered by {@code site}, {@code product}
   * and {@code status} ({@code open} or {@code done}; default both). A case a restatement brought
   * within tolerance, or an investigation recorded for a period that never needed one, is {@code
   * done} with its {@code reason}.
   */
  void investigations(Context ctx) {
    String site = optionalId(ctx, "site");
    String product = optionalId(ctx, "product");
    String status = ctx.queryParam("status");
    if (status != null && !status.isEmpty() && !List.of("open", "done").contains(status)) {
      throw new ApiException(400, "status must be open or done");
    }
    int limit = limit(ctx);
    int offset = offset(ctx);
    requireRunning();
    java.time.Instant now = java.time.Instant.ofEpochMilli(streamsClock());
    List<Map<String, Object>> all = new ArrayList<>();
    for (InvestigationCase c : local(() -> ledger.investigations().listed(site, product))) {
      String st = InvestigationRules.status(c).listed();
      boolean wanted = status == null || status.isEmpty() || status.equals(st);
      if (wanted) {
        all.add(investigationJson(c, st, now));
      }
    }
    // A forwarded request answers every case of this instance; the first one sorts and pages.
    boolean forwarded = ctx.header(InstanceRouter.FORWARDED) != null;
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
      complete = gather(ctx, ctx.path() + q, "investigations", all);
    }
    all.sort(
        Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("site_id")))
            .thenComparing(m -> String.valueOf(m.get("product_id")))
            .thenComparing(m -> String.valueOf(m.get("period"))));
    ApiServer.json(
        ctx, 200, gatheredPage("investigations", all, forwarded, offset, limit, complete));
  }

  private long streamsClock() {
    return clock.millis();
  }

  private Map<String, Object> investigationJson(
      InvestigationCase c, String status, java.time.Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", c.getSiteId());
    m.put("product_id", c.getProductId());
    m.put("period", c.getPeriod());
    m.put("status", status);
    m.put("outcome", InvestigationRules.status(c).name().toLowerCase(java.util.Locale.ROOT));
    m.put("reason", InvestigationRules.reason(c));
    m.put("first_closed_at", c.getFirstInvestigateAt());
    java.time.LocalDate due = investigationRules.dueOn(c);
    m.put("due_on", due == null ? null : due.toString());
    m.put("overdue", investigationRules.overdue(c, now));
    m.put("late", investigationRules.late(c));
    m.put("overdue_alerted", c.getOverdueAlerted());
    Snapshot s = c.getSnapshot();
    m.put("unit", s == null ? null : s.getUnit());
    m.put("count_variance", s == null ? null : s.getCountVariance());
    m.put("variance_pct", s == null ? null : s.getVariancePct());
    m.put("snapshot_status", s == null ? null : s.getStatus());
    m.put("revision", s == null ? null : s.getRevision());
    m.put("snapshot", s == null ? null : avroJson(s));
    m.put("investigation", c.getInvestigation() == null ? null : avroJson(c.getInvestigation()));
    return m;
  }

  /**
   * Records an investigation: the JSON body's fields (the Investigation fields; {@code recorded_at}
   * defaults to now) are checked, every problem named in a 400; a valid one is written to the
   * investigations topic and answered 201 with the record as stored.
   */
  void postInvestigation(Context ctx) {
    if (investigationWriter == null) {
      throw new ApiException(503, "not ready: investigations cannot be written here");
    }
    // A browser sends a cross-site form or text/plain body without asking first; JSON it does not.
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "Content-Type must be application/json");
    }
    JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (Exception e) {
      throw new ApiException(400, "body must be a JSON object: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "body must be a JSON object");
    }
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
      JsonNode v = body.get(name);
      if (v == null || v.isNull()) {
        f.put(name, null);
      } else if (v.isTextual()) {
        f.put(name, v.asText());
      } else {
        problems.add(name + " must be a string");
        f.put(name, null);
      }
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
    org.apache.kafka.clients.producer.RecordMetadata meta = investigationWriter.write(inv);
    Map<String, Object> out = avroJson(inv);
    out.put("key", InvestigationRecords.key(inv));
    out.put("topic", meta.topic());
    out.put("partition", meta.partition());
    out.put("offset", meta.offset());
    ApiServer.json(ctx, 201, out);
  }

  void balance(Context ctx) {
    String site = id(ctx, "site");
    String product = id(ctx, "product");
    keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale ->
            ledger
                .balance(site, product, stale)
                .map(b -> withLots(balanceJson(b), ledger.lots(stale).lotsOnHand(site, product))),
        "no balance for site " + site + " and product " + product);
  }

  /**
   * Every book of every site, gathered from every instance, ordered by site and product, a page at
   * a time ({@code offset}, {@code limit}); a forwarded request answers this instance's books, all
   * of them. Each carries the status of its last COUNT against the product's tolerance.
   */
  void allBalances(Context ctx) {
    int limit = limit(ctx);
    int offset = offset(ctx);
    requireRunning();
    List<Map<String, Object>> all = new ArrayList<>();
    Map<String, long[]> recent = recentAlerts == null ? Map.of() : recentAlerts.warningCounts();
    ReferenceData reference = local(ledger::reference);
    Map<String, BigDecimal> tolerances = new java.util.HashMap<>();
    for (BalanceView b : local(ledger::balances)) {
      Map<String, Object> m =
          overviewJson(
              b,
              tolerances.computeIfAbsent(
                  b.productId(), id -> reference.product(id).tolerancePct()));
      long[] n = recent.getOrDefault(Keys.ledger(b.siteId(), b.productId()), new long[2]);
      m.put("recent_alerts", n[0]);
      m.put("recent_critical", n[1]);
      all.add(m);
    }
    boolean forwarded = ctx.header(InstanceRouter.FORWARDED) != null;
    boolean complete = true;
    if (!forwarded) {
      complete = gather(ctx, "/api/v1/balances", "balances", all);
    }
    all.sort(
        Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("site_id")))
            .thenComparing(m -> String.valueOf(m.get("product_id"))));
    ApiServer.json(ctx, 200, gatheredPage("balances", all, forwarded, offset, limit, complete));
  }

  /**
   * The supplier certificates, a page at a time in NOP-ID order (every instance holds all of them),
   * each with {@code lots_on_hand}: lots received from it with a quantity remaining, counted by
   * every instance for its own keys and summed here. A forwarded request answers its own counts.
   */
  void suppliers(Context ctx) {
    int limit = limit(ctx);
    int offset = offset(ctx);
    requireRunning();
    SupplierQueries.Page page = local(() -> ledger.suppliers(offset, limit));
    LotQueries lots = ledger.lots(false);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Map<String, Object>> byNop = new LinkedHashMap<>();
    // one scan of this instance's key states for every supplier of the page (ADR 16)
    Map<String, Long> onHand = local(lots::lotsOnHandBySupplier);
    for (SupplierQueries.SupplierView v : page.suppliers()) {
      Map<String, Object> m = supplierJson(v, today);
      m.put("lots_on_hand", onHand.getOrDefault(v.nopId(), 0L));
      out.add(m);
      byNop.put(v.nopId(), m);
    }
    boolean complete = true;
    if (ctx.header(InstanceRouter.FORWARDED) == null) {
      List<Map<String, Object>> theirs = new ArrayList<>();
      complete =
          gather(
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

  private static Map<String, Object> supplierJson(SupplierQueries.SupplierView v, LocalDate today) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nop_id", v.nopId());
    SupplierCertificate c = v.certificate();
    if (c == null) {
      m.put("readable", false);
      return m;
    }
    m.put("operation_name", c.getOperationName());
    m.put("certifier", c.getCertifier());
    m.put("status", c.getStatus());
    m.put("status_effective", c.getStatusEffective());
    m.put("expires_on", c.getExpiresOn());
    m.put("scopes", c.getScopes() == null ? List.of() : List.copyOf(c.getScopes()));
    m.put("certified_today", Certification.of(c).certifiedOn(today));
    m.put("readable", true);
    return m;
  }

  /**
   * The answer of a list gathered from every instance: a forwarded request gets this instance's
   * whole part, the first one the page at {@code offset} of the sorted whole and its total.
   */
  private static Map<String, Object> gatheredPage(
      String field,
      List<Map<String, Object>> all,
      boolean forwarded,
      int offset,
      int limit,
      boolean complete) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", all.size());
    body.put("offset", forwarded ? 0 : offset);
    body.put(
        field,
        forwarded
            ? all
            : all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())));
    body.put("complete", complete);
    return body;
  }

  /**
   * Asks every other instance for {@code pathAndQuery} (forwarded: each answers its own part) and
   * adds the objects of {@code field} of each answer to {@code into}; false when one did not
   * answer.
   */
  @SuppressWarnings("unchecked")
  private boolean gather(
      Context ctx, String pathAndQuery, String field, List<Map<String, Object>> into) {
    boolean complete = true;
    for (HostInfo other : router.others()) {
      Optional<HttpResponse<String>> r =
          router.get(other, pathAndQuery, ctx.header("Authorization"));
      if (r.isPresent() && r.get().statusCode() == 200) {
        for (JsonNode n : read(r.get().body()).path(field)) {
          into.add(JSON.convertValue(n, Map.class));
        }
      } else {
        complete = false;
      }
    }
    return complete;
  }

  private static Map<String, Object> overviewJson(BalanceView b, BigDecimal tolerance) {
    Map<String, Object> m = balanceJson(b);
    m.remove("lots");
    m.put("tolerance_pct", Decimals.present(tolerance));
    m.put(
        "count_status",
        b.lastCountKg() == null
            ? PeriodFigures.Status.NOT_COUNTED.name()
            : PeriodFigures.countStatus(b.lastCountKg(), b.lastCountBookKg(), tolerance).name());
    return m;
  }

  private static int offset(Context ctx) {
    String o = ctx.queryParam("offset");
    if (o == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(o);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(400, "offset must be a number from 0");
    }
  }

  void siteBalances(Context ctx) {
    String site = id(ctx, "site");
    int limit = limit(ctx);
    requireRunning();
    List<Map<String, Object>> all = new ArrayList<>();
    for (BalanceView b : local(() -> ledger.balances(site))) {
      all.add(
          withLots(
              balanceJson(b), local(() -> ledger.lots(false).lotsOnHand(site, b.productId()))));
    }
    boolean complete = true;
    if (ctx.header(InstanceRouter.FORWARDED) == null) {
      for (HostInfo other : router.others()) {
        Optional<HttpResponse<String>> r =
            router.get(other, ctx.path() + "?limit=" + MAX_LIMIT, ctx.header("Authorization"));
        if (r.isPresent() && r.get().statusCode() == 200) {
          for (JsonNode n : read(r.get().body()).path("balances")) {
            all.add(JSON.convertValue(n, Map.class));
          }
        } else if (r.isPresent() && r.get().statusCode() == 404) {
          // That instance holds no book of this site: nothing missing.
        } else {
          complete = false;
        }
      }
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

  void snapshot(Context ctx) {
    String site = id(ctx, "site");
    String product = id(ctx, "product");
    YearMonth period = period(ctx);
    PeriodQueries q = periods();
    keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale -> q.snapshot(site, product, period, stale).map(QueryRoutes::avroJson),
        "no snapshot for site " + site + ", product " + product + " and period " + period);
  }

  void consolidated(Context ctx) {
    String product = id(ctx, "product");
    YearMonth period = period(ctx);
    PeriodQueries q = periods();
    keyed(
        ctx,
        KeyedStore.CONSOLIDATION,
        Keys.productPeriod(product, period),
        stale -> q.consolidated(product, period, stale).map(QueryRoutes::avroJson),
        "no consolidated snapshot for product " + product + " and period " + period);
  }

  void alerts(Context ctx) {
    String site = optionalId(ctx, "site");
    String product = optionalId(ctx, "product");
    String type = ctx.queryParam("type");
    int limit = limit(ctx);
    requireRunning();
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
      all.add(avroJson(a));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("alerts", all);
    // every instance reads the whole alert topic: complete once it has read what was there when
    // it started
    body.put("complete", recentAlerts.caughtUp());
    ApiServer.json(ctx, 200, body);
  }

  /** This instance's part of a gathered list; 503 while its stores cannot be queried. */
  private static <T> T local(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidStateStoreException e) {
      throw new ApiException(503, "not ready: " + e.getMessage());
    }
  }

  private PeriodQueries periods() {
    return new PeriodQueries(ledger.stores(), ledger.reference());
  }

  /** Answers a keyed request here, at the owner, or from a standby (stale). */
  private void keyed(
      Context ctx,
      KeyedStore store,
      String key,
      Function<Boolean, Optional<Map<String, Object>>> local,
      String notFound) {
    requireRunning();
    boolean forwarded = ctx.header(InstanceRouter.FORWARDED) != null;
    boolean staleAllowed = "true".equals(ctx.queryParam("stale"));
    KeyQueryMetadata meta =
        router
            .locate(store.storeName(), key)
            .orElseThrow(() -> new ApiException(503, "not ready: no owner yet for " + key));
    if (forwarded || router.isSelf(meta.activeHost())) {
      answerLocally(
          ctx,
          store,
          meta.partition(),
          local,
          notFound,
          staleAllowed && !router.isSelf(meta.activeHost()));
      return;
    }
    String query = ctx.queryString() == null ? "" : ctx.queryString();
    Optional<HttpResponse<String>> r =
        router.get(
            meta.activeHost(),
            ctx.path() + (query.isEmpty() ? "" : "?" + query),
            ctx.header("Authorization"));
    if (r.isPresent() && r.get().statusCode() != 503) {
      ctx.status(r.get().statusCode()).contentType("application/json").result(r.get().body());
      return;
    }
    if (meta.standbyHosts().stream().anyMatch(router::isSelf)) {
      answerLocally(ctx, store, meta.partition(), local, notFound, true);
      return;
    }
    for (HostInfo standby : meta.standbyHosts()) {
      Optional<HttpResponse<String>> s =
          router.get(
              standby,
              ctx.path() + "?" + (query.isEmpty() ? "" : query + "&") + "stale=true",
              ctx.header("Authorization"));
      if (s.isPresent() && s.get().statusCode() != 503) {
        ctx.status(s.get().statusCode()).contentType("application/json").result(s.get().body());
        return;
      }
    }
    throw new ApiException(503, "not ready: the owner of " + key + " cannot be reached");
  }

  /**
   * Answers from this instance's stores. "Not found" is only answered when the key's partition of
   * {@code store} could be read here before and after the look-up: a look-up over this instance's
   * stores finds nothing when that partition is not among them at the moment (a task being handed
   * over, promoted from standby or restored), and that is "not ready" (503), not "no such book".
   */
  private void answerLocally(
      Context ctx,
      KeyedStore keyed,
      int partition,
      Function<Boolean, Optional<Map<String, Object>>> local,
      String notFound,
      boolean stale) {
    String store = keyed.storeName();
    if (!stale && !readable(store, partition, false)) {
      stale = true;
    }
    boolean before = readable(store, partition, stale);
    Optional<Map<String, Object>> body;
    try {
      body = local.apply(stale);
    } catch (InvalidStateStoreException e) {
      try {
        body = local.apply(true);
        stale = true;
      } catch (InvalidStateStoreException e2) {
        throw new ApiException(503, "not ready: " + e2.getMessage());
      }
    }
    if (body.isEmpty() && !(before && readable(store, partition, stale))) {
      throw new ApiException(
          503, "not ready: partition " + partition + " of " + store + " cannot be read here now");
    }
    Map<String, Object> b = body.orElseThrow(() -> new ApiException(404, notFound));
    b.put("stale", stale);
    ApiServer.json(ctx, 200, b);
  }

  /** Whether partition {@code partition} of {@code store} can be read here now. */
  private boolean readable(String store, int partition, boolean stale) {
    return ledger.stores().readable(store, partition, stale);
  }

  private void requireRunning() {
    KafkaStreams.State s = streams.state();
    if (s != KafkaStreams.State.RUNNING && s != KafkaStreams.State.REBALANCING) {
      throw new ApiException(503, "not ready: Kafka Streams is " + s);
    }
  }

  void lot(Context ctx) {
    String site = id(ctx, "site");
    String product = id(ctx, "product");
    String lot = lotId(ctx);
    keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale -> ledger.lots(stale).lot(site, product, lot).map(QueryRoutes::lotJson),
        "no lot " + lot + " of product " + product + " at site " + site);
  }

  void trace(Context ctx) {
    String site = id(ctx, "site");
    String product = id(ctx, "product");
    String movement = id(ctx, "movement");
    keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale -> ledger.lots(stale).trace(site, product, movement).map(QueryRoutes::traceJson),
        "no outbound movement " + movement + " of product " + product + " at site " + site);
  }

  void lotsPage(Context ctx) {
    String site = id(ctx, "site");
    String product = id(ctx, "product");
    String after = pageToken(ctx, "[A-Za-z0-9._@-]{1,200}");
    int limit = limit(ctx);
    keyed(
        ctx,
        KeyedStore.BOOK,
        Keys.ledger(site, product),
        stale -> {
          ZoneId zone = ledger.reference().site(site).zone();
          LotQueries.Page<LotView> page = ledger.lots(stale).lots(site, product, after, limit);
          List<Map<String, Object>> lots = new ArrayList<>();
          for (LotView l : page.items()) {
            Map<String, Object> m = lotJson(l);
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

  void tracesPage(Context ctx) {
    String site = id(ctx, "site");
    String product = id(ctx, "product");
    YearMonth from = period(ctx.queryParam("from"), "from");
    YearMonth to = period(ctx.queryParam("to"), "to");
    if (to.isBefore(from)) {
      throw new ApiException(400, "to must not be before from");
    }
    String after = pageToken(ctx, MovementValidator.ID.pattern());
    int limit = limit(ctx);
    keyed(
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
            Map<String, Object> m = traceJson(t);
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

  private static String pageToken(Context ctx, String rule) {
    String v = ctx.queryParam("page_token");
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (!v.matches(rule)) {
      throw new ApiException(400, "page_token must match " + rule);
    }
    return v;
  }

  static Map<String, Object> withLots(Map<String, Object> balance, List<LotOnHand> lots) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (LotOnHand l : lots) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lot_id", l.lotId());
      m.put("remaining", Decimals.present(l.remaining()));
      out.add(m);
    }
    balance.put("lots", out);
    return balance;
  }

  static Map<String, Object> lotJson(LotView l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", l.siteId());
    m.put("product_id", l.productId());
    m.put("lot_id", l.lotId());
    m.put("unit", l.unit().symbol());
    m.put("received", Decimals.present(l.received()));
    m.put("remaining", Decimals.present(l.remaining()));
    m.put("received_at", l.receivedAt() == null ? null : l.receivedAt().toString());
    m.put("supplier_id", l.supplierId());
    m.put("supplier_lot", l.supplierLot());
    m.put("supplier_nop_id", l.supplierNopId());
    m.put("certified_at_receipt", l.certifiedAtReceipt());
    m.put("import_certificate", l.importCertificate());
    m.put("origin_country", l.originCountry());
    m.put("origin_site_id", l.originSiteId());
    m.put("adjustment", l.adjustment());
    List<Map<String, Object>> allocations = new ArrayList<>();
    for (AllocationView a : l.allocations()) {
      allocations.add(allocationJson(a));
    }
    m.put("allocations", allocations);
    return m;
  }

  static Map<String, Object> allocationJson(AllocationView a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("movement_id", a.movementId());
    m.put("type", a.type());
    m.put("quantity", Decimals.present(a.quantity()));
    m.put("occurred_at", a.occurredAt() == null ? null : a.occurredAt().toString());
    m.put("counterparty_id", a.counterpartyId());
    m.put("document_ref", a.documentRef());
    if (a.toSiteId() != null) {
      m.put("to_site_id", a.toSiteId());
    }
    return m;
  }

  static Map<String, Object> traceJson(TraceView t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", t.siteId());
    m.put("product_id", t.productId());
    m.put("movement_id", t.movementId());
    m.put("type", t.type());
    m.put("occurred_at", t.occurredAt() == null ? null : t.occurredAt().toString());
    m.put("unit", t.unit().symbol());
    m.put("quantity", Decimals.presentKg(t.quantityKg(), t.unit()));
    m.put("uncovered", Decimals.present(t.uncovered()));
    if (t.namedLotId() != null) {
      m.put("named_lot_id", t.namedLotId());
      m.put("named_lot_unknown", t.namedLotUnknown());
    }
    List<Map<String, Object>> lots = new ArrayList<>();
    for (TraceView.TracedLot tl : t.lots()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("lot_id", tl.allocation().lotId());
      e.put("quantity", Decimals.present(tl.allocation().quantity()));
      LotView l = tl.lot();
      if (l != null) {
        e.put("received_at", l.receivedAt() == null ? null : l.receivedAt().toString());
        e.put("supplier_id", l.supplierId());
        e.put("supplier_lot", l.supplierLot());
        e.put("supplier_nop_id", l.supplierNopId());
        e.put("certified_at_receipt", l.certifiedAtReceipt());
        e.put("import_certificate", l.importCertificate());
        e.put("origin_country", l.originCountry());
        e.put("origin_site_id", l.originSiteId());
      }
      lots.add(e);
    }
    m.put("lots", lots);
    return m;
  }

  private static String lotId(Context ctx) {
    String v = ctx.pathParam("lot");
    if (!v.matches("[A-Za-z0-9._@-]{1,200}")) {
      throw new ApiException(400, "lot must match [A-Za-z0-9._@-]{1,200}");
    }
    return v;
  }

  static Map<String, Object> balanceJson(BalanceView b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", b.siteId());
    m.put("product_id", b.productId());
    m.put("unit", b.unit().symbol());
    m.put("book_balance", Decimals.presentKg(b.bookKg(), b.unit()));
    m.put("lots", List.of());
    m.put("movements", b.movements());
    if (b.lastCountKg() != null) {
      m.put("last_count", Decimals.presentKg(b.lastCountKg(), b.unit()));
      m.put("last_count_at", b.lastCountAt() == null ? null : b.lastCountAt().toString());
      m.put("book_at_last_count", Decimals.presentKg(b.lastCountBookKg(), b.unit()));
    }
    return m;
  }

  /** An Avro record as a map of its (snake_case) fields, in schema order. */
  static Map<String, Object> avroJson(SpecificRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Schema.Field f : r.getSchema().getFields()) {
      Object v = r.get(f.pos());
      m.put(f.name(), v instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : v);
    }
    return m;
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  private static String id(Context ctx, String name) {
    String v = ctx.pathParam(name);
    if (!MovementValidator.isId(v)) {
      throw new ApiException(400, name + " must match " + MovementValidator.ID.pattern());
    }
    return v;
  }

  private static String optionalId(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (!MovementValidator.isId(v)) {
      throw new ApiException(400, name + " must match " + MovementValidator.ID.pattern());
    }
    return v;
  }

  private static YearMonth period(Context ctx) {
    return period(ctx.pathParam("period"), "period");
  }

  private static YearMonth period(String p, String name) {
    if (p == null || p.isEmpty()) {
      throw new ApiException(400, name + " is required (yyyy-MM)");
    }
    try {
      if (!p.matches("\\d{4}-\\d{2}")) {
        throw new DateTimeParseException("", p, 0);
      }
      return YearMonth.parse(p);
    } catch (DateTimeParseException e) {
      throw new ApiException(400, name + " must be yyyy-MM, got '" + p + "'");
    }
  }

  private static int limit(Context ctx) {
    String l = ctx.queryParam("limit");
    if (l == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(l);
      if (n < 1 || n > MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(400, "limit must be between 1 and " + MAX_LIMIT);
    }
  }
}
