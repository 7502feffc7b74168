package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.query.AllocationView;
import org.massbalance.engine.query.LedgerScan;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.query.TraceView;
import org.massbalance.engine.testing.EngineDriver;

/**
 * The bulk read behind the audit package (ADR 26): one pass over a store view gives every
 * site|product with a movement in the range, in (site, product) order, with its back traces of the
 * range, the lots it received or drew in the range (each with its whole forward trace) and the
 * transfers that arrived.
 */
class LedgerScanSpec {

  static final String DEPOT = "DEPOT";
  static final String DEPOT2 = "DEPOT.2";
  static final String STORE = "STORE";
  static final String OATS = "OATS";
  static final String RYE = "RYE";
  static final YearMonth NOV = YearMonth.of(2025, 11);

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.product(OATS, "kg", false);
    engine.product(RYE, "kg", false);
    engine.send(
        receipt(DEPOT, OATS, "100", "kg").id("r1").at("2025-10-30").lot("A"),
        receipt(DEPOT, OATS, "100", "kg").id("r2").at("2025-11-02").lot("B"),
        receipt(DEPOT, OATS, "100", "kg").id("r3").at("2025-11-03").lot("C"),
        receipt(DEPOT, RYE, "10", "kg").id("r4").at("2025-10-03").lot("R"),
        receipt(DEPOT2, OATS, "10", "kg").id("r5").at("2025-11-03").lot("D"),
        sale(DEPOT, OATS, "20", "kg").id("s0").at("2025-10-31"),
        sale(DEPOT, OATS, "150", "kg").id("s1").at("2025-11-05"),
        waste(DEPOT, OATS, "5", "kg").id("w1").at("2025-11-06").reason("spill").document("WD-1"),
        transfer(DEPOT, STORE, OATS, "10", "kg").id("t1").at("2025-11-07").document("TR-1"),
        count(DEPOT, OATS, "100", "kg").id("c1").at("2025-11-30"),
        sale(DEPOT, OATS, "1", "kg").id("s2").at("2025-12-01"));
    return engine;
  }

  @Test
  void shouldGiveEveryKeyWithAMovementInTheRangeBySiteThenProduct() {
    try (EngineDriver engine = engine()) {
      List<LedgerScan.KeyRange> keys = new ArrayList<>();
      int n = engine.ledgerScan().scan(null, NOV, NOV, keys::add);

      // DEPOT|RYE moved in October only; DEPOT.2 sorts after DEPOT although "DEPOT.2|" sorts
      // before "DEPOT|" as bytes.
      assertThat(keys)
          .extracting(k -> k.siteId() + "|" + k.productId())
          .containsExactly("DEPOT|OATS", "DEPOT.2|OATS", "STORE|OATS");
      assertThat(n).isEqualTo(3);
    }
  }

  @Test
  void shouldGiveTheRangesTracesAndTheLotsItReceivedOrDrewWithTheirWholeForwardTrace() {
    try (EngineDriver engine = engine()) {
      List<LedgerScan.KeyRange> keys = new ArrayList<>();
      engine.ledgerScan().scan(DEPOT, NOV, NOV, keys::add);

      assertThat(keys).extracting(LedgerScan.KeyRange::productId).containsExactly(OATS);
      LedgerScan.KeyRange oats = keys.get(0);
      // Not s0 (October), not c1 (a COUNT's excess), not s2 (December).
      assertThat(oats.traces()).extracting(TraceView::movementId).containsExactly("s1", "w1", "t1");
      TraceView s1 = oats.traces().get(0);
      assertThat(s1.lots())
          .extracting(
              l ->
                  l.allocation().lotId()
                      + " "
                      + l.allocation().quantity().stripTrailingZeros().toPlainString())
          .containsExactly("A 80", "B 70");
      // A was received in October and drawn in November: with its October draw too.
      assertThat(oats.lots()).extracting(LotView::lotId).containsExactly("A", "B", "C");
      assertThat(oats.lots().get(0).allocations())
          .extracting(AllocationView::movementId)
          .containsExactly("s0", "s1");
      assertThat(oats.lots().get(1).allocations())
          .extracting(a -> a.movementId() + " " + a.type())
          .containsExactly("s1 SALE", "w1 WASTE", "t1 TRANSFER", "c1 COUNT");
      assertThat(oats.lots().get(2).allocations())
          .extracting(AllocationView::movementId)
          .containsExactly("s2");
      assertThat(oats.arrivals()).isEmpty();
    }
  }

  @Test
  void shouldGiveTheTransfersThatArrived() {
    try (EngineDriver engine = engine()) {
      List<LedgerScan.KeyRange> keys = new ArrayList<>();
      engine.ledgerScan().scan(STORE, NOV, NOV, keys::add);

      assertThat(keys).hasSize(1);
      assertThat(keys.get(0).arrivals())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.movementId()).isEqualTo("t1");
                assertThat(a.originSiteId()).isEqualTo(DEPOT);
                assertThat(a.quantityKg()).isEqualByComparingTo("10");
              });
      assertThat(keys.get(0).traces()).isEmpty();
    }
  }
}
