package org.massbalance.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Snapshot;
import org.massbalance.it.ContractModel.AlertKey;
import org.massbalance.it.ContractModel.Allocation;
import org.massbalance.it.ContractModel.Applied;
import org.massbalance.it.ContractModel.Expected;
import org.massbalance.it.ContractModel.Figures;
import org.massbalance.it.ContractModel.Ledger;
import org.massbalance.it.ContractModel.LineageEntry;
import org.massbalance.it.ContractModel.Lot;
import org.massbalance.it.ContractModel.MassUnit;
import org.massbalance.local.LocalStack;
import org.massbalance.topics.TopicDefaults;

/**
 * Compares what the engine shows with the {@link ContractModel}: every book and its lots on hand
 * and every lot with its forward trace and, for a lot a transformation made, its lineage (HTTP
 * API), every transformation (HTTP API), the latest revision of every snapshot and consolidated
 * snapshot (the compacted topics, read_committed, last value per key), the provisional figures of
 * the open months (HTTP API), the alerts (each alert_id once, each subject once, the set equal to
 * the model's, LATE_MOVEMENT only where transfer arrivals, re-routed records and the movements of
 * transformations may come late) and the rejected records (each source offset once, as many per
 * movement or transformation id as the model says).
 */
final class ModelComparison {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final int SHOWN = 40;

  /** The figures of one comparison. */
  record Result(
      long books,
      long lots,
      long transformations,
      long closedSnapshots,
      long openSnapshots,
      long consolidated,
      long alerts,
      long lateMovements,
      long rejected,
      long signedMonths,
      long mismatchCount,
      List<String> mismatches,
      Map<String, Integer> mismatchKinds) {

    long compared() {
      return books
          + lots
          + transformations
          + closedSnapshots
          + openSnapshots
          + consolidated
          + alerts
          + rejected
          + signedMonths;
    }

    @Override
    public String toString() {
      return String.format(
          "%d records compared (%d books, %d lots, %d transformations, %d closed snapshots,"
              + " %d open months, %d consolidated, %d alerts + %d LATE_MOVEMENT, %d rejected,"
              + " %d signed months): %d mismatches%s",
          compared(),
          books,
          lots,
          transformations,
          closedSnapshots,
          openSnapshots,
          consolidated,
          alerts,
          lateMovements,
          rejected,
          signedMonths,
          mismatchCount,
          mismatchKinds.isEmpty() ? "" : " " + new TreeMap<>(mismatchKinds));
    }
  }

  private final LocalStack stack;
  private final String api;
  private final ContractModel model;
  private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong mismatchCount = new AtomicLong();
  private final Map<String, Integer> kinds = new TreeMap<>();

  private ModelComparison(LocalStack stack, String api, ContractModel model) {
    this.stack = stack;
    this.api = api;
    this.model = model;
  }

  /** Compares the engine behind {@code api} and the stack's output topics with {@code model}. */
  static Result compare(LocalStack stack, String api, ContractModel model) throws Exception {
    return new ModelComparison(stack, api, model).run();
  }

  private Result run() throws Exception {
    long books = books();
    long lots = lots();
    long transformations = transformations();
    long closed = closedSnapshots();
    long open = openSnapshots();
    long consolidated = consolidated();
    long[] alerts = alerts();
    long rejected = rejected();
    long signed = signedMonths();
    return new Result(
        books,
        lots,
        transformations,
        closed,
        open,
        consolidated,
        alerts[0],
        alerts[1],
        rejected,
        signed,
        mismatchCount.get(),
        List.copyOf(mismatches),
        Map.copyOf(kinds));
  }

  private void mismatch(String text) {
    mismatchCount.incrementAndGet();
    String kind = text.replaceAll("[A-Za-z0-9_.@-]*[0-9][A-Za-z0-9_.@|-]*", "#");
    kind = kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind;
    synchronized (kinds) {
      int seen = kinds.merge(kind, 1, Integer::sum);
      if (seen <= 3 && mismatches.size() < SHOWN) {
        mismatches.add(text);
      }
    }
  }

