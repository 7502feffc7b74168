package org.massbalance.engine.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.query.AllocationView;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LedgerQueries;
import org.massbalance.engine.query.LedgerScan;
import org.massbalance.engine.query.LotInputView;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.query.TraceView;

/**
 * The bulk reads of the audit package (ADR 26): which instance owns which partition ({@code GET
 * /api/v1/instances}), and each owned partition's part of a range streamed as NDJSON ({@code GET
 * /api/v1/bulk/ledger}, {@code GET /api/v1/bulk/transformations}). An instance answers only the
 * partitions it holds active: one store pass per partition, one line per key (or transformation),
 * written as it is read, so neither side holds a range in memory. Every partition's lines are
 * framed by a {@code begin} and an {@code end} line (with the number of records) or end in a {@code
 * failed} line, so that a client can check that every partition was answered once and completely.
 */
final class BulkRoutes {

  /** The NDJSON media type. */
  static final String NDJSON = "application/x-ndjson";

  private static final JsonFactory JSON = new JsonFactory();

  private final Routing routing;
  private final InstanceRouter router;
  private final LedgerQueries ledger;

  BulkRoutes(Routing routing, InstanceRouter router, LedgerQueries ledger) {
    this.routing = routing;
    this.router = router;
    this.ledger = ledger;
  }

  /**
   * {@code GET /api/v1/instances}: every instance of the application with the partitions of the
   * ledger ({@code ledger_partitions}) and of the transformations ({@code
   * transformation_partitions}) whose active task it holds, and the partition count; {@code
   * complete} is false while a partition has no active owner (a rebalance).
   */
  void instances(Context ctx) {
    routing.requireRunning();
    Map<HostInfo, Map<String, List<Integer>>> byHost = new TreeMap<>(HOST_ORDER);
    for (HostInfo h : router.all()) {
      byHost.put(h, newPartitionLists());
    }
    boolean complete = true;
    int partitions = 0;
    for (KeyedStore store : List.of(KeyedStore.BOOK, KeyedStore.TRANSFORMATIONS)) {
      int n = router.partitions(store.storeName());
      partitions = Math.max(partitions, n);
      if (n == 0) {
        complete = false;
      }
      for (int p = 0; p < n; p++) {
        Optional<KeyQueryMetadata> m = router.locatePartition(store.storeName(), p);
        if (m.isEmpty()) {
          complete = false;
          continue;
        }
        byHost
            .computeIfAbsent(m.get().activeHost(), h -> newPartitionLists())
            .get(field(store))
            .add(p);
      }
    }
    List<Map<String, Object>> instances = new ArrayList<>();
    for (Map.Entry<HostInfo, Map<String, List<Integer>>> e : byHost.entrySet()) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("url", router.url(e.getKey()));
      i.put("host", e.getKey().host());
      i.put("port", e.getKey().port());
      i.put("self", router.isSelf(e.getKey()));
      i.putAll(e.getValue());
      instances.add(i);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("partitions", partitions);
    body.put("instances", instances);
    body.put("complete", complete);
    ApiServer.json(ctx, 200, body);
  }

  private static Map<String, List<Integer>> newPartitionLists() {
    Map<String, List<Integer>> m = new LinkedHashMap<>();
    m.put(field(KeyedStore.BOOK), new ArrayList<>());
    m.put(field(KeyedStore.TRANSFORMATIONS), new ArrayList<>());
    return m;
  }

  private static String field(KeyedStore store) {
    return store == KeyedStore.BOOK ? "ledger_partitions" : "transformation_partitions";
  }

