package org.massbalance.engine.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.periods.Close.BERLIN;
import static org.massbalance.engine.periods.Close.LONDON;
import static org.massbalance.engine.periods.Close.OATS;
import static org.massbalance.engine.periods.Close.d;
import static org.massbalance.engine.periods.Close.fmt;
import static org.massbalance.engine.periods.Close.idle;
import static org.massbalance.engine.periods.Close.latest;
import static org.massbalance.engine.periods.Close.of;
import static org.massbalance.engine.periods.Close.ofType;
import static org.massbalance.engine.periods.Close.pct;
import static org.massbalance.engine.testing.MovementBuilder.adjustment;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;

/** The contract's Arithmetic for a period P of (site, product), worked out here by hand. */
class PeriodArithmeticSpec {

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(LONDON, "UTC", "GB").site(BERLIN, "UTC", "DE");
    engine.product(OATS, "kg", "5.0", "OAT");
    return engine;
  }

  private static Snapshot nov(EngineDriver engine, String site) {
    assertThat(engine.rejected()).as("every input is valid").isEmpty();
    idle(engine);
    return of(latest(engine.snapshots()), site, OATS, "2025-11");
  }

  @Test
  void shouldSumEveryMovementTypeAndChainTheOpeningWithoutACount() {
    try (EngineDriver engine = engine()) {
      // given October closes at 1000 and November has one of everything but a COUNT
      engine.send(
          receipt(LONDON, OATS, "1000", "kg").id("oct").at("2025-10-05"),
          receipt(LONDON, OATS, "200", "kg").id("r").at("2025-11-02"),
          sale(LONDON, OATS, "150", "kg").id("s").at("2025-11-03"),
          waste(LONDON, OATS, "20", "kg").id("w").at("2025-11-04"),
          transfer(LONDON, BERLIN, OATS, "30", "kg").id("tout").at("2025-11-05"),
          transfer(BERLIN, LONDON, OATS, "40", "kg").id("tin").at("2025-11-06"),
          adjustment(LONDON, OATS, "-5", "kg").id("adj-minus").at("2025-11-07"),
          adjustment(LONDON, OATS, "+12", "kg").id("adj-plus").at("2025-11-08"));
      Snapshot s = nov(engine, LONDON);
      BigDecimal opening = d("1000");
      BigDecimal expected =
          opening
              .add(d("200"))
              .add(d("40"))
              .subtract(d("150"))
              .subtract(d("20"))
              .subtract(d("30"))
              .add(d("7")); // 1047
      BigDecimal base = opening.add(d("200")).add(d("40")).add(d("12")); // 1252
      assertThat(s.getUnit()).isEqualTo("kg");
      assertThat(s.getOpening()).isEqualTo("1000");
      assertThat(s.getReceipts()).isEqualTo("200");
      assertThat(s.getSales()).isEqualTo("150");
      assertThat(s.getWaste()).isEqualTo("20");
      assertThat(s.getTransfersIn()).isEqualTo("40");
      assertThat(s.getTransfersOut()).isEqualTo("30");
      assertThat(s.getAdjustments()).as("signed sum").isEqualTo("7");
      assertThat(s.getExpectedClosing()).isEqualTo(fmt(expected)).isEqualTo("1047");
      assertThat(s.getCounted()).isNull();
      assertThat(s.getExpectedAtCount()).isNull();
      assertThat(s.getCountVariance()).isEqualTo("0");
      assertThat(s.getVariancePct()).isNull();
      assertThat(s.getClosing()).isEqualTo("1047");
      assertThat(s.getStatus()).isEqualTo("NOT_COUNTED");
      assertThat(s.getWastePct()).isEqualTo(pct(d("20"), base)).isEqualTo("1.597444");
    }
  }

  @Test
  void shouldTakeTheLastCountOfThePeriodAndIgnoreEarlierCountsInExpectedAtCount() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(LONDON, OATS, "100", "kg").id("r1").at("2025-11-02"),
          count(LONDON, OATS, "90", "kg").id("c1").at("2025-11-05"),
          receipt(LONDON, OATS, "50", "kg").id("r2").at("2025-11-10"),
          sale(LONDON, OATS, "20", "kg").id("s1").at("2025-11-12"),
          count(LONDON, OATS, "125", "kg").id("c2").at("2025-11-15"),
          sale(LONDON, OATS, "10", "kg").id("s2").at("2025-11-20"),
          receipt(LONDON, OATS, "5", "kg").id("r3").at("2025-11-25"));
      Snapshot s = nov(engine, LONDON);
      // expected_at_count = opening 0 + 100 + 50 - 20 (the count of 90 is ignored)
      BigDecimal expectedAtCount = d("130");
      BigDecimal variance = d("125").subtract(expectedAtCount); // -5
      BigDecimal expectedClosing = d("100").add(d("50")).add(d("5")).subtract(d("30")); // 125
      BigDecimal closing = d("125").subtract(d("10")).add(d("5")); // 120
      assertThat(s.getCounted()).isEqualTo("125");
      assertThat(s.getExpectedAtCount()).isEqualTo(fmt(expectedAtCount));
      assertThat(s.getCountVariance()).isEqualTo(fmt(variance)).isEqualTo("-5");
      assertThat(s.getVariancePct())
          .isEqualTo(pct(variance, expectedAtCount.abs()))
          .isEqualTo("-3.846154");
      assertThat(s.getExpectedClosing()).isEqualTo(fmt(expectedClosing));
      assertThat(s.getClosing()).isEqualTo(fmt(closing)).isEqualTo("120");
      assertThat(d(s.getClosing()).subtract(d(s.getExpectedClosing())))
          .as("count_variance = closing - expected_closing")
          .isEqualByComparingTo(d(s.getCountVariance()));
      assertThat(s.getStatus()).isEqualTo("WITHIN_TOLERANCE");
    }
  }

  @Test
  void shouldUseTheOpeningInExpectedAtCountAndTheCountInTheNextOpening() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(LONDON, OATS, "400", "kg").id("oct").at("2025-10-05"),
          sale(LONDON, OATS, "100", "kg").id("s").at("2025-11-03"),
          count(LONDON, OATS, "250", "kg").id("c").at("2025-11-30"));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      Snapshot s = of(latest, LONDON, OATS, "2025-11");
      // expected_at_count 400 - 100 = 300; variance -50; -16.666667 %; INVESTIGATE
      assertThat(s.getExpectedAtCount()).isEqualTo("300");
      assertThat(s.getCountVariance()).isEqualTo("-50");
      assertThat(s.getVariancePct()).isEqualTo(pct(d("-50"), d("300"))).isEqualTo("-16.666667");
      assertThat(s.getStatus()).isEqualTo("INVESTIGATE");
      assertThat(s.getClosing()).isEqualTo("250");
      assertThat(of(latest, LONDON, OATS, "2025-12").getOpening()).isEqualTo("250");
    }
  }

  @Test
  void shouldLeaveVariancePctNullAndInvestigateACountAgainstAZeroExpectation() {
    try (EngineDriver engine = engine()) {
      engine.send(count(LONDON, OATS, "3", "kg").id("c").at("2025-11-10"));
      Snapshot s = nov(engine, LONDON);
      assertThat(s.getExpectedAtCount()).isEqualTo("0");
      assertThat(s.getCounted()).isEqualTo("3");
      assertThat(s.getCountVariance()).isEqualTo("3");
      assertThat(s.getVariancePct()).isNull();
      assertThat(s.getStatus()).isEqualTo("INVESTIGATE");
      assertThat(s.getClosing()).isEqualTo("3");
    }
  }

  @Test
  void shouldHoldAZeroCountAgainstAZeroExpectationWithinTolerance() {
    try (EngineDriver engine = engine()) {
      engine.send(count(LONDON, OATS, "0", "kg").id("c").at("2025-11-10"));
      Snapshot s = nov(engine, LONDON);
      assertThat(s).as("a COUNT is a movement: the period gets a snapshot").isNotNull();
      assertThat(s.getCounted()).isEqualTo("0");
      assertThat(s.getExpectedAtCount()).isEqualTo("0");
      assertThat(s.getCountVariance()).isEqualTo("0");
      assertThat(s.getVariancePct()).isNull();
      assertThat(s.getStatus()).isEqualTo("WITHIN_TOLERANCE");
    }
  }

  @Test
  void shouldHoldAVarianceOfExactlyTheToleranceWithinAndInvestigateOneGramMore() {
    try (EngineDriver engine = engine()) {
      // 100 * |190 - 200| = 1000 <= 5.0 * 200 = 1000: within
      engine.send(
          receipt(LONDON, OATS, "200", "kg").id("r").at("2025-11-02"),
          count(LONDON, OATS, "190", "kg").id("c").at("2025-11-10"),
          receipt(BERLIN, OATS, "200", "kg").id("r").at("2025-11-02"),
          count(BERLIN, OATS, "189.999", "kg").id("c").at("2025-11-10"));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      Snapshot at = of(latest, LONDON, OATS, "2025-11");
      assertThat(at.getVariancePct()).isEqualTo("-5");
      assertThat(at.getStatus()).isEqualTo("WITHIN_TOLERANCE");
      Snapshot over = of(latest, BERLIN, OATS, "2025-11");
      assertThat(over.getCountVariance()).isEqualTo("-10.001");
      assertThat(over.getVariancePct()).isEqualTo("-5.0005");
      assertThat(over.getStatus()).isEqualTo("INVESTIGATE");
    }
  }

  @Test
  void shouldComputeWastePctOnABaseThatIgnoresANegativeOpeningAndNegativeAdjustments() {
    try (EngineDriver engine = engine()) {
      // October oversells to -50; November: receipt 100, +20, -10, waste 6
      engine.send(
          sale(LONDON, OATS, "50", "kg").id("oct").at("2025-10-05"),
          receipt(LONDON, OATS, "100", "kg").id("r").at("2025-11-02"),
          adjustment(LONDON, OATS, "+20", "kg").id("a-plus").at("2025-11-03"),
          adjustment(LONDON, OATS, "-10", "kg").id("a-minus").at("2025-11-04"),
          waste(LONDON, OATS, "6", "kg").id("w").at("2025-11-05"));
      engine.alerts();
      Snapshot s = nov(engine, LONDON);
      // base = max(-50, 0) + 100 + 0 + 20 = 120; 100 * 6 / 120 = 5 = tolerance: not high
      assertThat(s.getOpening()).isEqualTo("-50");
      assertThat(s.getWastePct()).isEqualTo(pct(d("6"), d("120"))).isEqualTo("5");
      assertThat(ofType(engine.alerts(), "WASTE_HIGH")).isEmpty();
    }
  }

  @Test
  void shouldRaiseWasteHighOnceAtTheFirstCloseWhenWastePctExceedsTheTolerance() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(LONDON, OATS, "120", "kg").id("r").at("2025-11-02"),
          waste(LONDON, OATS, "7", "kg").id("w").at("2025-11-05"));
      engine.alerts();
      Snapshot s = nov(engine, LONDON);
      assertThat(s.getWastePct()).isEqualTo(pct(d("7"), d("120"))).isEqualTo("5.833333");
      List<Alert> high = ofType(engine.alerts(), "WASTE_HIGH");
      assertThat(high)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getSiteId()).isEqualTo(LONDON);
                assertThat(a.getProductId()).isEqualTo(OATS);
                assertThat(a.getPeriod()).isEqualTo("2025-11");
                assertThat(a.getQuantity()).isEqualTo("7");
                assertThat(a.getUnit()).isEqualTo("kg");
              });
      // December (opening 113, no waste) raises nothing
      // and a late waste in November restates it without a second WASTE_HIGH
      engine.send(waste(LONDON, OATS, "1", "kg").id("w2").at("2025-11-06"));
      assertThat(engine.alerts()).extracting(Alert::getType).containsExactly("LATE_MOVEMENT");
      Snapshot restated = of(latest(engine.snapshots()), LONDON, OATS, "2025-11");
      assertThat(restated.getRevision()).isEqualTo(2);
      assertThat(restated.getWastePct()).isEqualTo(pct(d("8"), d("120")));
    }
  }

  @Test
  void shouldRaiseWasteHighWithANullWastePctWhenTheBaseIsZero() {
    try (EngineDriver engine = engine()) {
      engine.send(waste(LONDON, OATS, "3", "kg").id("w").at("2025-11-05"));
      engine.alerts();
      Snapshot s = nov(engine, LONDON);
      assertThat(s.getWastePct()).isNull();
      assertThat(ofType(engine.alerts(), "WASTE_HIGH"))
          .singleElement()
          .satisfies(a -> assertThat(a.getPeriod()).isEqualTo("2025-11"));
    }
  }

  @Test
  void shouldNotRaiseWasteHighWhenARestatementFirstMakesTheWasteHigh() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(LONDON, OATS, "100", "kg").id("r").at("2025-11-02"),
          waste(LONDON, OATS, "5", "kg").id("w").at("2025-11-05"));
      idle(engine);
      assertThat(ofType(engine.alerts(), "WASTE_HIGH")).isEmpty();
      engine.send(waste(LONDON, OATS, "5", "kg").id("w2").at("2025-11-06"));
      // WASTE_HIGH: "at the first close of a period whose waste rule holds"
      assertThat(engine.alerts()).extracting(Alert::getType).containsExactly("LATE_MOVEMENT");
      Snapshot s = of(latest(engine.snapshots()), LONDON, OATS, "2025-11");
      assertThat(s.getWastePct()).isEqualTo("10");
    }
  }

  @Test
  void shouldSumExactlyInKilogramsAndRoundHalfEvenOnlyAtPresentation() {
    try (EngineDriver engine = engine()) {
      engine.product("RICE", "t", "2.5", "RIC");
      // 0.5 g = 0.0000005 t each: rounded alone each would be 0, summed they are 0.000001 t
      engine.send(
          receipt(LONDON, "RICE", "0.5", "g").id("r1").at("2025-11-02"),
          receipt(LONDON, "RICE", "0.5", "g").id("r2").at("2025-11-03"),
          // 1.5 g = 0.0000015 t: half-even to 6 places is 0.000002
          waste(LONDON, "RICE", "1.5", "g").id("w").at("2025-11-04"));
      idle(engine);
      Snapshot s = of(latest(engine.snapshots()), LONDON, "RICE", "2025-11");
      assertThat(s.getUnit()).isEqualTo("t");
      assertThat(s.getReceipts()).isEqualTo(fmt(d("0.000001"))).isEqualTo("0.000001");
      assertThat(s.getWaste()).isEqualTo(fmt(d("0.0000015"))).isEqualTo("0.000002");
      // closing -0.0000005 t: half-even gives 0
      assertThat(s.getClosing()).isEqualTo("0");
      assertThat(s.getExpectedClosing()).isEqualTo("0");
      // waste_pct 100 * 1.5 / 1 = 150 (exact quotient of kilograms)
      assertThat(s.getWastePct()).isEqualTo("150");
    }
  }

  @Test
  void shouldApplyAZeroToleranceExactly() {
    try (EngineDriver engine = engine()) {
      engine.product("SAFFRON", "g", "0", "SAF");
      engine.send(
          receipt(LONDON, "SAFFRON", "10", "g").id("r").at("2025-11-02"),
          count(LONDON, "SAFFRON", "10", "g").id("c").at("2025-11-10"),
          receipt(BERLIN, "SAFFRON", "10", "g").id("r").at("2025-11-02"),
          count(BERLIN, "SAFFRON", "9.999", "g").id("c").at("2025-11-10"));
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      assertThat(of(latest, LONDON, "SAFFRON", "2025-11").getStatus())
          .isEqualTo("WITHIN_TOLERANCE");
      assertThat(of(latest, LONDON, "SAFFRON", "2025-11").getVariancePct()).isEqualTo("0");
      Snapshot b = of(latest, BERLIN, "SAFFRON", "2025-11");
      assertThat(b.getCountVariance()).isEqualTo("-0.001");
      assertThat(b.getVariancePct()).isEqualTo("-0.01");
      assertThat(b.getStatus()).isEqualTo("INVESTIGATE");
    }
  }
}