  private void same(String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      mismatch(what + ": expected " + expected + ", engine " + actual);
    }
  }

  /** Compares a presented decimal (null allowed on both sides). */
  private void number(String what, BigDecimal expected, String actual) {
    if (expected == null || actual == null) {
      if (expected != null || actual != null) {
        mismatch(what + ": expected " + expected + ", engine " + actual);
      }
      return;
    }
    if (new BigDecimal(actual).compareTo(expected) != 0) {
      mismatch(what + ": expected " + expected.toPlainString() + ", engine " + actual);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  // ------------------------------------------------------------------ HTTP

  private JsonNode get(String path) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(ItSupport.DEADLINE);
    while (true) {
      HttpRequest r =
          HttpRequest.newBuilder(URI.create(api + path))
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build();
      HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return JSON.readTree(response.body());
      }
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() != 503 || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
      }
      Thread.sleep(200);
    }
  }

  private static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ books and lots

  private long books() throws Exception {
    long n = 0;
    Map<String, Set<String>> productsBySite = new TreeMap<>();
    for (Ledger l : model.ledgers()) {
      productsBySite.computeIfAbsent(l.site, k -> new TreeSet<>()).add(l.product);
      MassUnit unit = model.product(l.product).unit();
      String key = l.key();
      JsonNode b = get("/api/v1/balances/" + seg(l.site) + "/" + seg(l.product));
      n++;
      if (b == null) {
        mismatch("book " + key + ": missing");
        continue;
      }
      same("book " + key + " unit", unit.symbol, text(b, "unit"));
      number("book " + key, unit.present(l.book), text(b, "book_balance"));
      same("book " + key + " movements applied", l.applied, b.path("movements").asLong());
      Map<String, BigDecimal> expected = new TreeMap<>();
      for (Lot lot : l.onHand()) {
        expected.put(lot.id, unit.present(lot.remainingKg));
      }
      Map<String, BigDecimal> actual = new TreeMap<>();
      for (JsonNode lot : b.path("lots")) {
        actual.put(text(lot, "lot_id"), new BigDecimal(text(lot, "remaining")));
      }
      if (!expected.keySet().equals(actual.keySet())) {
        mismatch("book " + key + " lots on hand: expected " + expected + ", engine " + actual);
      } else {
        expected.forEach(
            (id, q) ->
                number(
                    "book " + key + " lot " + id + " remaining",
                    q,
                    actual.get(id).toPlainString()));
      }
    }
    for (Map.Entry<String, Set<String>> e : productsBySite.entrySet()) {
      JsonNode site = get("/api/v1/balances/" + seg(e.getKey()) + "?limit=1000");
      Set<String> engine = new TreeSet<>();
      if (site != null) {
        site.path("balances").forEach(b -> engine.add(text(b, "product_id")));
      }
      same("books of site " + e.getKey(), e.getValue(), engine);
    }
    return n;
  }

  private long lots() throws Exception {
    List<Ledger> ledgers = model.ledgers();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      AtomicLong n = new AtomicLong();
      for (Ledger l : ledgers) {
        for (Lot lot : l.lots.values()) {
          work.add(
              pool.submit(
                  () -> {
                    lot(l, lot);
                    n.incrementAndGet();
                    return null;
                  }));
        }
      }
      for (Future<?> f : work) {
        f.get();
      }
      return n.get();
    } finally {
      pool.shutdownNow();
    }
  }

  private void lot(Ledger l, Lot lot) throws Exception {
    MassUnit unit = model.product(l.product).unit();
    String what = "lot " + l.key() + "|" + lot.id;
    JsonNode j = get("/api/v1/lots/" + seg(l.site) + "/" + seg(l.product) + "/" + seg(lot.id));
    if (j == null) {
      mismatch(what + ": missing");
      return;
    }
    same(what + " unit", unit.symbol, text(j, "unit"));
    number(what + " received", unit.present(lot.receivedKg), text(j, "received"));
    number(what + " remaining", unit.present(lot.remainingKg), text(j, "remaining"));
    same(what + " received_at", lot.receivedAt, Instant.parse(text(j, "received_at")));
    same(what + " supplier_id", lot.supplierId, text(j, "supplier_id"));
    same(what + " supplier_lot", lot.supplierLot, text(j, "supplier_lot"));
    same(what + " supplier_nop_id", lot.supplierNopId, text(j, "supplier_nop_id"));
    JsonNode certified = j.get("certified_at_receipt");
    same(
        what + " certified_at_receipt",
        lot.certifiedAtReceipt,
        certified == null || certified.isNull() ? null : certified.asBoolean());
    same(what + " import_certificate", lot.importCertificate, text(j, "import_certificate"));
    // ISO alpha-2, case-insensitive: the engine may show it normalised.
    same(
        what + " origin_country",
        lot.originCountry == null ? null : lot.originCountry.toUpperCase(Locale.ROOT),
        text(j, "origin_country") == null
            ? null
            : text(j, "origin_country").toUpperCase(Locale.ROOT));
    JsonNode allocations = j.path("allocations");
    if (allocations.size() != lot.allocations.size()) {
      mismatch(
          what
              + " allocations: expected "
              + lot.allocations.size()
              + ", engine "
              + allocations.size());
      return;
    }
    // in the contract's order of the movements that drew (the order they were processed in
    // differs for a transformation dated back)
    List<Allocation> ordered = new ArrayList<>(lot.allocations);
    ordered.sort(
        Comparator.comparing(Allocation::at)
            .thenComparingInt(a -> a.type().equals("COUNT") ? 2 : 1)
            .thenComparing(Allocation::movementId));
    for (int i = 0; i < ordered.size(); i++) {
      Allocation a = ordered.get(i);
      JsonNode e = allocations.get(i);
      String w = what + " allocation " + i;
      same(w + " movement_id", a.movementId(), text(e, "movement_id"));
      same(w + " type", a.type(), text(e, "type"));
      number(w + " quantity", unit.present(a.kg()), text(e, "quantity"));
      same(w + " occurred_at", a.at(), Instant.parse(text(e, "occurred_at")));
      same(w + " counterparty_id", a.counterparty(), text(e, "counterparty_id"));
      same(w + " document_ref", a.documentRef(), text(e, "document_ref"));
      same(w + " to_site_id", a.toSite(), text(e, "to_site_id"));
    }
    same(what + " transformation_id", lot.transformationId, text(j, "transformation_id"));
    lineage(what + " input", lot.inputs, j.path("inputs"));
  }

  /** A made lot's lineage (or a transformation's input's draws): entry by entry, in order. */
  private void lineage(String what, List<LineageEntry> expected, JsonNode actual) {
    if (actual.size() != expected.size()) {
      mismatch(what + "s: expected " + expected.size() + ", engine " + actual.size());
      return;
    }
    for (int i = 0; i < expected.size(); i++) {
      LineageEntry e = expected.get(i);
      JsonNode a = actual.get(i);
      String w = what + " " + i;
      MassUnit unit = model.product(e.product()).unit();
      same(w + " product_id", e.product(), text(a, "product_id"));
      same(w + " lot_id", e.lot(), text(a, "lot_id"));
      number(w + " quantity", unit.present(e.kg()), text(a, "quantity"));
      same(w + " unit", unit.symbol, text(a, "unit"));
      same(w + " organic", e.organic(), a.path("organic").asBoolean());
      same(w + " supplier_id", e.supplierId(), text(a, "supplier_id"));
      same(w + " supplier_lot", e.supplierLot(), text(a, "supplier_lot"));
      same(w + " supplier_nop_id", e.supplierNopId(), text(a, "supplier_nop_id"));
      JsonNode certified = a.get("certified_at_receipt");
      same(
          w + " certified_at_receipt",
          e.certifiedAtReceipt(),
          certified == null || certified.isNull() ? null : certified.asBoolean());
      same(w + " transformation_id", e.transformationId(), text(a, "transformation_id"));
      same(w + " origin_site_id", e.originSite(), text(a, "origin_site_id"));
    }
  }

  // ------------------------------------------------------------------ transformations

  /**
   * Every transformation the model applied, from {@code GET /api/v1/transformations/{site}/{id}}:
   * done, its masses, its outputs' certification, what each input drew (lots and uncovered part)
   * and the lot each output made.
   */
  private long transformations() throws Exception {
    List<Applied> all = model.transformations();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (Applied t : all) {
        work.add(
            pool.submit(
                () -> {
                  transformation(t);
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      return all.size();
    } finally {
      pool.shutdownNow();
    }
  }

  private void transformation(Applied t) throws Exception {
    String what = "transformation " + t.site + "|" + t.id;
    JsonNode j = get("/api/v1/transformations/" + seg(t.site) + "/" + seg(t.id));
    if (j == null) {
      mismatch(what + ": missing");
      return;
    }
    same(what + " status", "DONE", text(j, "status"));
    same(what + " occurred_at", t.at, Instant.parse(text(j, "occurred_at")));
    same(what + " document_ref", t.documentRef, text(j, "document_ref"));
    number(what + " inputs_kg", MassUnit.KG.present(t.inputKg), text(j, "inputs_kg"));
    number(what + " outputs_kg", MassUnit.KG.present(t.outputKg), text(j, "outputs_kg"));
    number(
        what + " loss_kg", MassUnit.KG.present(t.inputKg.subtract(t.outputKg)), text(j, "loss_kg"));
    number(
        what + " non_organic_inputs_kg",
        MassUnit.KG.present(t.nonOrganicInputKg),
        text(j, "non_organic_inputs_kg"));
    JsonNode certified = j.get("certified");
    same(
        what + " certified",
        t.certified,
        certified == null || certified.isNull() ? null : certified.asBoolean());
    JsonNode inputs = j.path("inputs");
    if (inputs.size() != t.inputs.size()) {
      mismatch(what + " inputs: expected " + t.inputs.size() + ", engine " + inputs.size());
    } else {
      for (int n = 0; n < t.inputs.size(); n++) {
        String w = what + " input " + n;
        JsonNode in = inputs.get(n);
        same(w + " movement_id", t.id + ".in." + n, text(in, "movement_id"));
        same(w + " product_id", t.inputs.get(n).product(), text(in, "product_id"));
        // the input's quantity, and what no lot covered, in the unit the input was written in
        MassUnit written = MassUnit.parse(String.valueOf(text(in, "unit"))).orElse(null);
        if (written == null) {
          mismatch(w + " unit: " + text(in, "unit"));
        } else {
          number(w + " quantity", written.present(t.inputs.get(n).kg()), text(in, "quantity"));
          number(w + " uncovered", written.present(t.uncovered.get(n)), text(in, "uncovered"));
        }
        lineage(w + " drawn", t.drawn.get(n), inputs.get(n).path("drawn"));
      }
    }
    JsonNode outputs = j.path("outputs");
    if (outputs.size() != t.outputs.size()) {
      mismatch(what + " outputs: expected " + t.outputs.size() + ", engine " + outputs.size());
    } else {
      for (int n = 0; n < t.outputs.size(); n++) {
        String w = what + " output " + n;
        same(w + " movement_id", t.id + ".out." + n, text(outputs.get(n), "movement_id"));
        same(w + " product_id", t.outputs.get(n).product(), text(outputs.get(n), "product_id"));
        same(w + " role", t.outputs.get(n).role(), text(outputs.get(n), "role"));
        same(w + " lot_id", t.outputLots.get(n), text(outputs.get(n), "lot_id"));
      }
    }
  }

  // ------------------------------------------------------------------ snapshots

  private long closedSnapshots() {
    Map<String, Snapshot> latest = new TreeMap<>();
    for (ConsumerRecord<String, Snapshot> r :
        ItSupport.readCommitted(
            stack, TopicDefaults.SNAPSHOTS, ItSupport.avro(stack, Snapshot.class))) {
      if (r.value() == null) {
        latest.remove(r.key());
      } else {
        latest.put(r.key(), r.value());
      }
    }
    Map<String, Figures> expected = new TreeMap<>();
    for (Figures f : model.closedSnapshots()) {
      expected.put(f.key(), f);
    }
    for (String key : latest.keySet()) {
      if (!expected.containsKey(key)) {
        mismatch("snapshot " + key + ": not expected (" + latest.get(key) + ")");
      }
    }
    for (Figures f : expected.values()) {
      Snapshot s = latest.get(f.key());
      if (s == null) {
        mismatch("snapshot " + f.key() + ": missing");
        continue;
      }
      figures(
          "snapshot " + f.key(),
          f,
          s.getUnit(),
          s.getOpening(),
          s.getReceipts(),
          s.getSales(),
          s.getWaste(),
          s.getTransfersIn(),
          s.getTransfersOut(),
          s.getAdjustments(),
          s.getProcessed(),
          s.getProduced(),
          s.getCorrections(),
          s.getExpectedClosing(),
          s.getCounted(),
          s.getExpectedAtCount(),
          s.getCountVariance(),
          s.getVariancePct(),
          s.getClosing(),
          s.getWastePct(),
          s.getStatus());
    }
    return expected.size();
  }

  private long openSnapshots() throws Exception {
    long n = 0;
    for (Figures f : model.openSnapshots()) {
      n++;
      JsonNode j =
          get("/api/v1/snapshots/" + seg(f.site()) + "/" + seg(f.product()) + "/" + f.period());
      if (j == null) {
        mismatch("open month " + f.key() + ": missing");
        continue;
      }
      figures(
          "open month " + f.key(),
          f,
          text(j, "unit"),
          text(j, "opening"),
          text(j, "receipts"),
          text(j, "sales"),
          text(j, "waste"),
          text(j, "transfers_in"),
          text(j, "transfers_out"),
          text(j, "adjustments"),
          text(j, "processed"),
          text(j, "produced"),
          text(j, "corrections"),
          text(j, "expected_closing"),
          text(j, "counted"),
          text(j, "expected_at_count"),
          text(j, "count_variance"),
          text(j, "variance_pct"),
          text(j, "closing"),
          text(j, "waste_pct"),
          text(j, "status"));
    }
    return n;
  }

  private void figures(
      String what,
      Figures f,
      String unit,
      String opening,
      String receipts,
      String sales,
      String waste,
      String transfersIn,
      String transfersOut,
      String adjustments,
      String processed,
      String produced,
      String corrections,
      String expectedClosing,
      String counted,
      String expectedAtCount,
      String countVariance,
      String variancePct,
      String closing,
      String wastePct,
      String status) {
    MassUnit u = f.unit();
    same(what + " unit", u.symbol, unit);
    number(what + " opening", u.present(f.opening()), opening);
    number(what + " receipts", u.present(f.receipts()), receipts);
    number(what + " sales", u.present(f.sales()), sales);
    number(what + " waste", u.present(f.waste()), waste);
    number(what + " transfers_in", u.present(f.transfersIn()), transfersIn);
    number(what + " transfers_out", u.present(f.transfersOut()), transfersOut);
    number(what + " adjustments", u.present(f.adjustments()), adjustments);
    number(what + " processed", u.present(f.processed()), processed);
    number(what + " produced", u.present(f.produced()), produced);
    number(what + " corrections", u.present(f.corrections()), corrections);
    number(what + " expected_closing", u.present(f.expectedClosing()), expectedClosing);
    number(what + " counted", f.counted() == null ? null : u.present(f.counted()), counted);
    number(
        what + " expected_at_count",
        f.expectedAtCount() == null ? null : u.present(f.expectedAtCount()),
        expectedAtCount);
    number(what + " count_variance", u.present(f.countVariance()), countVariance);
    number(what + " variance_pct", f.variancePct(), variancePct);
    number(what + " closing", u.present(f.closing()), closing);
    number(what + " waste_pct", f.wastePct(), wastePct);
    same(what + " status", f.status(), status);
  }

  private long consolidated() {
    Map<String, ConsolidatedSnapshot> latest = new TreeMap<>();
    for (ConsumerRecord<String, ConsolidatedSnapshot> r :
        ItSupport.readCommitted(
            stack,
            TopicDefaults.SNAPSHOTS_CONSOLIDATED,
            ItSupport.avro(stack, ConsolidatedSnapshot.class))) {
      if (r.value() == null) {
        latest.remove(r.key());
      } else {
        latest.put(r.key(), r.value());
      }
    }
    long n = 0;
    Set<String> expectedKeys = new HashSet<>();
    for (ContractModel.Consolidated c : model.consolidated()) {
      n++;
      String key = c.product() + "|" + c.period();
      expectedKeys.add(key);
      ConsolidatedSnapshot s = latest.get(key);
      String what = "consolidated " + key;
      if (s == null) {
        mismatch(what + ": missing");
        continue;
      }
      MassUnit u = c.unit();
      same(what + " unit", u.symbol, s.getUnit());
      same(what + " sites", c.sites(), s.getSites());
      number(what + " opening", u.present(c.opening()), s.getOpening());
      number(what + " receipts", u.present(c.receipts()), s.getReceipts());
      number(what + " sales", u.present(c.sales()), s.getSales());
      number(what + " waste", u.present(c.waste()), s.getWaste());
      number(what + " transfers_in", u.present(c.transfersIn()), s.getTransfersIn());
      number(what + " transfers_out", u.present(c.transfersOut()), s.getTransfersOut());
      number(what + " adjustments", u.present(c.adjustments()), s.getAdjustments());
      number(what + " processed", u.present(c.processed()), s.getProcessed());
      number(what + " produced", u.present(c.produced()), s.getProduced());
      number(what + " corrections", u.present(c.corrections()), s.getCorrections());
      number(what + " expected_closing", u.present(c.expectedClosing()), s.getExpectedClosing());
      number(what + " count_variance", u.present(c.countVariance()), s.getCountVariance());
      number(what + " closing", u.present(c.closing()), s.getClosing());
    }
    for (String key : latest.keySet()) {
      if (!expectedKeys.contains(key)) {
        mismatch("consolidated " + key + ": not expected");
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ alerts and rejections

  /** Returns {compared, LATE_MOVEMENT}. */
  private long[] alerts() {
    List<Alert> alerts =
        ItSupport.readCommitted(stack, TopicDefaults.ALERTS, ItSupport.avro(stack, Alert.class))
            .stream()
            .map(ConsumerRecord::value)
            .toList();
    Map<String, Integer> byId = new HashMap<>();
    for (Alert a : alerts) {
      byId.merge(a.getAlertId(), 1, Integer::sum);
    }
    byId.forEach(
        (id, count) -> {
          if (count > 1) {
            mismatch("alert_id " + id + " appears " + count + " times");
          }
        });
    Set<String> arrivalKeys = new HashSet<>();
    Map<String, Ledger> processingKeys = new HashMap<>();
    for (Ledger l : model.ledgers()) {
      if (l.periods.values().stream().anyMatch(p -> p.transfersIn.signum() > 0)) {
        arrivalKeys.add(l.key());
      }
      if (!l.processMovements.isEmpty()) {
        processingKeys.put(l.key(), l);
      }
    }
    Map<AlertKey, Expected> expected = model.expectedAlerts();
    Map<AlertKey, Alert> seen = new LinkedHashMap<>();
    long late = 0;
    Set<String> lateRerouted = new HashSet<>();
    Set<String> lateProcessing = new HashSet<>();
    for (Alert a : alerts) {
      if (a.getType().equals("LATE_MOVEMENT")) {
        late++;
        String key = a.getSiteId() + "|" + a.getProductId();
        Ledger processing = processingKeys.get(key);
        if (processing != null) {
          // A transformation's movements reach their ledger through the engine's own topic, a
          // little after the transformation (an output once every input is drawn): the ledger's
          // partition may have closed the month meanwhile. Allowed once per such movement applied
          // there; the restated month must still equal the model's.
          if (!processing.processMovements.contains(a.getMovementId())) {
            mismatch("LATE_MOVEMENT of a movement no transformation made at " + key + ": " + a);
          } else if (!lateProcessing.add(key + "|" + a.getMovementId())) {
            mismatch("LATE_MOVEMENT twice for movement " + a.getMovementId() + " of " + key);
          }
          // "LATE_MOVEMENT's details name the signed period and the period that took the
          // correction"
          YearMonth[] correction = processing.corrections.get(a.getMovementId());
          Map<String, String> details = a.getDetails() == null ? Map.of() : a.getDetails();
          if (correction != null) {
            same(
                "LATE_MOVEMENT " + a.getMovementId() + " of " + key + " signed_period",
                correction[0].toString(),
                details.get("signed_period"));
            same(
                "LATE_MOVEMENT " + a.getMovementId() + " of " + key + " corrected_in",
                correction[1].toString(),
                details.get("corrected_in"));
          } else if (details.containsKey("signed_period") || details.containsKey("corrected_in")) {
            mismatch(
                "LATE_MOVEMENT of a movement booked in its own month names a correction: " + a);
          }
          continue;
        }
        if (key.equals(ReliabilityWorkload.MISKEYED)) {
          // Every record of this ledger comes through the re-route (repartition topic), in the
          // order sent, but the contract promises no order between that path and the direct one:
          // the ledger's partition may have processed later movements of other ledgers meanwhile
          // and closed the month (with several engine processes the re-route's source task and
          // the ledger's task run at their own pace). Allowed once per movement the model applied
          // to this ledger; the restated month must still equal the model's.
          Ledger ledger =
              model.ledgers().stream().filter(l -> l.key().equals(key)).findFirst().orElse(null);
          if (ledger == null || !ledger.seen.containsKey(a.getMovementId())) {
            mismatch("LATE_MOVEMENT of a movement not applied to " + key + ": " + a);
          } else if (!lateRerouted.add(a.getMovementId())) {
            mismatch("LATE_MOVEMENT twice for movement " + a.getMovementId() + " of " + key);
          }
          continue;
        }
        if (!arrivalKeys.contains(key)) {
          mismatch("LATE_MOVEMENT where none may come: " + a);
        }
        continue;
      }
      AlertKey k =
          new AlertKey(
              a.getType(),
              a.getSiteId(),
              a.getProductId(),
              a.getMovementId(),
              a.getLotId(),
              a.getPeriod());
      if (seen.put(k, a) != null) {
        mismatch("two alerts about " + k);
        continue;
      }
      Expected e = expected.get(k);
      if (e == null) {
        mismatch("alert not expected: " + k + " " + a.getQuantity() + " " + a.getMessage());
        continue;
      }
      same("alert " + k + " unit", e.unit(), a.getUnit());
      if (!e.quantity().isEmpty()) {
        number("alert " + k + " quantity", new BigDecimal(e.quantity()), a.getQuantity());
      }
    }
    for (AlertKey k : expected.keySet()) {
      if (!seen.containsKey(k)) {
        mismatch("alert missing: " + k + " " + expected.get(k));
      }
    }
    // a movement dated in a signed month lands in a closed month: its LATE_MOVEMENT must come
    for (Ledger l : processingKeys.values()) {
      for (String movement : l.corrections.keySet()) {
        if (!lateProcessing.contains(l.key() + "|" + movement)) {
          mismatch("LATE_MOVEMENT missing for the correction " + movement + " of " + l.key());
        }
      }
    }
    for (Ledger l : model.ledgers()) {
      if (!processingKeys.containsKey(l.key()) && !l.corrections.isEmpty()) {
        mismatch("the model booked corrections outside the processing ledgers: " + l.key());
      }
    }
    return new long[] {seen.size(), late};
  }

  private long rejected() {
    List<RejectedRecord> rejected =
        ItSupport.readCommitted(
                stack, TopicDefaults.REJECTED, ItSupport.avro(stack, RejectedRecord.class))
            .stream()
            .map(ConsumerRecord::value)
            .toList();
    Set<String> offsets = new HashSet<>();
    Map<String, List<String>> actual = new TreeMap<>();
    for (RejectedRecord r : rejected) {
      String at = r.getSourceTopic() + "/" + r.getSourcePartition() + "@" + r.getSourceOffset();
      if (!offsets.add(at)) {
        mismatch("record " + at + " rejected twice");
      }
      if (r.getReason() == null || r.getReason().isBlank()) {
        mismatch("rejected without a reason: " + at);
      }
      // a sign-off names no movement: the model keeps it by its site|product
      String id =
          TopicDefaults.SIGNOFFS.equals(r.getSourceTopic())
              ? ContractModel.signOffKey(r.getSiteId(), r.getProductId())
              : String.valueOf(r.getMovementId());
      actual.computeIfAbsent(id, k -> new ArrayList<>()).add(r.getReason());
    }
    Map<String, List<String>> expected = model.rejected();
    Set<String> ids = new TreeSet<>(expected.keySet());
    ids.addAll(actual.keySet());
    for (String id : ids) {
      List<String> e = expected.getOrDefault(id, List.of());
      List<String> a = actual.getOrDefault(id, List.of());
      if (e.size() != a.size()) {
        mismatch("rejections of " + id + ": expected " + e + ", engine " + a);
        continue;
      }
      for (String reason : List.of("conflicting duplicate", "lot_id already received")) {
        long want = e.stream().filter(x -> x.contains(reason)).count();
        long got = a.stream().filter(x -> x.contains(reason)).count();
        if (want != got) {
          mismatch("rejections of " + id + ": expected " + e + ", engine " + a);
        }
      }
    }
    return rejected.size();
  }

  // ------------------------------------------------------------------ sign-offs

  /**
   * Every signed month on {@code mass-balance-signoffs} (read_committed, latest per key) equals the
   * model's, no other: who signed, when and the note; the revision and SHA-256 it names are those
   * of the latest snapshot of that month on {@code mass-balance-snapshots} (its value bytes
   * hashed), so the signed snapshot never changed after; the figures of that snapshot are compared
   * with the model's (which froze them at the sign-off) by {@link #closedSnapshots}.
   */
  private long signedMonths() throws Exception {
    Map<String, PeriodSignOff> latest = new TreeMap<>();
    for (ConsumerRecord<String, PeriodSignOff> r :
        ItSupport.readCommitted(
            stack, TopicDefaults.SIGNED, ItSupport.avro(stack, PeriodSignOff.class))) {
      if (r.value() == null) {
        latest.remove(r.key());
      } else {
        latest.put(r.key(), r.value());
      }
    }
    Map<String, byte[]> snapshotBytes = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r :
        ItSupport.readCommitted(stack, TopicDefaults.SNAPSHOTS, new ByteArrayDeserializer())) {
      snapshotBytes.put(r.key(), r.value());
    }
    Map<String, Snapshot> snapshots = new HashMap<>();
    for (ConsumerRecord<String, Snapshot> r :
        ItSupport.readCommitted(
            stack, TopicDefaults.SNAPSHOTS, ItSupport.avro(stack, Snapshot.class))) {
      snapshots.put(r.key(), r.value());
    }
    Set<String> expectedKeys = new HashSet<>();
    List<ContractModel.SignedMonth> signed = model.signedMonths();
    for (ContractModel.SignedMonth m : signed) {
      String key = m.key();
      expectedKeys.add(key);
      PeriodSignOff s = latest.get(key);
      String what = "signed month " + key;
      if (s == null) {
        mismatch(what + ": missing");
        continue;
      }
      same(what + " signed_by", m.signedBy(), s.getSignedBy());
      same(what + " signed_at", Instant.parse(m.signedAt()), Instant.parse(s.getSignedAt()));
      same(what + " note", m.note(), s.getNote());
      byte[] bytes = snapshotBytes.get(key);
      Snapshot snapshot = snapshots.get(key);
      if (bytes == null || snapshot == null) {
        mismatch(what + ": no snapshot on " + TopicDefaults.SNAPSHOTS);
        continue;
      }
      same(what + " revision (the latest snapshot's)", snapshot.getRevision(), s.getRevision());
      same(
          what + " snapshot_sha256 (of the latest snapshot's bytes)",
          java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)),
          s.getSnapshotSha256().toLowerCase(Locale.ROOT));
    }
    for (String key : latest.keySet()) {
      if (!expectedKeys.contains(key)) {
        mismatch("signed month " + key + ": not expected (" + latest.get(key) + ")");
      }
    }
    return signed.size();
  }
}
