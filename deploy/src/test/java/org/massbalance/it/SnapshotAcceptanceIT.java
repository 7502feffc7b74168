package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Snapshot;
import org.massbalance.cli.MassBalanceCli;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalStack;
import org.massbalance.producers.ingest.Dataset;
import org.massbalance.producers.ingest.IngestSummary;
import org.massbalance.producers.ingest.Ingester;
import org.massbalance.topics.TopicDefaults;

/**
 * Acceptance of the monthly snapshots on the local stack: three sites in three time zones, two
 * products (lb and kg), three months of every movement type in mixed units, transfers (one crossing
 * a month boundary between zones), COUNTs within and beyond tolerance, a DST gap and a DST-week
 * instant that belongs to the next month in Amsterdam. The periods are closed by the idle close;
 * every field of every snapshot and consolidated snapshot is checked against figures worked out by
 * hand below from the contract's Arithmetic section (not from engine code); then the export command
 * prints March as CSV and JSON.
 *
 * <p>The grace period is 90 days so that no period closes on stream time during ingestion (stream
 * time never passes 2026-03-31 + 90 days): every close is the idle close on the wall clock, after
 * every movement and transfer arrival has been processed. So every site snapshot is at revision 1
 * and every consolidated snapshot at revision = its number of sites (one update per site snapshot).
 *
 * <p>The engine's wall clock is pinned ({@link #WALL_CLOCK}), so which months the idle close closes
 * is a fact of this test, not of the day it runs: with the system clock, for nine hours after each
 * month end + 90 days, Amsterdam's month had closed and Fresno's had not, and the test failed by
 * the hour. A second test sets the clock inside such a window on purpose and checks the partial
 * consolidation, then moves the clock on.
 */
class SnapshotAcceptanceIT {

  private static final String APP_ID = "massbalance-acceptance-it";
  private static final Duration GRACE = Duration.ofDays(90);
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  /**
   * The engine's wall clock: now - 90 days = 2026-06-17T12:00Z, so January to May are closed in
   * every zone and June in none (its earliest end, Amsterdam's, is 2026-06-30T22:00Z).
   */
  private static final Instant WALL_CLOCK = Instant.parse("2026-09-15T12:00:00Z");

  /**
   * Inside the window where Amsterdam's and Tilbury's May have closed and Fresno's has not: now -
   * 90 days = 2026-06-01T03:30Z, after May's end in Amsterdam (2026-05-31T22:00Z) and Tilbury (UTC,
   * 2026-06-01T00:00Z), before Fresno's (America/Los_Angeles, 2026-06-01T07:00Z).
   */
  private static final Instant BETWEEN_MAY_ENDS = Instant.parse("2026-08-30T03:30:00Z");

  /** The contract's snapshot fields, in contract order (the export's and the sheet's columns). */
  static final List<String> SNAPSHOT_FIELDS =
      List.of(
          "site_id",
          "product_id",
          "period",
          "revision",
          "unit",
          "opening",
          "receipts",
          "sales",
          "waste",
          "transfers_in",
          "transfers_out",
          "adjustments",
          "expected_closing",
          "counted",
          "count_variance",
          "variance_pct",
          "closing",
          "waste_pct",
          "status");

  /** Every (site, product) of the data set. */
  private static final List<String> KEYS =
      List.of("FRESNO|ALMONDS", "AMS|ALMONDS", "AMS|COCOA", "TILBURY|COCOA");

  // ---- the independent model: exact unit conversions from the contract ------------------------

  /** kg per lb, exact (contract: 1 lb = 0.45359237 kg). */
  private static final BigDecimal KG_PER_LB = new BigDecimal("0.45359237");

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  static BigDecimal kg(String q) {
    return new BigDecimal(q);
  }

  static BigDecimal lb(String q) {
    return new BigDecimal(q).multiply(KG_PER_LB);
  }

  /** 1 oz = 1/16 lb (a terminating division: 16 = 2^4). */
  static BigDecimal oz(String q) {
    return lb(q).divide(BigDecimal.valueOf(16));
  }

  static BigDecimal g(String q) {
    return new BigDecimal(q).movePointLeft(3);
  }

  static BigDecimal t(String q) {
    return new BigDecimal(q).movePointRight(3);
  }

  static final BigDecimal ZERO = BigDecimal.ZERO;

  /** Presentation: exact kg in the unit, rounded half-even to 6 places, no trailing zeros. */
  static String show(BigDecimal kg, String unit) {
    if (kg == null) {
      return null;
    }
    BigDecimal inUnit =
        unit.equals("lb")
            ? kg.divide(KG_PER_LB, 6, RoundingMode.HALF_EVEN)
            : kg.setScale(6, RoundingMode.HALF_EVEN);
    return inUnit.signum() == 0 ? "0" : inUnit.stripTrailingZeros().toPlainString();
  }

