package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.internal.LotState;
import org.massbalance.engine.query.AllocationView;
import org.massbalance.engine.query.LotOnHand;
import org.massbalance.engine.query.TraceView;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * Properties of lots over seeded random histories of two sites (receipts with and without lot ids,
 * sales naming lots or not, waste, signed adjustments, transfers both ways, counts; some movements
 * dated in the past):
 *
 * <ul>
 *   <li>lots on hand sum to max(book, 0) after every COUNT and while no OVERSELL or LATE_MOVEMENT
 *       has been raised for the key since (for a movement after the COUNT in the contract's order,
 *       or processed after it);
 *   <li>every outbound quantity is allocated to lots or, for the rest, covered by an OVERSELL or
 *       UNTRACEABLE_OUTBOUND alert about the movement;
 *   <li>back and forward traces agree, and every lot's remaining is what it received minus what was
 *       drawn from it.
 * </ul>
 */
class LotsProperties {

  static final String[] SITES = {"NORTH", "SOUTH"};
  static final String OATS = "OATS";
  static final Instant START = Instant.parse("2025-11-01T00:00:00Z");

  /** One generated step. */
  record Op(int kind, int site, int quantity, boolean half, boolean past, int pastHours, int lot) {}

  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(1, 120),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 9).map(i -> i == 0),
                Arbitraries.integers().between(1, 48),
                Arbitraries.integers().between(0, 5))
            .as(Op::new);
    return op.list().ofMinSize(5).ofMaxSize(40);
  }

  @Property(tries = 20, seed = "20251125")
  void lotsFollowTheBookAndTracesAgree(@ForAll("histories") List<Op> history) {
    try (EngineDriver engine = new EngineDriver()) {
      engine.product(OATS, "kg", false);
      Map<String, Boolean> clean = new HashMap<>();
      Map<String, List<Instant>> dirtyAt = new HashMap<>();
      Map<String, String> outbound = new HashMap<>(); // "site|movement" -> kg
      Set<String> alerted = new HashSet<>(); // "site|movement" with OVERSELL or UNTRACEABLE
      int step = 0;
      Set<String> lotIds = new HashSet<>();
      for (Op op : history) {
        step++;
        String site = SITES[op.site()];
        String other = SITES[1 - op.site()];
        Instant at =
            op.past()
                ? START.plus(Duration.ofHours(Math.max(0, step * 6 - op.pastHours())))
                : START.plus(Duration.ofHours(step * 6L));
        String q = op.quantity() + (op.half() ? ".5" : "");
        String id = "m-" + step;
        MovementBuilder m;
        boolean isOutbound = false;
        boolean isCount = false;
        int k = op.kind();
        if (k < 30) {
          m = MovementBuilder.receipt(site, OATS, q, "kg");
          String lot = "R" + op.lot() + "-" + step;
          if (op.half()) {
            m.lot(lot);
            lotIds.add(lot);
          }
        } else if (k < 50) {
          m = MovementBuilder.sale(site, OATS, q, "kg").counterparty("C").document("SO-" + step);
          if (op.lot() < 2 && !lotIds.isEmpty()) {
            m.lot(lotIds.stream().sorted().toList().get(op.quantity() % lotIds.size()));
          } else if (op.lot() == 2) {
            m.lot("NO-SUCH-LOT");
          }
          isOutbound = true;
        } else if (k < 58) {
          m = MovementBuilder.waste(site, OATS, q, "kg");
          isOutbound = true;
        } else if (k < 70) {
          m = MovementBuilder.transfer(site, other, OATS, q, "kg");
          isOutbound = true;
        } else if (k < 78) {
          m = MovementBuilder.adjustment(site, OATS, (op.half() ? "-" : "") + op.quantity(), "kg");
          isOutbound = op.half();
        } else if (k < 80) {
          m = MovementBuilder.adjustment(site, OATS, q, "kg");
        } else {
          m = MovementBuilder.count(site, OATS, String.valueOf(op.quantity() * 2), "kg");
          isCount = true;
        }
        engine.send(m.id(id).at(at.toString()));

        List<Alert> alerts = engine.alerts();
        for (Alert a : alerts) {
          String key = a.getSiteId();
          if (a.getType().equals("OVERSELL") || a.getType().equals("LATE_MOVEMENT")) {
            clean.put(key, false);
            dirtyAt.computeIfAbsent(key, x -> new ArrayList<>()).add(at);
          }
          if (a.getType().equals("OVERSELL") || a.getType().equals("UNTRACEABLE_OUTBOUND")) {
            alerted.add(a.getSiteId() + "|" + a.getMovementId());
          }
        }
        boolean dirtied =
            alerts.stream()
                .anyMatch(
                    a ->
                        a.getSiteId().equals(site)
                            && (a.getType().equals("OVERSELL")
                                || a.getType().equals("LATE_MOVEMENT")));
        // "since" the COUNT in the contract's order: an OVERSELL or LATE_MOVEMENT already raised
        // for a movement dated after a COUNT that arrives late still counts
        boolean dirtyAfterCount =
            dirtyAt.getOrDefault(site, List.of()).stream().anyMatch(d -> d.isAfter(at));
        if (isCount && !dirtied) {
          clean.put(site, !dirtyAfterCount);
        }
        if (isOutbound) {
          outbound.put(site + "|" + id, m.build().getQuantity().replace("-", ""));
        }
        for (String s : SITES) {
          if (clean.getOrDefault(s, true)) {
            assertThat(onHandKg(engine, s))
                .as("lots on hand of %s after %s", s, id)
                .isEqualByComparingTo(engine.bookKg(s, OATS).max(BigDecimal.ZERO));
          }
        }
      }

      for (Map.Entry<String, String> o : outbound.entrySet()) {
        String[] p = o.getKey().split("\\|");
        TraceView t = engine.lots().trace(p[0], OATS, p[1]).orElseThrow();
        BigDecimal drawn =
            t.lots().stream()
                .map(l -> l.allocation().quantityKg())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(drawn.add(t.uncoveredKg())).isEqualByComparingTo(o.getValue());
        if (t.uncoveredKg().signum() > 0 || t.namedLotUnknown()) {
          assertThat(alerted).as("alert about %s", o.getKey()).contains(o.getKey());
        }
        for (TraceView.TracedLot l : t.lots()) {
          assertThat(
                  engine.lot(p[0], OATS, l.allocation().lotId()).allocations().stream()
                      .filter(a -> a.movementId().equals(p[1])))
              .singleElement()
              .satisfies(
                  a ->
                      assertThat(a.quantityKg()).isEqualByComparingTo(l.allocation().quantityKg()));
        }
      }
      assertLotsBalance(engine);
    }
  }

  /** Every lot: received - drawn = remaining >= 0; every forward allocation in a back trace. */
  private static void assertLotsBalance(EngineDriver engine) {
    KeyValueStore<String, LotState> lots = engine.raw().getKeyValueStore(StoreNames.LOTS);
    List<LotState> all = new ArrayList<>();
    try (KeyValueIterator<String, LotState> it = lots.all()) {
      while (it.hasNext()) {
        KeyValue<String, LotState> kv = it.next();
        all.add(kv.value);
      }
    }
    for (LotState s : all) {
      var lot = engine.lot(s.getSiteId(), s.getProductId(), s.getFacts().getLotId());
      BigDecimal drawn =
          lot.allocations().stream()
              .map(AllocationView::quantityKg)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(lot.receivedKg().subtract(drawn)).isEqualByComparingTo(lot.remainingKg());
      assertThat(lot.remainingKg().signum()).isGreaterThanOrEqualTo(0);
      for (AllocationView a : lot.allocations()) {
        TraceView back =
            engine.lots().trace(s.getSiteId(), s.getProductId(), a.movementId()).orElseThrow();
        assertThat(back.lots())
            .anySatisfy(
                l -> {
                  assertThat(l.allocation().lotId()).isEqualTo(lot.lotId());
                  assertThat(l.allocation().quantityKg()).isEqualByComparingTo(a.quantityKg());
                });
      }
    }
  }

  private static BigDecimal onHandKg(EngineDriver engine, String site) {
    return engine.lots().lotsOnHand(site, OATS).stream()
        .map(LotOnHand::remainingKg)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
