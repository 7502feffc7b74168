package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.adjustment;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.massbalance.avro.Alert;
import org.massbalance.engine.domain.AlertIds;
import org.massbalance.engine.domain.AlertType;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * OVERSELL for an outbound movement dated before the last COUNT (issue 19): it is judged against
 * the book at its place in the order, the last COUNT before it plus the net of the movements
 * between (with no COUNT before it, the net of the movements before it). It raises LATE_MOVEMENT
 * too and does not change the book; the lots give what they hold first-in first-out, and
 * UNTRACEABLE_OUTBOUND is raised for what they lack only when no OVERSELL was.
 */
class OversellBeforeLastCountSpec extends FreshEngine {

  static final String AT_0700 = "2025-11-03T07:00:00Z";
  static final String AT_0800 = "2025-11-03T08:00:00Z";
  static final String AT_0900 = "2025-11-03T09:00:00Z";
  static final String AT_0930 = "2025-11-03T09:30:00Z";
  static final String AT_1000 = "2025-11-03T10:00:00Z";
  static final String AT_1015 = "2025-11-03T10:15:00Z";
  static final String AT_1020 = "2025-11-03T10:20:00Z";
  static final String AT_1030 = "2025-11-03T10:30:00Z";
  static final String AT_1200 = "2025-11-03T12:00:00Z";
  static final String UNTRACEABLE_OUTBOUND = "UNTRACEABLE_OUTBOUND";

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

  /** RECEIPT 200 kg at 08:00 and COUNT 100 kg at 10:00; the lots then hold 100 kg. */
  private void receivedAndCounted() {
    engine.send(
        receipt(LONDON, OATS, "200", "kg").at(AT_0800).id("r-1").supplier("S", CERTIFIED_NOP),
        count(LONDON, OATS, "100", "kg").at(AT_1000).id("c-1"));
    engine.alerts();
  }