  /** 100 * a / |b|, exact quotient rounded half-even to 6 places; null when b is 0. */
  private static String pct(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) {
      return null;
    }
    BigDecimal p = a.multiply(HUNDRED).divide(b.abs(), 6, RoundingMode.HALF_EVEN);
    return p.signum() == 0 ? "0" : p.stripTrailingZeros().toPlainString();
  }

  /** One expected site snapshot, every quantity exact in kg. */
  record Expected(
      String site,
      String product,
      String period,
      String unit,
      BigDecimal tolerancePct,
      BigDecimal opening,
      BigDecimal receipts,
      BigDecimal sales,
      BigDecimal waste,
      BigDecimal transfersIn,
      BigDecimal transfersOut,
      BigDecimal adjustments,
      BigDecimal positiveAdjustments,
      BigDecimal counted,
      BigDecimal expectedAtCount,
      BigDecimal netAfterCount) {

    BigDecimal expectedClosing() {
      // expected_closing = opening + receipts + transfers_in - sales - waste - transfers_out + adj
      return opening
          .add(receipts)
          .add(transfersIn)
          .subtract(sales)
          .subtract(waste)
          .subtract(transfersOut)
          .add(adjustments);
    }

    BigDecimal countVariance() {
      return counted == null ? ZERO : counted.subtract(expectedAtCount);
    }

    BigDecimal closing() {
      return counted == null ? expectedClosing() : counted.add(netAfterCount);
    }

    String status() {
      if (counted == null) {
        return "NOT_COUNTED";
      }
      // WITHIN_TOLERANCE when 100 * |count_variance| <= tolerance * |expected_at_count|
      return countVariance()
                  .abs()
                  .multiply(HUNDRED)
                  .compareTo(tolerancePct.multiply(expectedAtCount.abs()))
              <= 0
          ? "WITHIN_TOLERANCE"
          : "INVESTIGATE";
    }

    BigDecimal wasteBase() {
      return opening.max(ZERO).add(receipts).add(transfersIn).add(positiveAdjustments);
    }

    Map<String, Object> fields() {
      return fields(1);
    }

    Map<String, Object> fields(int revision) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("site_id", site);
      m.put("product_id", product);
      m.put("period", period);
      m.put("revision", revision);
      m.put("unit", unit);
      m.put("opening", show(opening, unit));
      m.put("receipts", show(receipts, unit));
      m.put("sales", show(sales, unit));
      m.put("waste", show(waste, unit));
      m.put("transfers_in", show(transfersIn, unit));
      m.put("transfers_out", show(transfersOut, unit));
      m.put("adjustments", show(adjustments, unit));
      m.put("expected_closing", show(expectedClosing(), unit));
      m.put("counted", show(counted, unit));
      m.put("count_variance", show(countVariance(), unit));
      m.put("variance_pct", counted == null ? null : pct(countVariance(), expectedAtCount));
      m.put("closing", show(closing(), unit));
      m.put("waste_pct", pct(waste, wasteBase()));
      m.put("status", status());
      m.put("expected_at_count", show(expectedAtCount, unit));
      return m;
    }

    /** A month with no movement and a nonzero opening: everything carried forward. */
    Expected carriedTo(String nextPeriod) {
      return new Expected(
          site,
          product,
          nextPeriod,
          unit,
          tolerancePct,
          closing(),
          ZERO,
          ZERO,
          ZERO,
          ZERO,
          ZERO,
          ZERO,
          ZERO,
          null,
          null,
          null);
    }
  }

  static Expected uncounted(
      String site,
      String product,
      String period,
      String unit,
      String tolerance,
      BigDecimal opening,
      BigDecimal receipts,
      BigDecimal sales,
      BigDecimal waste,
      BigDecimal transfersIn,
      BigDecimal transfersOut,
      BigDecimal adjustments,
      BigDecimal positiveAdjustments) {
    return new Expected(
        site,
        product,
        period,
        unit,
        new BigDecimal(tolerance),
        opening,
        receipts,
        sales,
        waste,
        transfersIn,
        transfersOut,
        adjustments,
        positiveAdjustments,
        null,
        null,
        null);
  }

  /**
   * Every site snapshot of January to April 2026, by hand from movements.csv. Comments give the
   * presented values (lb for ALMONDS, kg for COCOA).
   */
  static List<Expected> expectedSiteSnapshots() {
    return expectedSiteSnapshots(ZERO);
  }

  /**
   * As above, with a late RECEIPT of {@code lateFebReceipt} kg at FRESNO|ALMONDS on 2026-02-22
   * (after February's COUNT): February's receipts and closing grow by it, and the openings and
   * closings of every later month.
   */
  static List<Expected> expectedSiteSnapshots(BigDecimal lateFebReceipt) {
    List<Expected> e = new ArrayList<>();

    // ---- FRESNO|ALMONDS, America/Los_Angeles, lb, tolerance 5 % ----
    // January: f-01 RECEIPT 1000 lb; f-02 SALE 200 kg (440.924524 lb); f-03 WASTE 160 oz (10 lb);
    // f-04 TRANSFER 100 lb to AMS at 2026-01-31T20:00 PST = 2026-02-01T04:00Z: January at FRESNO.
    // expected_closing = 1000 - 440.924524.. - 10 - 100 = 449.075476 lb (203.6972093 kg exactly);
    // waste_pct = 100 * 10 / 1000 = 1.
    Expected fresnoJan =
        uncounted(
            "FRESNO",
            "ALMONDS",
            "2026-01",
            "lb",
            "5.0",
            ZERO,
            lb("1000"),
            kg("200"),
            oz("160"),
            ZERO,
            lb("100"),
            ZERO,
            ZERO);
    assertThat(fresnoJan.expectedClosing()).isEqualByComparingTo("203.6972093");
    e.add(fresnoJan);

    // February: f-05 RECEIPT 0.5 t; f-06 ADJUSTMENT -5 lb; f-07 RECEIPT 10 lb at 2026-02-20T18:00;
    // f-08 COUNT 1550 lb dated 2026-02-20 (a date alone: the last millisecond of that day, so after
    // f-07); f-09 SALE 100 lb after the count.
    // expected_at_count = 449.075476.. + 1102.311311.. (500 kg) + 10 - 5 = 1556.386787 lb;
    // count_variance = 1550 - 1556.386787 = -6.386787 lb; variance_pct = -0.41036 (within 5 %);
    // closing = 1550 - 100 = 1450 lb; expected_closing = 1456.386787 lb.
    BigDecimal fresnoFebOpening = fresnoJan.closing();
    BigDecimal fresnoFebEac = fresnoFebOpening.add(t("0.5")).add(lb("10")).subtract(lb("5"));
    Expected fresnoFeb =
        new Expected(
            "FRESNO",
            "ALMONDS",
            "2026-02",
            "lb",
            new BigDecimal("5.0"),
            fresnoFebOpening,
            t("0.5").add(lb("10")).add(lateFebReceipt),
            lb("100"),
            ZERO,
            ZERO,
            ZERO,
            lb("-5"),
            ZERO,
            lb("1550"),
            fresnoFebEac,
            lb("-100").add(lateFebReceipt));
    assertThat(show(fresnoFeb.countVariance(), "lb")).isEqualTo("-6.386787");
    assertThat(fresnoFeb.closing()).isEqualByComparingTo(lb("1450").add(lateFebReceipt));
    e.add(fresnoFeb);

    // March: f-10 SALE 200 lb at 2026-03-08T02:30, in the US DST gap (read as 03:30 PDT);
    // f-11 ADJUSTMENT +2 kg; f-12 WASTE 1 kg.
    // expected_closing = 1450 - 200 + 4.409245.. - 2.204623.. = 1252.204623 lb;
    // waste_pct = 100 * 1 kg / (1450 lb + 2 kg) = 0.151582 (positive adjustments are in the base).
    Expected fresnoMar =
        uncounted(
            "FRESNO",
            "ALMONDS",
            "2026-03",
            "lb",
            "5.0",
            fresnoFeb.closing(),
            ZERO,
            lb("200"),
            kg("1"),
            ZERO,
            ZERO,
            kg("2"),
            kg("2"));
    e.add(fresnoMar);
    e.add(fresnoMar.carriedTo("2026-04"));

    // ---- AMS|ALMONDS, Europe/Amsterdam, lb ----
    // No January snapshot: no movement, zero opening.
    // February: the arrival of f-04, 100 lb at 2026-02-01T05:00 CET (February in Amsterdam);
    // a-01 SALE 20 kg; a-02 WASTE 2000 g. expected_closing = 100 - 44.092452.. - 4.409245..
    // = 51.498302 lb (23.359237 kg); waste_pct = 100 * 2 / 45.359237 = 4.409245 (< 5: no alert).
    Expected amsAlmFeb =
        uncounted(
            "AMS", "ALMONDS", "2026-02", "lb", "5.0", ZERO, ZERO, kg("20"), g("2000"), lb("100"),
            ZERO, ZERO, ZERO);
    e.add(amsAlmFeb);

    // March (DST week: clocks go forward on 2026-03-29 at 02:00 CET): a-04 COUNT 40 lb at 03:15
    // CEST (01:15Z); a-03 RECEIPT 50 kg at 02:30, in the gap, read as 03:30 CEST (01:30Z): after
    // the count. expected_at_count = opening = 51.498302 lb; count_variance = 40 - 51.498302 =
    // -11.498302 lb; variance_pct = -22.327537: INVESTIGATE; closing = 40 lb + 50 kg = 150.231131
    // lb; expected_closing = 51.498302 + 110.231131 = 161.729433 lb.
    // a-05 SALE at 2026-03-31T22:30Z is 2026-04-01T00:30 CEST: April in Amsterdam, not March.
    Expected amsAlmMar =
        new Expected(
            "AMS",
            "ALMONDS",
            "2026-03",
            "lb",
            new BigDecimal("5.0"),
            amsAlmFeb.closing(),
            kg("50"),
            ZERO,
            ZERO,
            ZERO,
            ZERO,
            ZERO,
            ZERO,
            lb("40"),
            amsAlmFeb.closing(),
            kg("50"));
    assertThat(amsAlmMar.status()).isEqualTo("INVESTIGATE");
    e.add(amsAlmMar);
    // April: a-05 SALE 10 lb. closing = 150.231131 - 10 = 140.231131 lb.
    e.add(
        uncounted(
            "AMS",
            "ALMONDS",
            "2026-04",
            "lb",
            "5.0",
            amsAlmMar.closing(),
            ZERO,
            lb("10"),
            ZERO,
            ZERO,
            ZERO,
            ZERO,
            ZERO));

    // ---- AMS|COCOA, Europe/Amsterdam, kg, tolerance 2 % ----
    // January: c-01 RECEIPT 2 t; c-02 SALE 1500 lb = 680.388555 kg; c-03 TRANSFER 300 kg to
    // TILBURY on 2026-01-25. expected_closing = 2000 - 680.388555 - 300 = 1019.611445.
    Expected amsCocJan =
        uncounted(
            "AMS",
            "COCOA",
            "2026-01",
            "kg",
            "2.0",
            ZERO,
            t("2"),
            lb("1500"),
            ZERO,
            ZERO,
            kg("300"),
            ZERO,
            ZERO);
    e.add(amsCocJan);
    // February: c-04 ADJUSTMENT +12.5; c-05 COUNT 1030 at 2026-02-27T18:00; c-06 SALE 30 dated
    // 2026-02-28 (start of the day: after the count). expected_at_count = 1019.611445 + 12.5 =
    // 1032.111445; count_variance = -2.111445; variance_pct = -0.204575: WITHIN_TOLERANCE (2 %);
    // expected_closing = 1002.111445; closing = 1030 - 30 = 1000.
    Expected amsCocFeb =
        new Expected(
            "AMS",
            "COCOA",
            "2026-02",
            "kg",
            new BigDecimal("2.0"),
            amsCocJan.closing(),
            ZERO,
            kg("30"),
            ZERO,
            ZERO,
            ZERO,
            kg("12.5"),
            kg("12.5"),
            kg("1030"),
            amsCocJan.closing().add(kg("12.5")),
            kg("-30"));
    assertThat(amsCocFeb.status()).isEqualTo("WITHIN_TOLERANCE");
    e.add(amsCocFeb);
    // March: c-07 WASTE 80 (2026-03-30, CEST); c-08 TRANSFER 100 to TILBURY at 2026-03-31T23:30
    // CEST = 21:30Z (March at both). closing = 1000 - 80 - 100 = 820; waste_pct = 8.
    Expected amsCocMar =
        uncounted(
            "AMS",
            "COCOA",
            "2026-03",
            "kg",
            "2.0",
            amsCocFeb.closing(),
            ZERO,
            ZERO,
            kg("80"),
            ZERO,
            kg("100"),
            ZERO,
            ZERO);
    e.add(amsCocMar);
    e.add(amsCocMar.carriedTo("2026-04"));

    // ---- TILBURY|COCOA, UTC, kg ----
    // January: t-01 RECEIPT 500000 g; arrival of c-03, 300; t-02 SALE 16000 oz = 453.59237 kg.
    // closing = 500 + 300 - 453.59237 = 346.40763.
    Expected tilJan =
        uncounted(
            "TILBURY",
            "COCOA",
            "2026-01",
            "kg",
            "2.0",
            ZERO,
            g("500000"),
            oz("16000"),
            ZERO,
            kg("300"),
            ZERO,
            ZERO,
            ZERO);
    e.add(tilJan);
    // February: t-03 ADJUSTMENT -3.25; t-04 WASTE 5. closing = 338.15763;
    // waste_pct = 100 * 5 / 346.40763 = 1.443386 (negative adjustments are not in the base).
    Expected tilFeb =
        uncounted(
            "TILBURY",
            "COCOA",
            "2026-02",
            "kg",
            "2.0",
            tilJan.closing(),
            ZERO,
            ZERO,
            kg("5"),
            ZERO,
            ZERO,
            kg("-3.25"),
            ZERO);
    e.add(tilFeb);
    // March: t-05 COUNT 300 dated 2026-03-15 (end of day); arrival of c-08, 100 at 21:30Z on
    // 03-31; t-06 SALE 50 at 23:00Z. expected_at_count = 338.15763; count_variance = -38.15763;
    // variance_pct = -11.283977: INVESTIGATE; closing = 300 + 100 - 50 = 350; expected_closing =
    // 388.15763.
    Expected tilMar =
        new Expected(
            "TILBURY",
            "COCOA",
            "2026-03",
            "kg",
            new BigDecimal("2.0"),
            tilFeb.closing(),
            ZERO,
            kg("50"),
            ZERO,
            kg("100"),
            ZERO,
            ZERO,
            ZERO,
            kg("300"),
            tilFeb.closing(),
            kg("50"));
    e.add(tilMar);
    e.add(tilMar.carriedTo("2026-04"));
    return e;
  }

  /** Consolidated figures by hand: the sums of the site snapshots with the period label. */
  static Map<String, Object> consolidated(List<Expected> sites) {
    return consolidated(sites, sites.size());
  }

  static Map<String, Object> consolidated(List<Expected> sites, int revision) {
    Expected first = sites.get(0);
    Function<Function<Expected, BigDecimal>, String> sum =
        f -> show(sites.stream().map(f).reduce(ZERO, BigDecimal::add), first.unit());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("product_id", first.product());
    m.put("period", first.period());
    m.put("revision", revision);
    m.put("unit", first.unit());
    m.put("sites", sites.size());
    m.put("opening", sum.apply(Expected::opening));
    m.put("receipts", sum.apply(Expected::receipts));
    m.put("sales", sum.apply(Expected::sales));
    m.put("waste", sum.apply(Expected::waste));
    m.put("transfers_in", sum.apply(Expected::transfersIn));
    m.put("transfers_out", sum.apply(Expected::transfersOut));
    m.put("adjustments", sum.apply(Expected::adjustments));
    m.put("expected_closing", sum.apply(Expected::expectedClosing));
    m.put("count_variance", sum.apply(Expected::countVariance));
    m.put("closing", sum.apply(Expected::closing));
    return m;
  }

  // ---- the test --------------------------------------------------------------------------------

  @TempDir Path tmp;

  @Test
  void everySnapshotFieldMatchesTheHandWorkedFiguresAndTheExportPrintsThem() throws Exception {
    List<Expected> expected = expectedSiteSnapshots();
    Map<String, Expected> expectedByKey =
        expected.stream()
            .collect(
                Collectors.toMap(
                    x -> x.site() + "|" + x.product() + "|" + x.period(), Function.identity()));

    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"))) {
      Ingester ingester = ItSupport.ingester(stack);
      // Reference data first, before the engine starts: its global stores restore to the end of
      // the reference topics before any movement is processed.
      assertThat(ingest(ingester, Dataset.SITES, "sites.csv")).isEqualTo(3);
      assertThat(ingest(ingester, Dataset.PRODUCTS, "products.csv")).isEqualTo(2);

      Properties settings = ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID);
      settings.put("period.grace.ms", Long.toString(GRACE.toMillis()));
      settings.put("period.idle.close.ms", "2000");
      settings.put("period.close.check.ms", "500");
      try (EngineRunner engine =
          EngineRunner.start(settings, SettableClock.startingAt(WALL_CLOCK))) {
        long movements = ingest(ingester, Dataset.MOVEMENTS, "movements.csv");
        assertThat(movements).isEqualTo(31);
        // 31 movements + 3 transfer arrivals.
        ItSupport.awaitApplied(engine, movements + 3);
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);

        // Wait for the idle close of January to May (and the consolidation of every site).
        Set<String> mayKeys =
            KEYS.stream().map(k -> k + "|2026-05").collect(Collectors.toCollection(TreeSet::new));
        Set<String> closedKeys = new TreeSet<>(expectedByKey.keySet());
        closedKeys.addAll(mayKeys);
        await("idle close publishes every expected snapshot")
            .atMost(DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  return latestSnapshots(stack).keySet().containsAll(closedKeys)
                      && consolidatedComplete(latestConsolidated(stack), expected)
                      && sitesOf(latestConsolidated(stack), "2026-05") == 4;
                });
        // The engine's queries and outputs are committed; read once more after the last close.
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
        Map<String, Snapshot> snapshots = latestSnapshots(stack);
        Map<String, ConsolidatedSnapshot> consolidated = latestConsolidated(stack);

        // Every field of every site snapshot of January to April.
        for (Expected x : expected) {
          String key = x.site() + "|" + x.product() + "|" + x.period();
          assertThat(fieldsOf(snapshots.get(key))).as(key).isEqualTo(x.fields());
        }
        // No snapshot for AMS|ALMONDS in January (no movement, zero opening) nor for a
        // site|product that never had a movement.
        assertThat(snapshots).doesNotContainKeys("AMS|ALMONDS|2026-01", "FRESNO|COCOA|2026-01");
        assertThat(snapshots.keySet())
            .allMatch(
                k ->
                    List.of("FRESNO|ALMONDS", "AMS|ALMONDS", "AMS|COCOA", "TILBURY|COCOA")
                        .contains(k.substring(0, k.lastIndexOf('|'))));

        // After April nothing moves: May, closed in every zone by the pinned wall clock, carries
        // April's closing forward; June is closed in none. Exactly these snapshots exist.
        assertThat(new TreeSet<>(snapshots.keySet())).isEqualTo(closedKeys);
        Map<String, Expected> aprilByKey = new HashMap<>();
        for (Expected x : expected) {
          if (x.period().equals("2026-04")) {
            aprilByKey.put(x.site() + "|" + x.product(), x);
          }
        }
        for (Snapshot s : snapshots.values()) {
          YearMonth p = YearMonth.parse(s.getPeriod());
          if (p.isAfter(YearMonth.of(2026, 4))) {
            Expected april = aprilByKey.get(s.getSiteId() + "|" + s.getProductId());
            assertThat(fieldsOf(s))
                .as(s.getSiteId() + "|" + s.getProductId() + "|" + p)
                .isEqualTo(april.carriedTo(p.toString()).fields());
          }
        }

        // Consolidated snapshots, January to April, every field.
        for (String product : List.of("ALMONDS", "COCOA")) {
          for (String period : List.of("2026-01", "2026-02", "2026-03", "2026-04")) {
            List<Expected> ofPeriod = sitesOf(expected, product, period);
            String key = product + "|" + period;
            assertThat(fieldsOf(consolidated.get(key))).as(key).isEqualTo(consolidated(ofPeriod));
          }
        }
        // The transfer that crosses a month boundary between zones does not cancel out: January
        // ALMONDS shows 100 lb out and nothing in, February 100 lb in and nothing out. Within one
        // month (COCOA, AMS -> TILBURY) they cancel.
        assertThat(consolidated.get("ALMONDS|2026-01").getSites()).isEqualTo(1);
        assertThat(consolidated.get("ALMONDS|2026-01").getTransfersOut()).isEqualTo("100");
        assertThat(consolidated.get("ALMONDS|2026-01").getTransfersIn()).isEqualTo("0");
        assertThat(consolidated.get("ALMONDS|2026-02").getTransfersIn()).isEqualTo("100");
        assertThat(consolidated.get("ALMONDS|2026-02").getTransfersOut()).isEqualTo("0");
        assertThat(consolidated.get("COCOA|2026-01").getTransfersIn())
            .isEqualTo(consolidated.get("COCOA|2026-01").getTransfersOut())
            .isEqualTo("300");
        assertThat(consolidated.get("COCOA|2026-03").getTransfersIn())
            .isEqualTo(consolidated.get("COCOA|2026-03").getTransfersOut())
            .isEqualTo("100");

        // Good data: nothing rejected.
        assertThat(
                ItSupport.readCommitted(
                    stack, TopicDefaults.REJECTED, ItSupport.avro(stack, RejectedRecord.class)))
            .isEmpty();

        // ---- export of March through the command line ----
        List<Expected> march =
            expected.stream()
                .filter(x -> x.period().equals("2026-03"))
                .sorted(
                    java.util.Comparator.comparing(Expected::site).thenComparing(Expected::product))
                .toList();
        assertThat(march)
            .extracting(x -> x.site() + "|" + x.product())
            .containsExactly("AMS|ALMONDS", "AMS|COCOA", "FRESNO|ALMONDS", "TILBURY|COCOA");

        String csv = export(stack, "2026-03", "csv");
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0))
            .isEqualTo(
                "site_id,product_id,period,revision,unit,opening,receipts,sales,waste,"
                    + "transfers_in,transfers_out,adjustments,expected_closing,counted,"
                    + "count_variance,variance_pct,closing,waste_pct,status");
        List<String> expectedRows = new ArrayList<>();
        for (Expected x : march) {
          expectedRows.add(csvRow(x.fields()));
        }
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(expectedRows);
        // Spelled out once, by hand, for the row an auditor would look at first:
        assertThat(lines.get(1))
            .isEqualTo(
                "AMS,ALMONDS,2026-03,1,lb,51.498302,110.231131,0,0,0,0,0,161.729433,40,"
                    + "-11.498302,-22.327537,150.231131,0,INVESTIGATE");

        String json = export(stack, "2026-03", "json");
        List<Map<String, Object>> objects =
            new ObjectMapper().readValue(json, new TypeReference<List<Map<String, Object>>>() {});
        List<Map<String, Object>> expectedObjects = new ArrayList<>();
        for (Expected x : march) {
          Map<String, Object> f = new LinkedHashMap<>(x.fields());
          f.remove("expected_at_count");
          expectedObjects.add(f);
        }
        assertThat(objects).containsExactlyElementsOf(expectedObjects);
        assertThat(new ArrayList<>(objects.get(0).keySet()))
            .containsExactlyElementsOf(SNAPSHOT_FIELDS);

        // --site filters.
        List<String> tilbury =
            export(stack, "2026-03", "csv", "--site", "TILBURY").lines().toList();
        assertThat(tilbury).hasSize(2);
        assertThat(tilbury.get(1)).isEqualTo(csvRow(march.get(3).fields()));
        assertThat(tilbury.get(1))
            .isEqualTo(
                "TILBURY,COCOA,2026-03,1,kg,338.15763,0,50,0,100,0,0,388.15763,300,-38.15763,"
                    + "-11.283977,350,0,INVESTIGATE");

        // ---- a late movement restates the closed periods down the chain ----
        // f-13 RECEIPT 5 lb at FRESNO on 2026-02-22, after February's COUNT: February's receipts
        // and closing grow by 5 lb (1455 lb), then every later month's opening and closing:
        // revision 2 for FRESNO|ALMONDS from February on, one more consolidated revision of
        // ALMONDS from February on; nothing else changes.
        assertThat(ingest(ingester, Dataset.MOVEMENTS, "late.csv")).isEqualTo(1);
        List<Expected> restated = expectedSiteSnapshots(lb("5"));
        await("the late receipt restates February and every later closed month")
            .atMost(DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  Map<String, Snapshot> now = latestSnapshots(stack);
                  Map<String, ConsolidatedSnapshot> c = latestConsolidated(stack);
                  return now.values().stream()
                          .filter(x -> x.getSiteId().equals("FRESNO"))
                          .filter(x -> x.getPeriod().compareTo("2026-02") >= 0)
                          .allMatch(x -> x.getRevision() == 2)
                      && c.values().stream()
                          .filter(x -> x.getProductId().equals("ALMONDS"))
                          .filter(x -> x.getPeriod().compareTo("2026-02") >= 0)
                          .allMatch(x -> x.getRevision() == 3);
                });
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
        Map<String, Snapshot> after = latestSnapshots(stack);
        Map<String, ConsolidatedSnapshot> consolidatedAfter = latestConsolidated(stack);
        assertThat(after.keySet()).isEqualTo(snapshots.keySet());
        assertThat(show(restated.get(1).closing(), "lb")).isEqualTo("1455");
        for (Expected x : restated) {
          String key = x.site() + "|" + x.product() + "|" + x.period();
          boolean changed = x.site().equals("FRESNO") && !x.period().equals("2026-01");
          assertThat(fieldsOf(after.get(key))).as(key).isEqualTo(x.fields(changed ? 2 : 1));
        }
        Expected fresnoApril =
            restated.stream()
                .filter(x -> x.site().equals("FRESNO") && x.period().equals("2026-04"))
                .findFirst()
                .orElseThrow();
        for (Snapshot s : after.values()) {
          YearMonth p = YearMonth.parse(s.getPeriod());
          if (p.isAfter(YearMonth.of(2026, 4))) {
            boolean fresno = s.getSiteId().equals("FRESNO");
            Expected april =
                fresno ? fresnoApril : aprilByKey.get(s.getSiteId() + "|" + s.getProductId());
            assertThat(fieldsOf(s))
                .as(s.getSiteId() + "|" + s.getProductId() + "|" + p)
                .isEqualTo(april.carriedTo(p.toString()).fields(fresno ? 2 : 1));
          }
        }
        for (String product : List.of("ALMONDS", "COCOA")) {
          for (String period : List.of("2026-01", "2026-02", "2026-03", "2026-04")) {
            List<Expected> ofPeriod = sitesOf(restated, product, period);
            int revision =
                ofPeriod.size() + (product.equals("ALMONDS") && !period.equals("2026-01") ? 1 : 0);
            String key = product + "|" + period;
            assertThat(fieldsOf(consolidatedAfter.get(key)))
                .as(key)
                .isEqualTo(consolidated(ofPeriod, revision));
          }
        }
        // One alert for the late receipt: LATE_MOVEMENT (it lands in a closed period).
        List<Alert> late =
            ItSupport.readCommitted(stack, TopicDefaults.ALERTS, ItSupport.avro(stack, Alert.class))
                .stream()
                .map(ConsumerRecord::value)
                .filter(a -> "f-13".equals(a.getMovementId()))
                .toList();
        assertThat(late).extracting(Alert::getType).containsExactly("LATE_MOVEMENT");
        assertThat(late.get(0).getSiteId()).isEqualTo("FRESNO");
        // The export shows the latest revision.
        List<String> fresnoMarch =
            export(stack, "2026-03", "csv", "--site", "FRESNO").lines().toList();
        assertThat(fresnoMarch)
            .containsExactly(
                lines.get(0),
                "FRESNO,ALMONDS,2026-03,2,lb,1455,0,200,2.204623,0,0,4.409245,1257.204623,,0,,"
                    + "1257.204623,0.151063,NOT_COUNTED");
      }
    }
  }

  @Test
  void shouldConsolidateOnlyTheSitesWhoseMonthHasClosedByTheWallClock() throws Exception {
    // April of each (site, product), carried into May by hand.
    Map<String, Expected> may = new LinkedHashMap<>();
    for (Expected x : expectedSiteSnapshots()) {
      if (x.period().equals("2026-04")) {
        may.put(x.site() + "|" + x.product(), x.carriedTo("2026-05"));
      }
    }
    assertThat(may.keySet()).containsExactlyInAnyOrderElementsOf(KEYS);

    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"))) {
      Ingester ingester = ItSupport.ingester(stack);
      ingest(ingester, Dataset.SITES, "sites.csv");
      ingest(ingester, Dataset.PRODUCTS, "products.csv");
      Properties settings = ItSupport.engineSettings(stack, tmp.resolve("state"), APP_ID);
      settings.put("period.grace.ms", Long.toString(GRACE.toMillis()));
      settings.put("period.idle.close.ms", "2000");
      settings.put("period.close.check.ms", "500");
      SettableClock clock = SettableClock.startingAt(BETWEEN_MAY_ENDS);
      try (EngineRunner engine = EngineRunner.start(settings, clock)) {
        long movements = ingest(ingester, Dataset.MOVEMENTS, "movements.csv");
        ItSupport.awaitApplied(engine, movements + 3);
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);

        // Given the wall clock between Amsterdam's (and Tilbury's) end of May + 90 days and
        // Fresno's: May closes at AMS and TILBURY only.
        await("May closes in Amsterdam and Tilbury")
            .atMost(DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  Map<String, ConsolidatedSnapshot> c = latestConsolidated(stack);
                  return latestSnapshots(stack)
                          .keySet()
                          .containsAll(
                              List.of(
                                  "FRESNO|ALMONDS|2026-04",
                                  "AMS|ALMONDS|2026-05",
                                  "AMS|COCOA|2026-05",
                                  "TILBURY|COCOA|2026-05"))
                      && c.containsKey("ALMONDS|2026-05")
                      && c.containsKey("COCOA|2026-05")
                      && c.get("COCOA|2026-05").getSites() == 2;
                });
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
        Map<String, Snapshot> snapshots = latestSnapshots(stack);
        Map<String, ConsolidatedSnapshot> consolidated = latestConsolidated(stack);
        assertThat(snapshots).doesNotContainKeys("FRESNO|ALMONDS|2026-05");
        assertThat(snapshots.keySet()).noneMatch(k -> k.endsWith("|2026-06"));
        assertThat(fieldsOf(snapshots.get("AMS|ALMONDS|2026-05")))
            .isEqualTo(may.get("AMS|ALMONDS").fields());
        // Then ALMONDS' May consolidates the one site whose May has closed, and COCOA's both.
        assertThat(fieldsOf(consolidated.get("ALMONDS|2026-05")))
            .isEqualTo(consolidated(List.of(may.get("AMS|ALMONDS"))));
        assertThat(fieldsOf(consolidated.get("COCOA|2026-05")))
            .isEqualTo(consolidated(List.of(may.get("AMS|COCOA"), may.get("TILBURY|COCOA"))));

        // When the wall clock passes Fresno's end of May + 90 days, Fresno's May closes and the
        // consolidated ALMONDS May is updated (revision 2) with both sites.
        clock.set(WALL_CLOCK);
        await("May closes in Fresno")
            .atMost(DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  ConsolidatedSnapshot almonds = latestConsolidated(stack).get("ALMONDS|2026-05");
                  return almonds != null && almonds.getSites() == 2;
                });
        ItSupport.awaitCommitted(stack, APP_ID, TopicDefaults.MOVEMENTS);
        assertThat(fieldsOf(latestSnapshots(stack).get("FRESNO|ALMONDS|2026-05")))
            .isEqualTo(may.get("FRESNO|ALMONDS").fields());
        assertThat(fieldsOf(latestConsolidated(stack).get("ALMONDS|2026-05")))
            .isEqualTo(consolidated(List.of(may.get("AMS|ALMONDS"), may.get("FRESNO|ALMONDS"))));
        assertThat(latestSnapshots(stack).keySet()).noneMatch(k -> k.endsWith("|2026-06"));
      }
    }
  }

  private static long ingest(Ingester ingester, Dataset<?> dataset, String file) throws Exception {
    try (InputStream in = SnapshotAcceptanceIT.class.getResourceAsStream("/acceptance/" + file)) {
      assertThat(in).as(file).isNotNull();
      IngestSummary summary = ingester.ingest(dataset, in, ItSupport.topicOf(dataset));
      assertThat(summary.refusedCount()).as(file + " refused rows: " + summary).isZero();
      return summary.sent();
    }
  }

  private static String export(LocalStack stack, String period, String format, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "snapshots",
                "--period",
                period,
                "--format",
                format,
                "--bootstrap",
                stack.bootstrapServers(),
                "--registry",
                stack.registryUrl()));
    args.addAll(List.of(more));
    int exit =
        MassBalanceCli.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args.toArray(String[]::new));
    assertThat(exit).as("export exit code; stderr: " + err).isZero();
    return out.toString();
  }

  private static String csvRow(Map<String, Object> fields) {
    List<String> cells = new ArrayList<>();
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      if (!f.getKey().equals("expected_at_count")) {
        cells.add(f.getValue() == null ? "" : f.getValue().toString());
      }
    }
    return String.join(",", cells);
  }

  private static List<Expected> sitesOf(List<Expected> all, String product, String period) {
    return all.stream()
        .filter(x -> x.product().equals(product) && x.period().equals(period))
        .toList();
  }

  private static boolean consolidatedComplete(
      Map<String, ConsolidatedSnapshot> latest, List<Expected> expected) {
    for (String product : List.of("ALMONDS", "COCOA")) {
      for (String period : List.of("2026-01", "2026-02", "2026-03", "2026-04")) {
        ConsolidatedSnapshot c = latest.get(product + "|" + period);
        if (c == null || c.getSites() < sitesOf(expected, product, period).size()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The sites counted by the consolidated snapshots of {@code period}, over every product. */
  private static int sitesOf(Map<String, ConsolidatedSnapshot> latest, String period) {
    return latest.values().stream()
        .filter(c -> c.getPeriod().equals(period))
        .mapToInt(ConsolidatedSnapshot::getSites)
        .sum();
  }

  private static Map<String, Object> fieldsOf(Snapshot s) {
    assertThat(s).isNotNull();
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> fields = new ArrayList<>(SNAPSHOT_FIELDS);
    fields.add("expected_at_count");
    for (String f : fields) {
      Object v = s.get(f);
      m.put(f, v instanceof CharSequence cs ? cs.toString() : v);
    }
    return m;
  }

  private static Map<String, Object> fieldsOf(ConsolidatedSnapshot s) {
    assertThat(s).isNotNull();
    Map<String, Object> m = new LinkedHashMap<>();
    for (String f :
        List.of(
            "product_id",
            "period",
            "revision",
            "unit",
            "sites",
            "opening",
            "receipts",
            "sales",
            "waste",
            "transfers_in",
            "transfers_out",
            "adjustments",
            "expected_closing",
            "count_variance",
            "closing")) {
      Object v = s.get(f);
      m.put(f, v instanceof CharSequence cs ? cs.toString() : v);
    }
    return m;
  }

  /** The latest revision of each key of the snapshot topic. */
  private static Map<String, Snapshot> latestSnapshots(LocalStack stack) {
    Map<String, Snapshot> latest = new HashMap<>();
    for (ConsumerRecord<String, Snapshot> r :
        ItSupport.readCommitted(
            stack, TopicDefaults.SNAPSHOTS, ItSupport.avro(stack, Snapshot.class))) {
      Snapshot known = latest.get(r.key());
      if (known == null || known.getRevision() <= r.value().getRevision()) {
        latest.put(r.key(), r.value());
      }
    }
    return latest;
  }

  private static Map<String, ConsolidatedSnapshot> latestConsolidated(LocalStack stack) {
    Map<String, ConsolidatedSnapshot> latest = new HashMap<>();
    for (ConsumerRecord<String, ConsolidatedSnapshot> r :
        ItSupport.readCommitted(
            stack,
            TopicDefaults.SNAPSHOTS_CONSOLIDATED,
            ItSupport.avro(stack, ConsolidatedSnapshot.class))) {
      ConsolidatedSnapshot known = latest.get(r.key());
      if (known == null || known.getRevision() <= r.value().getRevision()) {
        latest.put(r.key(), r.value());
      }
    }
    return latest;
  }
}
