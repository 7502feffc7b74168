package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.adjustment;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.engine.domain.Unit;

/**
 * Arithmetic: quantities are exact decimals, exact in kg inside the engine (1 lb = 0.45359237 kg, 1
 * oz = 1/16 lb, 1 t = 1000 kg, 1 g = 0.001 kg), reported in the product's unit rounded half-even to
 * 6 places only at presentation.
 */
class BalanceArithmeticSpec extends FreshEngine {

  @Test
  void shouldKeepTheExactKilogramBalanceAcrossMixedUnits() {
    // given one tonne received
    engine.send(receipt(LONDON, OATS, "1", "t").at(NOV_01));
    // when 16 oz, 1 lb and 500 g are sold
    engine.send(
        sale(LONDON, OATS, "16", "oz").at(NOV_05),
        sale(LONDON, OATS, "1", "lb").at(NOV_10),
        sale(LONDON, OATS, "500", "g").at(NOV_15));
    // then the book is 1000 - 2 * 0.45359237 - 0.5 kg, exactly
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo(dec("998.59281526"));
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
  }

  @Test
  void shouldConvertOuncesExactlyBeyondSixDecimalPlaces() {
    engine.send(receipt(LONDON, OATS, "1", "oz").at(NOV_01));
    // 1 oz = 0.45359237 / 16 kg = 0.028349523125 kg (12 places: no rounding inside the engine)
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo(dec("0.028349523125"));
  }

  @Test
  void shouldKeepAMicrogramExactly() {
    engine.send(receipt(LONDON, OATS, "0.000001", "g").at(NOV_01));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo(dec("0.000000001"));
    engine.send(receipt(LONDON, OATS, "1", "t").at(NOV_05));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo(dec("1000.000000001"));
  }

  @Test
  void shouldBalanceSixteenOuncesAgainstOnePoundExactly() {
    // given a product reported in lb
    engine.send(receipt(LONDON, ALMONDS, "1", "lb").at(NOV_01));
    // when 16 oz leave, which is exactly 1 lb
    engine.send(sale(LONDON, ALMONDS, "16", "oz").at(NOV_05));
    // then the book is exactly zero and no OVERSELL is raised
    assertThat(engine.bookKg(LONDON, ALMONDS)).isEqualByComparingTo("0");
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
  }

  @Test
  void shouldBalancePoundsAgainstTheirExactKilograms() {
    engine.send(receipt(LONDON, ALMONDS, "3", "lb").at(NOV_01));
    engine.send(sale(LONDON, ALMONDS, "1.36077711", "kg").at(NOV_05));
    // 1.36077711 has 8 decimals: not a valid quantity; rejected, book unchanged
    assertThat(engine.rejected()).hasSize(1);
    engine.send(sale(LONDON, ALMONDS, "453.59237", "g").at(NOV_10));
    assertThat(engine.book(LONDON, ALMONDS, Unit.LB)).isEqualByComparingTo("2");
    assertThat(engine.bookKg(LONDON, ALMONDS)).isEqualByComparingTo("0.90718474");
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
  }

  @Test
  void shouldReportAlertQuantitiesInTheProductsUnit() {
    // given 1 lb of almonds (reported in lb)
    engine.send(receipt(LONDON, ALMONDS, "1", "lb").at(NOV_01));
    // when 20 oz are sold
    engine.send(sale(LONDON, ALMONDS, "20", "oz").at(NOV_05).id("so-20oz"));
    // then the OVERSELL's shortfall is 4 oz = 0.25 lb, reported in lb
    List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
    assertThat(oversells).hasSize(1);
    assertThat(oversells.get(0).getUnit()).isEqualTo("lb");
    assertThat(dec(oversells.get(0).getQuantity())).isEqualByComparingTo("0.25");
    assertThat(engine.book(LONDON, ALMONDS, Unit.LB)).isEqualByComparingTo("-0.25");
  }

  @Test
  void shouldRoundReportedQuantitiesHalfEvenToSixPlacesWithoutTrailingZeros() {
    // given an empty book of a kg product, when 1 oz is sold
    engine.send(sale(LONDON, OATS, "1", "oz").at(NOV_05));
    // then the shortfall 0.028349523125 kg is presented as 0.02835 (6 places, half-even,
    // stripped)
    List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
    assertThat(oversells).hasSize(1);
    assertThat(oversells.get(0).getQuantity()).isEqualTo("0.02835");
    assertThat(oversells.get(0).getUnit()).isEqualTo("kg");
    // and the book itself stays exact
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("-0.028349523125");
  }

  @Test
  void shouldReportATonneProductInTonnes() {
    engine.send(receipt(LONDON, RICE, "2", "t").at(NOV_01));
    engine.send(sale(LONDON, RICE, "2500", "kg").at(NOV_05));
    List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
    assertThat(oversells).hasSize(1);
    assertThat(oversells.get(0).getUnit()).isEqualTo("t");
    assertThat(oversells.get(0).getQuantity()).isEqualTo("0.5");
    assertThat(engine.book(LONDON, RICE, Unit.T)).isEqualByComparingTo("-0.5");
  }

  @Test
  void shouldApplySignedAdjustmentsInAnyUnit() {
    engine.send(
        receipt(LONDON, OATS, "10", "kg").at(NOV_01),
        adjustment(LONDON, OATS, "-8", "oz").at(NOV_05),
        adjustment(LONDON, OATS, "+250", "g").at(NOV_10));
    // 10 - 0.5 lb + 0.25 = 10.25 - 0.226796185
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("10.023203815");
  }
}