  /** The alerts about {@code movementId} at LONDON (a transfer's arrival is FRESNO's). */
  private static List<Alert> atLondonAbout(List<Alert> alerts, String movementId) {
    return about(alerts, movementId).stream().filter(a -> a.getSiteId().equals(LONDON)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outbound")
  void shouldRaiseOversellAgainstTheBookAtItsPlaceForAnOutboundDatedBeforeTheLastCount(
      String kind, Function<String, MovementBuilder> outbound) {
    // given 200 kg received at 08:00 and a COUNT of 100 kg at 10:00
    receivedAndCounted();
    // when 250 kg dated 09:00 go out: the book at its place is 200
    engine.send(outbound.apply("250").at(AT_0900).id("late"));
    // then LATE_MOVEMENT and OVERSELL of the 50 kg short, and no UNTRACEABLE_OUTBOUND
    List<Alert> alerts = atLondonAbout(engine.alerts(), "late");
    assertThat(alerts)
        .extracting(Alert::getType)
        .containsExactlyInAnyOrder(LATE_MOVEMENT, OVERSELL);
    Alert oversell = ofType(alerts, OVERSELL).get(0);
    assertThat(oversell.getQuantity()).isEqualTo("50");
    assertThat(oversell.getUnit()).isEqualTo("kg");
    assertThat(oversell.getPeriod()).isEqualTo("2025-11");
    assertThat(oversell.getDetails())
        .containsEntry("requested", "250")
        .containsEntry("book_balance", "200");
    assertThat(oversell.getMessage()).contains("before the last COUNT", "50 kg short");
    // and the book stays at the COUNT
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("100");
    // and the lots gave what they held (100 kg); the rest is uncovered in the trace
    assertThat(engine.onHand(LONDON, OATS)).isEmpty();
    assertThat(engine.lots().trace(LONDON, OATS, "late").orElseThrow().uncovered())
        .isEqualByComparingTo("150");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outbound")
  void shouldRaiseUntraceableOutboundNotOversellWhenTheBookAtItsPlaceCoversIt(
      String kind, Function<String, MovementBuilder> outbound) {
    receivedAndCounted();
    // when 150 kg dated 09:00 go out: the book at its place (200) covers it
    engine.send(outbound.apply("150").at(AT_0900).id("late"));
    // then LATE_MOVEMENT, and the 50 kg the lots (100 after the COUNT) lack is untraceable
    List<Alert> alerts = atLondonAbout(engine.alerts(), "late");
    assertThat(alerts)
        .extracting(Alert::getType)
        .containsExactlyInAnyOrder(LATE_MOVEMENT, UNTRACEABLE_OUTBOUND);
    assertThat(ofType(alerts, UNTRACEABLE_OUTBOUND).get(0).getQuantity()).isEqualTo("50");
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("100");
    assertThat(engine.onHand(LONDON, OATS)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outbound")
  void shouldNotRaiseOversellWhenTheOutboundEqualsTheBookAtItsPlace(
      String kind, Function<String, MovementBuilder> outbound) {
    receivedAndCounted();
    engine.send(outbound.apply("200").at(AT_0900).id("late"));
    assertThat(ofType(atLondonAbout(engine.alerts(), "late"), OVERSELL)).isEmpty();
  }

  @Test
  void shouldJudgeAgainstTheLastCountBeforeItPlusTheNetOfTheMovementsBetween() {
    // given two COUNTs, a receipt between them
    engine.send(
        receipt(LONDON, OATS, "200", "kg").at(AT_0800).id("r-1").supplier("S", CERTIFIED_NOP),
        count(LONDON, OATS, "120", "kg").at(AT_1000).id("c-1"),
        receipt(LONDON, OATS, "30", "kg").at(AT_1015).id("r-2").supplier("S", CERTIFIED_NOP),
        count(LONDON, OATS, "100", "kg").at(AT_1200).id("c-2"));
    engine.alerts();
    // when a sale of 140 kg dated 10:30 (between the COUNTs) arrives: the book at it is
    // 120 + 30 = 150, not the current 100 nor 200 + 30 from the first receipt on
    engine.send(sale(LONDON, OATS, "140", "kg").at(AT_1030).id("late-covered"));
    // then it raises no OVERSELL
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
    // when a sale of 151 kg dated 10:20 arrives: before the first sale, the book at it is 150
    engine.send(sale(LONDON, OATS, "151", "kg").at(AT_1020).id("late-short"));
    // then it is 1 kg short
    assertThat(ofType(engine.alerts(), OVERSELL))
        .extracting(Alert::getMovementId, Alert::getQuantity)
        .containsExactly(tuple("late-short", "1"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("100");
  }

  @Test
  void shouldJudgeAgainstTheNetOfTheMovementsBeforeItWhenNoCountPrecedesIt() {
    receivedAndCounted();
    // when a sale dated 07:00, before the receipt, arrives: the book before it is 0
    engine.send(sale(LONDON, OATS, "30", "kg").at(AT_0700).id("early"));
    List<Alert> alerts = atLondonAbout(engine.alerts(), "early");
    assertThat(alerts)
        .extracting(Alert::getType)
        .containsExactlyInAnyOrder(LATE_MOVEMENT, OVERSELL);
    assertThat(ofType(alerts, OVERSELL).get(0).getQuantity()).isEqualTo("30");
  }

  @Test
  void shouldCountALateMovementProcessedEarlierInTheBookAtALaterOnesPlace() {
    receivedAndCounted();
    // given a late sale of 50 kg at 09:00, covered by the 200 kg before it
    engine.send(sale(LONDON, OATS, "50", "kg").at(AT_0900).id("late-1"));
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
    // when a late sale of 160 kg at 09:30 arrives: the book at it is 200 - 50 = 150
    engine.send(sale(LONDON, OATS, "160", "kg").at(AT_0930).id("late-2"));
    assertThat(ofType(engine.alerts(), OVERSELL))
        .extracting(Alert::getMovementId, Alert::getQuantity)
        .containsExactly(tuple("late-2", "10"));
  }

  @Test
  void shouldPlaceASaleAtTheInstantOfTheCountBeforeTheCount() {
    receivedAndCounted();
    // rank 1 < rank 2: a sale at 10:00 lies before the COUNT at 10:00, where the book is 200
    engine.send(sale(LONDON, OATS, "201", "kg").at(AT_1000).id("same-instant"));
    List<Alert> alerts = atLondonAbout(engine.alerts(), "same-instant");
    assertThat(alerts)
        .extracting(Alert::getType)
        .containsExactlyInAnyOrder(LATE_MOVEMENT, OVERSELL);
    assertThat(ofType(alerts, OVERSELL).get(0).getQuantity()).isEqualTo("1");
  }

  @Test
  void shouldGiveTheSameOversellIdWhicheverOrderTheMovementsArrivedIn() {
    // in order: the sale after the receipt, the COUNT last
    engine.send(
        receipt(LONDON, OATS, "200", "kg").at(AT_0800).id("r-1").supplier("S", CERTIFIED_NOP),
        sale(LONDON, OATS, "250", "kg").at(AT_0900).id("s-1"));
    List<Alert> inOrder = ofType(engine.alerts(), OVERSELL);
    // out of order, for another product: the COUNT first, the sale late
    String other = RICE;
    engine.send(
        receipt(LONDON, other, "200", "kg").at(AT_0800).id("r-1").supplier("S", CERTIFIED_NOP),
        count(LONDON, other, "100", "kg").at(AT_1000).id("c-1"),
        sale(LONDON, other, "250", "kg").at(AT_0900).id("s-1"));
    List<Alert> late = ofType(engine.alerts(), OVERSELL);
    assertThat(inOrder).extracting(Alert::getQuantity).containsExactly("50");
    assertThat(late).extracting(Alert::getQuantity).containsExactly("0.05"); // RICE is in t
    assertThat(late.get(0).getAlertId())
        .isEqualTo(AlertIds.of(AlertType.OVERSELL, "s-1", LONDON, other, null, "2025-11", null));
    assertThat(inOrder.get(0).getAlertId())
        .isEqualTo(AlertIds.of(AlertType.OVERSELL, "s-1", LONDON, OATS, null, "2025-11", null));
  }

  @Test
  void shouldRaiseOneLateMovementAndOversellForAnOutboundInAClosedPeriodBeforeTheLastCount() {
    // given October received 200, counted 100, and closed
    engine.send(
        receipt(LONDON, OATS, "200", "kg")
            .at("2025-10-05T08:00:00Z")
            .id("r-1")
            .supplier("S", CERTIFIED_NOP),
        count(LONDON, OATS, "100", "kg").at("2025-10-20T08:00:00Z").id("c-1"));
    engine.advanceWallClock(Duration.ofSeconds(40));
    assertThat(engine.snapshots())
        .extracting(s -> s.getPeriod())
        .contains("2025-10", "2025-11", "2025-12");
    engine.alerts();
    // when a sale of 250 kg dated 10 October arrives
    engine.send(sale(LONDON, OATS, "250", "kg").at("2025-10-10T08:00:00Z").id("late"));
    // then one LATE_MOVEMENT and an OVERSELL against the 200 kg before it
    List<Alert> alerts = about(engine.alerts(), "late");
    assertThat(alerts)
        .extracting(Alert::getType)
        .containsExactlyInAnyOrder(LATE_MOVEMENT, OVERSELL);
    assertThat(ofType(alerts, OVERSELL).get(0).getQuantity()).isEqualTo("50");
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("100");
  }
}
