package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.query.LotQueries;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.query.TraceView;
import org.massbalance.engine.testing.EngineDriver;

/**
 * The paged reads behind the audit package (ADR 11): every lot of a site|product, and the back
 * traces of its outbound movements in a time range, a page at a time, each key's range alone.
 */
class LotPagesSpec {

  static final String SITE = "DEPOT";
  static final String OATS = "OATS";
  static final String OAT = "OAT";
  static final Instant NOV = Instant.parse("2025-11-01T00:00:00Z");
  static final Instant DEC = Instant.parse("2025-12-01T00:00:00Z");

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.product(OATS, "kg", false);
    engine.product(OAT, "kg", false);
    engine.send(
        receipt(SITE, OATS, "100", "kg").id("r1").at("2025-10-30").lot("A"),
        receipt(SITE, OATS, "100", "kg").id("r2").at("2025-11-02").lot("B"),
        receipt(SITE, OATS, "100", "kg").id("r3").at("2025-11-03").lot("C"),
        receipt(SITE, OAT, "100", "kg").id("r9").at("2025-11-03").lot("AA"),
        sale(SITE, OATS, "20", "kg").id("s0").at("2025-10-31"),
        sale(SITE, OATS, "150", "kg").id("s1").at("2025-11-05"),
        waste(SITE, OATS, "5", "kg").id("w1").at("2025-11-06").reason("spill").document("WD-1"),
        sale(SITE, OAT, "10", "kg").id("s9").at("2025-11-06"),
        count(SITE, OATS, "100", "kg").id("c1").at("2025-11-30"),
        sale(SITE, OATS, "1", "kg").id("s2").at("2025-12-01"));
    return engine;
  }

  @Test
  void shouldPageEveryLotOfASiteAndProductInLotIdOrder() {
    try (EngineDriver engine = engine()) {
      LotQueries.Page<LotView> first = engine.lots().lots(SITE, OATS, null, 2);
      assertThat(first.items()).extracting(LotView::lotId).containsExactly("A", "B");
      assertThat(first.more()).isTrue();
      LotQueries.Page<LotView> second = engine.lots().lots(SITE, OATS, "B", 2);
      assertThat(second.items()).extracting(LotView::lotId).containsExactly("C");
      assertThat(second.more()).isFalse();
      assertThat(first.items().get(0).allocations())
          .extracting(a -> a.movementId())
          .containsExactly("s0", "s1");
      assertThat(engine.lots().lots(SITE, OAT, null, 10).items())
          .extracting(LotView::lotId)
          .containsExactly("AA");
    }
  }

  @Test
  void shouldPageTheOutboundMovementsOfARangeButNotACountsExcess() {
    try (EngineDriver engine = engine()) {
      LotQueries.Page<TraceView> first = engine.lots().traces(SITE, OATS, NOV, DEC, null, 1);
      assertThat(first.items()).extracting(TraceView::movementId).containsExactly("s1");
      assertThat(first.more()).isTrue();
      LotQueries.Page<TraceView> second = engine.lots().traces(SITE, OATS, NOV, DEC, "s1", 10);
      assertThat(second.items()).extracting(TraceView::movementId).containsExactly("w1");
      assertThat(second.more()).isFalse();
      List<TraceView> all = engine.lots().traces(SITE, OATS, NOV, DEC, null, 10).items();
      assertThat(all).extracting(TraceView::movementId).containsExactly("s1", "w1");
      assertThat(engine.lots().traces(SITE, OAT, NOV, DEC, null, 10).items())
          .extracting(TraceView::movementId)
          .containsExactly("s9");
    }
  }

  @Test
  void shouldKeepAMovementsReasonAndDocumentInItsTraceEvenWhenNoLotCoveredIt() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.product(OATS, "kg", false);
      engine.send(
          waste(SITE, OATS, "5", "kg").id("w9").at("2025-11-06").reason("spill").document("WD-9"));
      TraceView w9 = engine.lots().traces(SITE, OATS, NOV, DEC, null, 10).items().get(0);
      assertThat(w9.lots()).isEmpty();
      assertThat(w9.uncoveredKg()).isEqualByComparingTo("5");
      assertThat(w9.reason()).isEqualTo("spill");
      assertThat(w9.documentRef()).isEqualTo("WD-9");
    }
  }
}