  private static final java.util.Comparator<HostInfo> HOST_ORDER =
      java.util.Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port);

  /**
   * {@code GET /api/v1/bulk/ledger?from=yyyy-MM&to=yyyy-MM[&site=S][&partitions=0,3]}: for each
   * partition asked for (default: every partition whose ledger task this instance holds active),
   * one line per site|product with a movement in the site-local months {@code from..to}, in (site,
   * product) order: its back traces in the range, the lots it received or drew in the range with
   * their forward traces, and the transfers that arrived.
   */
  void ledgerRange(Context ctx) {
    Range range = range(ctx);
    List<Integer> asked = partitions(ctx, KeyedStore.BOOK);
    stream(
        ctx,
        KeyedStore.BOOK,
        asked,
        (p, g) ->
            ledger
                .ledgerScan(p)
                .scan(
                    range.site(),
                    range.from(),
                    range.to(),
                    k -> {
                      try {
                        keyLine(g, p, k);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }));
  }

  /**
   * {@code GET /api/v1/bulk/transformations?from=yyyy-MM&to=yyyy-MM[&site=S][&partitions=]}: for
   * each partition asked for (default: every partition of the transformations this instance holds
   * active), one line per transformation dated in the site-local months {@code from..to}, as {@code
   * GET /api/v1/transformations/{site}/{id}} answers it.
   */
  void transformationRange(Context ctx) {
    Range range = range(ctx);
    List<Integer> asked = partitions(ctx, KeyedStore.TRANSFORMATIONS);
    stream(
        ctx,
        KeyedStore.TRANSFORMATIONS,
        asked,
        (p, g) ->
            ledger.scanTransformations(
                p,
                range.site(),
                range.from(),
                range.to(),
                t -> {
                  try {
                    g.writeStartObject();
                    g.writeStringField("type", "transformation");
                    g.writeNumberField("partition", p);
                    g.writeFieldName("transformation");
                    write(g, JsonViews.transformation(t));
                    g.writeEndObject();
                    g.writeRaw('\n');
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }));
  }

  private record Range(YearMonth from, YearMonth to, String site) {}

  private static Range range(Context ctx) {
    YearMonth from = RequestParams.period(ctx.queryParam("from"), "from");
    YearMonth to = RequestParams.period(ctx.queryParam("to"), "to");
    if (to.isBefore(from)) {
      throw new ApiException(400, "to must not be before from");
    }
    return new Range(from, to, RequestParams.optionalId(ctx, "site"));
  }

  /** The partitions asked for, or every one this instance holds active. */
  private List<Integer> partitions(Context ctx, KeyedStore store) {
    routing.requireRunning();
    String p = ctx.queryParam("partitions");
    int n = router.partitions(store.storeName());
    List<Integer> out = new ArrayList<>();
    if (p == null || p.isBlank()) {
      for (int i = 0; i < n; i++) {
        if (ledger.ownsActive(store, i)) {
          out.add(i);
        }
      }
      return out;
    }
    for (String part : p.split(",")) {
      try {
        int i = Integer.parseInt(part.strip());
        if (i < 0 || i >= Math.max(n, 1) || out.contains(i) || out.size() >= 10_000) {
          throw new NumberFormatException();
        }
        out.add(i);
      } catch (NumberFormatException e) {
        throw new ApiException(
            400, "partitions must be distinct partition numbers from 0 to " + (n - 1));
      }
    }
    return out;
  }

  private interface PartitionScan {
    int scan(int partition, JsonGenerator g);
  }

  /**
   * Streams each partition of {@code asked} framed by {@code begin} and {@code end} lines; a
   * partition this instance does not hold active is answered {@code not_owner}, one that cannot be
   * read to its end (a rebalance took it away) {@code failed}. Ends with an {@code end} line.
   */
  private void stream(Context ctx, KeyedStore store, List<Integer> asked, PartitionScan scan) {
    ctx.status(200).contentType(NDJSON);
    try (OutputStream out = new BufferedOutputStream(ctx.outputStream(), 64 * 1024);
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.setRootValueSeparator(null);
      List<Integer> answered = new ArrayList<>();
      for (int p : asked) {
        if (!ledger.ownsActive(store, p)) {
          marker(g, p, "not_owner", null, -1);
          continue;
        }
        marker(g, p, "begin", null, -1);
        try {
          int n = scan.scan(p, g);
          if (!ledger.ownsActive(store, p)) {
            // handed over while it was read: what was read may miss the last writes
            marker(g, p, "failed", "the partition moved to another instance while read", -1);
            continue;
          }
          marker(g, p, "end", null, n);
          answered.add(p);
        } catch (InvalidStateStoreException e) {
          marker(g, p, "failed", "not readable here now: " + e.getMessage(), -1);
        } catch (RuntimeException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          marker(g, p, "failed", "internal error", -1);
        }
        g.flush();
      }
      g.writeStartObject();
      g.writeStringField("type", "end");
      g.writeArrayFieldStart("partitions");
      for (int p : answered) {
        g.writeNumber(p);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      // the client went away: nothing more to write
    }
  }

  private static void marker(JsonGenerator g, int partition, String status, String error, int n)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "partition");
    g.writeNumberField("partition", partition);
    g.writeStringField("status", status);
    if (n >= 0) {
      g.writeNumberField("records", n);
    }
    if (error != null) {
      g.writeStringField("error", error);
    }
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** One key's line: its traces, lots and arrivals in the product's unit. */
  private static void keyLine(JsonGenerator g, int partition, LedgerScan.KeyRange k)
      throws IOException {
    Unit unit = k.unit();
    g.writeStartObject();
    g.writeStringField("type", "key");
    g.writeNumberField("partition", partition);
    g.writeStringField("site_id", k.siteId());
    g.writeStringField("product_id", k.productId());
    g.writeStringField("unit", unit.symbol());
    g.writeArrayFieldStart("traces");
    for (TraceView t : k.traces()) {
      g.writeStartObject();
      g.writeStringField("movement_id", t.movementId());
      g.writeStringField("type", t.type());
      g.writeStringField("occurred_at", t.occurredAt().toString());
      g.writeStringField("period", YearMonth.from(t.occurredAt().atZone(k.zone())).toString());
      g.writeStringField("quantity", Decimals.presentKg(t.quantityKg(), unit));
      g.writeStringField("uncovered", Decimals.present(t.uncovered()));
      text(g, "counterparty_id", t.counterpartyId());
      text(g, "document_ref", t.documentRef());
      text(g, "to_site_id", t.toSiteId());
      text(g, "reason", t.reason());
      text(g, "named_lot_id", t.namedLotId());
      g.writeArrayFieldStart("lots");
      for (TraceView.TracedLot tl : t.lots()) {
        g.writeStartObject();
        g.writeStringField("lot_id", tl.allocation().lotId());
        g.writeStringField("quantity", Decimals.present(tl.allocation().quantity()));
        LotView l = tl.lot();
        if (l != null) {
          lotFacts(g, l);
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("lots");
    for (LotView l : k.lots()) {
      g.writeStartObject();
      g.writeStringField("lot_id", l.lotId());
      g.writeStringField("received", Decimals.present(l.received()));
      g.writeStringField("remaining", Decimals.present(l.remaining()));
      g.writeStringField(
          "received_period", YearMonth.from(l.receivedAt().atZone(k.zone())).toString());
      g.writeBooleanField("adjustment", l.adjustment());
      lotFacts(g, l);
      g.writeArrayFieldStart("allocations");
      for (AllocationView a : l.allocations()) {
        g.writeStartObject();
        g.writeStringField("movement_id", a.movementId());
        g.writeStringField("type", a.type());
        g.writeStringField("quantity", Decimals.present(a.quantity()));
        g.writeStringField("occurred_at", a.occurredAt().toString());
        text(g, "counterparty_id", a.counterpartyId());
        text(g, "document_ref", a.documentRef());
        text(g, "to_site_id", a.toSiteId());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("arrivals");
    for (LedgerScan.Arrival a : k.arrivals()) {
      g.writeStartObject();
      g.writeStringField("movement_id", a.movementId());
      g.writeStringField("occurred_at", a.occurredAt().toString());
      g.writeStringField("origin_site_id", a.originSiteId());
      g.writeStringField("quantity", Decimals.presentKg(a.quantityKg(), unit));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** A lot's receipt facts and lineage (a lot a transformation made names it and its inputs). */
  private static void lotFacts(JsonGenerator g, LotView l) throws IOException {
    g.writeStringField("received_at", l.receivedAt().toString());
    text(g, "supplier_id", l.supplierId());
    text(g, "supplier_lot", l.supplierLot());
    text(g, "supplier_nop_id", l.supplierNopId());
    if (l.certifiedAtReceipt() != null) {
      g.writeBooleanField("certified_at_receipt", l.certifiedAtReceipt());
    }
    text(g, "import_certificate", l.importCertificate());
    text(g, "origin_country", l.originCountry());
    text(g, "origin_site_id", l.originSiteId());
    text(g, "transformation_id", l.transformationId());
    text(g, "receipt_movement_id", l.receiptMovementId());
    if (!l.inputs().isEmpty()) {
      g.writeArrayFieldStart("inputs");
      for (LotInputView in : l.inputs()) {
        write(g, JsonViews.input(in));
      }
      g.writeEndArray();
    }
  }

  private static void text(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  /** A map of JSON values (strings, numbers, booleans, lists, maps, null) as it is. */
  @SuppressWarnings("unchecked")
  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else {
      g.writeString(String.valueOf(v));
    }
  }
}
