package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.testing.EngineDriver;

/**
 * A COUNT sets the lots on hand to sum to max(book, 0): an excess drawn first-in first-out, a
 * shortfall to the adjustment lot {@code {lot_prefix}-ADJ-{yyyyMM}}.
 */
class LotCountSpec {

  static final String SITE = "FRESNO";
  static final String OATS = "OATS";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(SITE, "America/Los_Angeles", "US").product(OATS, "kg", false);
    return engine;
  }

  @Test
  void shouldDrawACountsShortageFirstInFirstOut() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          receipt(SITE, OATS, "100", "kg").id("r2").at("2025-11-02").lot("B"),
          count(SITE, OATS, "80", "kg").id("c1").at("2025-11-30"));

      assertThat(engine.onHand(SITE, OATS)).containsExactly(Map.entry("B", "80"));
      assertThat(engine.drawsOf(SITE, OATS, "A")).containsExactly("c1 COUNT 100");
      assertThat(engine.drawsOf(SITE, OATS, "B")).containsExactly("c1 COUNT 20");
    }
  }

  @Test
  void shouldPutACountsSurplusInTheAdjustmentLotOfTheSiteLocalMonth() {
    try (EngineDriver engine = engine()) {
      // the count's date alone means its last millisecond, site-local: Nov 30 in Fresno
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          count(SITE, OATS, "112.5", "kg").id("c1").at("2025-11-30"));

      assertThat(engine.onHand(SITE, OATS))
          .containsExactly(Map.entry("A", "100"), Map.entry("OATS-ADJ-202511", "12.5"));
      var adj = engine.lot(SITE, OATS, "OATS-ADJ-202511");
      assertThat(adj.receivedAt()).isEqualTo("2025-12-01T07:59:59.999Z");
      assertThat(adj.supplierNopId()).isNull();
    }
  }

  @Test
  void shouldLeaveLotsAloneWhenTheCountMatches() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          count(SITE, OATS, "100", "kg").id("c1").at("2025-11-30"));

      assertThat(engine.onHand(SITE, OATS)).containsExactly(Map.entry("A", "100"));
      assertThat(engine.lots().trace(SITE, OATS, "c1")).isEmpty();
    }
  }

  @Test
  void shouldEmptyTheLotsOnAZeroCount() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          count(SITE, OATS, "0", "kg").id("c1").at("2025-11-30"));

      assertThat(engine.onHand(SITE, OATS)).isEmpty();
    }
  }

  @Test
  void shouldSetLotsToTheBookAfterALateCountIncludingTheMovementsAfterIt() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          sale(SITE, OATS, "10", "kg").id("s1").at("2025-11-20"),
          count(SITE, OATS, "95", "kg").id("c1").at("2025-11-10"));

      assertThat(engine.bookKg(SITE, OATS)).isEqualByComparingTo("85");
      assertThat(engine.onHand(SITE, OATS)).containsExactly(Map.entry("A", "85"));
    }
  }

  @Test
  void shouldNotTouchLotsForACountBeforeTheLastCount() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          count(SITE, OATS, "100", "kg").id("c2").at("2025-11-20"),
          count(SITE, OATS, "40", "kg").id("c1").at("2025-11-10"));

      assertThat(engine.onHand(SITE, OATS)).containsExactly(Map.entry("A", "100"));
    }
  }

  @Test
  void shouldResyncLotsAtTheNextCountAfterALateReceipt() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(SITE, OATS, "100", "kg").id("r1").at("2025-11-01").lot("A"),
          count(SITE, OATS, "100", "kg").id("c1").at("2025-11-10"),
          receipt(SITE, OATS, "50", "kg").id("late").at("2025-11-05").lot("L"));
      assertThat(engine.onHand(SITE, OATS))
          .containsExactly(Map.entry("A", "100"), Map.entry("L", "50"));

      engine.send(count(SITE, OATS, "100", "kg").id("c2").at("2025-11-30"));

      assertThat(engine.onHand(SITE, OATS))
          .containsExactly(Map.entry("A", "50"), Map.entry("L", "50"));
    }
  }
}
