package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massbalance.avro.Alert;

/**
 * VARIANCE_EXCEEDED: a COUNT differs from the book at it by more than the tolerance (any difference
 * when that book is 0). Within tolerance: 100 * |variance| <= tolerance * |book|. quantity =
 * counted - book at the count.
 */
class VarianceSpec extends FreshEngine {

  @ParameterizedTest(name = "book 100 kg, tolerance 5 %, count {0}: alert={1}")
  @CsvSource({
    "95, false",
    "105, false",
    "100, false",
    "97.5, false",
    "94.999999, true",
    "105.000001, true",
    "0, true",
    "200, true"
  })
  void shouldJudgeACountAgainstTheDefaultFivePercentTolerance(String counted, boolean alert) {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(count(LONDON, OATS, counted, "kg").at(NOV_15).id("c-1"));
    List<Alert> variances = ofType(engine.alerts(), VARIANCE_EXCEEDED);
    if (alert) {
      assertThat(variances).hasSize(1);
      assertThat(dec(variances.get(0).getQuantity()))
          .isEqualByComparingTo(dec(counted).subtract(dec("100")));
      assertThat(variances.get(0).getMovementId()).isEqualTo("c-1");
      assertThat(variances.get(0).getUnit()).isEqualTo("kg");
    } else {
      assertThat(variances).isEmpty();
    }
    // whatever the variance, the count becomes the book
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo(counted);
  }

  @Test
  void shouldReportASignedVarianceShortageAsNegative() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(count(LONDON, OATS, "94.999999", "kg").at(NOV_15));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED))
        .extracting(Alert::getQuantity)
        .containsExactly("-5.000001");
  }

  @Test
  void shouldApplyThePerProductToleranceOfTwoAndAHalfPercent() {
    // RICE (t) has tolerance 2.5 %
    engine.send(receipt(LONDON, RICE, "100", "t").at(NOV_01));
    engine.send(count(LONDON, RICE, "97.5", "t").at(NOV_10));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED)).isEmpty();
    engine.send(count(LONDON, RICE, "100", "t").at(NOV_15)); // +2.5 on 97.5: 2.56 %
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED))
        .extracting(Alert::getQuantity, Alert::getUnit)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2.5", "t"));
  }

  @Test
  void shouldRaiseForAnyDifferenceWithAZeroTolerance() {
    // SAFFRON (g) has tolerance 0 %
    engine.send(receipt(LONDON, SAFFRON, "1000", "g").at(NOV_01));
    engine.send(count(LONDON, SAFFRON, "1000", "g").at(NOV_10));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED)).isEmpty();
    engine.send(count(LONDON, SAFFRON, "999.999999", "g").at(NOV_15));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED))
        .extracting(Alert::getQuantity)
        .containsExactly("-0.000001");
  }

  @Test
  void shouldRaiseForAnyDifferenceWhenTheBookIsZero() {
    engine.send(
        receipt(LONDON, OATS, "10", "kg").at(NOV_01), sale(LONDON, OATS, "10", "kg").at(NOV_05));
    engine.send(count(LONDON, OATS, "0.000001", "kg").at(NOV_15));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED))
        .extracting(Alert::getQuantity)
        .containsExactly("0.000001");
  }

  @Test
  void shouldNotRaiseForAZeroCountAgainstAZeroBook() {
    engine.send(count(LONDON, OATS, "0", "kg").at(NOV_15));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED)).isEmpty();
    engine.send(
        receipt(LONDON, OATS, "10", "kg").at(NOV_20), sale(LONDON, OATS, "10", "kg").at(NOV_25));
    engine.send(count(LONDON, OATS, "0", "g").at("2025-11-26T00:00:00Z"));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED)).isEmpty();
  }

  @Test
  void shouldRaiseForACountOnAnEmptyBook() {
    engine.send(count(LONDON, OATS, "5", "kg").at(NOV_15));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED))
        .extracting(Alert::getQuantity)
        .containsExactly("5");
  }

  @Test
  void shouldUseTheAbsoluteBookWhenTheBookIsNegative() {
    // book -100; count -? counts are >= 0, so count 0: variance +100 = 100 % of |book|
    engine.send(sale(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(count(LONDON, OATS, "0", "kg").at(NOV_15));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED))
        .extracting(Alert::getQuantity)
        .containsExactly("100");
  }

  @Test
  void shouldJudgeAnOutOfOrderCountAgainstTheBookAtTheCountNotTheCurrentBook() {
    // given 100 received and 50 sold after the count's date
    engine.send(
        receipt(LONDON, OATS, "100", "kg").at(NOV_01), sale(LONDON, OATS, "50", "kg").at(NOV_20));
    // when the count of 100 dated before the sale arrives
    engine.send(count(LONDON, OATS, "100", "kg").at(NOV_10));
    // then it matches the book at it (100), not the current book (50)
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED)).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("50");
  }

  @Test
  void shouldRaiseForAnOutOfOrderCountThatMatchesOnlyTheCurrentBook() {
    engine.send(
        receipt(LONDON, OATS, "100", "kg").at(NOV_01), sale(LONDON, OATS, "50", "kg").at(NOV_20));
    engine.send(count(LONDON, OATS, "50", "kg").at(NOV_10).id("c-early"));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED))
        .extracting(Alert::getQuantity, Alert::getMovementId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("-50", "c-early"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("0");
  }

  @Test
  void shouldJudgeASecondCountAgainstTheFirstCountPlusTheNetAfterIt() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(count(LONDON, OATS, "80", "kg").at(NOV_05));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED)).hasSize(1);
    engine.send(receipt(LONDON, OATS, "20", "kg").at(NOV_10));
    engine.send(count(LONDON, OATS, "100", "kg").at(NOV_15));
    assertThat(ofType(engine.alerts(), VARIANCE_EXCEEDED)).isEmpty();
  }

  @Test
  void shouldReportTheVarianceInTheProductsUnit() {
    engine.send(receipt(LONDON, ALMONDS, "100", "lb").at(NOV_01));
    engine.send(count(LONDON, ALMONDS, "40", "kg").at(NOV_15));
    // 40 kg = 88.184904... lb; variance -11.815095... lb
    List<Alert> v = ofType(engine.alerts(), VARIANCE_EXCEEDED);
    assertThat(v).hasSize(1);
    assertThat(v.get(0).getUnit()).isEqualTo("lb");
    // 40 / 0.45359237 = 88.18490487395...; minus 100 = -11.81509512604.. -> -11.815095
    assertThat(v.get(0).getQuantity()).isEqualTo("-11.815095");
  }
}
