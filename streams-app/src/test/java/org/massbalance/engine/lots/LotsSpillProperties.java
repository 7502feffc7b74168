package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsCoverage;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.LotState;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * The spill of lots on hand (ADR 18) changes nothing the engine shows: over seeded random histories
 * of two sites of an organic product (many receipts, some of them dated before lots already on
 * hand, with two suppliers or none; sales naming lots or not, waste, transfers both ways, signed
 * adjustments, counts), an engine keeping two lots in a key's record and one keeping every lot in
 * it write the same alerts, rejected records, snapshots, consolidated snapshots and transfer
 * arrivals, answer the same lots on hand after every movement, the same lots, back traces, lot
 * pages and supplier counts at the end, and raise the same SUPPLIER_STATUS_CHANGED when both
 * suppliers are suspended; the small engine's records never hold more than two lots.
 */
class LotsSpillProperties {

  static final String[] SITES = {"NORTH", "SOUTH"};
  static final String ALMONDS = "ALMONDS";
  static final String[] NOPS = {"8150000016", "1000000001"};
  static final Instant START = Instant.parse("2025-11-01T00:00:00Z");
  static final int SMALL = 2;
  static final int LARGE = 10_000;

  /** One generated step. */
  record Op(
      int kind,
      int site,
      int quantity,
      boolean half,
      boolean past,
      int pastHours,
      int lot,
      int supplier) {}

  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(1, 60),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 4).map(i -> i == 0),
                Arbitraries.integers().between(1, 120),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 2))
            .as(Op::new);
    return op.list().ofMinSize(10).ofMaxSize(70);
  }

  @Property(tries = 25, seed = "20261130")
  void shouldShowTheSameWithTwoLotsInTheRecordAsWithEveryLotInIt(
      @ForAll("histories") List<Op> history) {
    try (EngineDriver small = engine(SMALL);
        EngineDriver large = engine(LARGE)) {
      TestOutputTopic<String, LedgerInput> smallArrivals = arrivals(small);
      TestOutputTopic<String, LedgerInput> largeArrivals = arrivals(large);
      List<String> lotIds = new ArrayList<>();
      List<String> outbound = new ArrayList<>(); // site|movement id
      int step = 0;
      boolean spilled = false;
      for (Op op : history) {
        step++;
        Movement m = movement(op, step, lotIds, outbound).build();
        small.send(m);
        large.send(m);

        assertThat(small.alerts()).as("alerts after %s", m).isEqualTo(large.alerts());
        assertThat(small.rejected()).as("rejected after %s", m).isEqualTo(large.rejected());
        for (String site : SITES) {
          assertThat(small.lots().lotsOnHand(site, ALMONDS))
              .as("lots on hand of %s after %s", site, m.getMovementId())
              .isEqualTo(large.lots().lotsOnHand(site, ALMONDS));
          KeyState record = record(small, site);
          if (record != null) {
            assertThat(record.openLots).hasSizeLessThanOrEqualTo(SMALL);
            spilled |= record.spilledLots > 0;
          }
        }
      }

      assertThat(small.snapshots()).isEqualTo(large.snapshots());
      assertThat(small.consolidated()).isEqualTo(large.consolidated());
      assertThat(smallArrivals.readKeyValuesToList())
          .isEqualTo(largeArrivals.readKeyValuesToList());
      for (String lot : allLots(large)) {
        String[] p = lot.split("\\|");
        assertThat(small.lots().lot(p[0], p[1], p[2]))
            .isEqualTo(large.lots().lot(p[0], p[1], p[2]));
      }
      for (String o : outbound) {
        String[] p = o.split("\\|");
        assertThat(small.lots().trace(p[0], ALMONDS, p[1]))
            .isEqualTo(large.lots().trace(p[0], ALMONDS, p[1]));
      }
      for (String site : SITES) {
        assertThat(small.lots().lots(site, ALMONDS, null, 1000))
            .isEqualTo(large.lots().lots(site, ALMONDS, null, 1000));
      }
      assertThat(small.lots().lotsOnHandBySupplier())
          .isEqualTo(large.lots().lotsOnHandBySupplier());

      for (EngineDriver e : List.of(small, large)) {
        e.certificate(NOPS[0], "SUSPENDED", "2025-12-01", null);
        e.certificate(NOPS[1], "REVOKED", "2025-12-01", null);
        e.advanceWallClock(Duration.ofMinutes(1));
      }
      assertThat(small.alerts()).isEqualTo(large.alerts());
      Statistics.label("spilled").collect(spilled);
      Statistics.label("spilled").coverage(LotsSpillProperties::spilledInMostTries);
    }
  }

  /** The property must have reached the spill: the small engine spilled lots in most tries. */
  private static void spilledInMostTries(StatisticsCoverage coverage) {
    coverage
        .check(true)
        .count(
            n -> {
              assertThat(n).as("tries that spilled lots").isGreaterThanOrEqualTo(15);
            });
  }

  private static MovementBuilder movement(
      Op op, int step, List<String> lotIds, List<String> outbound) {
    String site = SITES[op.site()];
    String other = SITES[1 - op.site()];
    Instant at =
        op.past()
            ? START.plus(Duration.ofHours(Math.max(0, step * 6L - op.pastHours())))
            : START.plus(Duration.ofHours(step * 6L));
    String q = op.quantity() + (op.half() ? ".5" : "");
    String id = "m-" + step;
    int k = op.kind();
    MovementBuilder m;
    if (k < 45) {
      m = MovementBuilder.receipt(site, ALMONDS, String.valueOf(op.quantity() * 2), "kg");
      if (op.supplier() < 2) {
        m.supplier("SUP-" + op.supplier(), NOPS[op.supplier()]);
      }
      if (op.half()) {
        String lot = "R" + op.lot() + "-" + step;
        m.lot(lot);
        lotIds.add(lot);
      }
    } else if (k < 65) {
      m = MovementBuilder.sale(site, ALMONDS, q, "kg").counterparty("C").document("SO-" + step);
      if (op.lot() < 2 && !lotIds.isEmpty()) {
        m.lot(lotIds.get(op.pastHours() % lotIds.size()));
      } else if (op.lot() == 2) {
        m.lot("NO-SUCH-LOT");
      }
      outbound.add(site + "|" + id);
    } else if (k < 70) {
      m = MovementBuilder.waste(site, ALMONDS, q, "kg");
      outbound.add(site + "|" + id);
    } else if (k < 82) {
      m = MovementBuilder.transfer(site, other, ALMONDS, String.valueOf(op.quantity() * 3), "kg");
      outbound.add(site + "|" + id);
    } else if (k < 90) {
      m = MovementBuilder.adjustment(site, ALMONDS, (op.half() ? "-" : "") + op.quantity(), "kg");
      if (op.half()) {
        outbound.add(site + "|" + id);
      }
    } else {
      m = MovementBuilder.count(site, ALMONDS, String.valueOf(op.quantity() * 4), "kg");
    }
    return m.id(id).at(at.toString());
  }

  private static EngineDriver engine(int lotsInRecord) {
    EngineDriver engine =
        new EngineDriver(
            EngineDriver.DEFAULT_WALL_CLOCK, Map.of(), s -> s.withOpenLotsInRecord(lotsInRecord));
    engine.product(ALMONDS, "kg", "5.0", "ALM");
    engine.certificate(NOPS[0], "CERTIFIED", "2019-04-01", null);
    engine.certificate(NOPS[1], "CERTIFIED", "2019-04-01", null);
    return engine;
  }

  /** The transfer arrivals the engine writes (an internal topic it reads back). */
  private static TestOutputTopic<String, LedgerInput> arrivals(EngineDriver engine) {
    return engine
        .raw()
        .createOutputTopic(
            engine.topics().transfers().name(),
            Serdes.String().deserializer(),
            engine.topics().ledgerInputSerde().deserializer());
  }

  private static KeyState record(EngineDriver engine, String site) {
    KeyValueStore<String, KeyState> books = engine.raw().getKeyValueStore(StoreNames.BOOK);
    return books.get(site + "|" + ALMONDS);
  }

  /** Every lot the engine knows, as {@code site|product|lot_id}. */
  private static TreeSet<String> allLots(EngineDriver engine) {
    KeyValueStore<String, LotState> lots = engine.raw().getKeyValueStore(StoreNames.LOTS);
    TreeSet<String> out = new TreeSet<>();
    try (KeyValueIterator<String, LotState> it = lots.all()) {
      while (it.hasNext()) {
        KeyValue<String, LotState> kv = it.next();
        out.add(kv.key);
      }
    }
    return out;
  }
}
