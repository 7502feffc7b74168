package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.adjustment;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.massbalance.avro.Alert;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * OVERSELL: an outbound movement (SALE, WASTE, TRANSFER at its source, negative ADJUSTMENT) takes
 * more than the book at its place in the order, here the current book balance (movements after the
 * last COUNT; for those dated before it see {@link OversellBeforeLastCountSpec}). quantity =
 * outbound - max(book, 0).
 */
class OversellSpec extends FreshEngine {

  static Stream<Arguments> outbound() {
    return Stream.of(
        Arguments.of("SALE", (Function<String, MovementBuilder>) q -> sale(LONDON, OATS, q, "kg")),
        Arguments.of(
            "WASTE", (Function<String, MovementBuilder>) q -> waste(LONDON, OATS, q, "kg")),
        Arguments.of(
            "TRANSFER",
            (Function<String, MovementBuilder>) q -> transfer(LONDON, FRESNO, OATS, q, "kg")),
        Arguments.of(
            "negative ADJUSTMENT",
            (Function<String, MovementBuilder>) q -> adjustment(LONDON, OATS, "-" + q, "kg")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outbound")
  void shouldNotRaiseOversellWhenOutboundEqualsTheBook(
      String kind, Function<String, MovementBuilder> outbound) {
    engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01));
    engine.send(outbound.apply("10").at(NOV_05));
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outbound")
  void shouldRaiseOversellWhenOutboundExceedsTheBookByOneMillionth(
      String kind, Function<String, MovementBuilder> outbound) {
    engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01));
    engine.send(outbound.apply("10.000001").at(NOV_05).id("out-1"));
    List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
    assertThat(oversells).hasSize(1);
    Alert a = oversells.get(0);
    assertThat(a.getQuantity()).isEqualTo("0.000001");
    assertThat(a.getUnit()).isEqualTo("kg");
    assertThat(a.getSiteId()).isEqualTo(LONDON);
    assertThat(a.getProductId()).isEqualTo(OATS);
    assertThat(a.getMovementId()).isEqualTo("out-1");
    assertThat(a.getPeriod()).isEqualTo("2025-11");
    assertThat(a.getSeverity()).isIn("INFO", "WARNING", "CRITICAL");
    assertThat(a.getAlertId()).isNotBlank();
    assertThat(a.getMessage()).isNotBlank();
    // the movement is a fact: it is applied and the book goes negative
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("-0.000001");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outbound")
  void shouldRaiseOversellForTheWholeOutboundWhenTheBookIsNegative(
      String kind, Function<String, MovementBuilder> outbound) {
    // given a book of -5 kg
    engine.send(
        receipt(LONDON, OATS, "10", "kg").at(NOV_01),
        sale(LONDON, OATS, "15", "kg").at(NOV_05).id("s-first"));
    assertThat(ofType(engine.alerts(), OVERSELL))
        .extracting(Alert::getQuantity)
        .containsExactly("5");
    // when 3 kg more go out
    engine.send(outbound.apply("3").at(NOV_10).id("out-2"));
    // then the shortfall is 3 (outbound - max(book, 0)), not 8
    List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
    assertThat(oversells).extracting(Alert::getQuantity).containsExactly("3");
    assertThat(oversells).extracting(Alert::getMovementId).containsExactly("out-2");
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("-8");
  }

  @Test
  void shouldRaiseOversellWhenSaleExceedsBookBalance() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(sale(LONDON, OATS, "130.5", "kg").at(NOV_05).id("so-1"));
    List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
    assertThat(oversells).extracting(Alert::getQuantity).containsExactly("30.5");
  }

  @Test
  void shouldRaiseOversellForASaleOnAnEmptyBook() {
    engine.send(sale(LONDON, OATS, "1", "kg").at(NOV_05).id("so-1"));
    assertThat(ofType(engine.alerts(), OVERSELL))
        .extracting(Alert::getQuantity)
        .containsExactly("1");
  }

  @Test
  void shouldNotRaiseOversellForInboundMovementsOnANegativeBook() {
    engine.send(sale(LONDON, OATS, "10", "kg").at(NOV_01));
    engine.alerts();
    engine.send(
        receipt(LONDON, OATS, "1", "kg").at(NOV_05),
        adjustment(LONDON, OATS, "+1", "kg").at(NOV_10),
        transfer(FRESNO, LONDON, OATS, "1", "kg").at(NOV_15));
    assertThat(ofType(engine.alerts(), OVERSELL))
        .allSatisfy(a -> assertThat(a.getSiteId()).isEqualTo(FRESNO)); // only at the source
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("-7");
  }

  @Test
  void shouldNotRaiseOversellForACountOfMoreThanTheBook() {
    engine.send(count(LONDON, OATS, "0", "kg").at(NOV_05));
    engine.send(count(LONDON, OATS, "5", "kg").at(NOV_10));
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
  }

  @Test
  void shouldJudgeOversellAgainstTheCurrentBookIncludingLaterDatedReceiptsProcessedFirst() {
    // "Immediate alerts use the movements processed so far": a receipt dated later but
    // processed first counts toward the current book
    engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_20));
    engine.send(sale(LONDON, OATS, "10", "kg").at(NOV_05));
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
  }

  @Test
  void shouldRaiseOversellAtTheBoundaryInThePoundsOfTheProduct() {
    engine.send(receipt(LONDON, ALMONDS, "1", "lb").at(NOV_01));
    engine.send(sale(LONDON, ALMONDS, "453.59237", "g").at(NOV_05));
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
    engine.send(sale(LONDON, ALMONDS, "0.000001", "lb").at(NOV_10));
    assertThat(ofType(engine.alerts(), OVERSELL))
        .extracting(Alert::getQuantity, Alert::getUnit)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("0.000001", "lb"));
  }
}
