package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.adjustment;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;

/**
 * Order of movements of one (site, product): (instant, rank, movement_id as UTF-8 bytes), rank 0
 * inbound, 1 outbound, 2 COUNT. Book balance: the last COUNT plus the net of the movements after
 * it. LATE_MOVEMENT: a movement that lands before the last COUNT of its (site, product).
 */
class OrderAroundCountSpec extends FreshEngine {

  @Test
  void shouldApplyASaleDatedAfterACountThatArrivesBeforeIt() {
    // given 100 kg received and a sale dated after the count, processed first
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01).id("r-1"));
    engine.send(sale(LONDON, OATS, "10", "kg").at(NOV_20).id("s-1"));
    // when the count (dated before the sale) arrives
    engine.send(count(LONDON, OATS, "96", "kg").at(NOV_15).id("c-1"));
    // then the book is the count plus the net after it
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("86");
    // and nothing is late: the sale lies after the count, the count after everything before it
    List<Alert> alerts = engine.alerts();
    assertThat(ofType(alerts, LATE_MOVEMENT)).isEmpty();
    assertThat(ofType(alerts, OVERSELL)).isEmpty();
    // and the count was judged against the book at it (100), 4 % off: within 5 %
    assertThat(ofType(alerts, VARIANCE_EXCEEDED)).isEmpty();
  }

  @Test
  void shouldNotChangeTheBookForAReceiptDatedBeforeTheLastCountAndRaiseLateMovement() {
    // given a receipt and a count
    engine.send(
        receipt(LONDON, OATS, "100", "kg").at(NOV_01).id("r-1"),
        count(LONDON, OATS, "100", "kg").at(NOV_15).id("c-1"));
    engine.alerts();
    // when a receipt dated before the count arrives
    engine.send(receipt(LONDON, OATS, "50", "kg").at(NOV_10).id("r-late"));
    // then the book stays at the count and one LATE_MOVEMENT names the movement
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("100");
    List<Alert> late = ofType(engine.alerts(), LATE_MOVEMENT);
    assertThat(late).hasSize(1);
    assertThat(late.get(0).getMovementId()).isEqualTo("r-late");
    assertThat(late.get(0).getSiteId()).isEqualTo(LONDON);
    assertThat(late.get(0).getProductId()).isEqualTo(OATS);
  }

  @Test
  void shouldRaiseLateMovementAndOversellForASaleDatedBeforeTheLastCountBeyondTheBookAtIt() {
    engine.send(
        receipt(LONDON, OATS, "10", "kg").at(NOV_01).id("r-1"),
        count(LONDON, OATS, "10", "kg").at(NOV_15).id("c-1"));
    engine.alerts();
    // when a sale larger than the book at its place (10), dated before the count, arrives
    engine.send(sale(LONDON, OATS, "500", "kg").at(NOV_10).id("s-late"));
    // then the book is unchanged, LATE_MOVEMENT is raised, and OVERSELL for the 490 kg short
    // (issue 19: the movement is judged against the book at its place in the order)
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("10");
    List<Alert> alerts = engine.alerts();
    assertThat(ofType(alerts, LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("s-late");
    assertThat(ofType(alerts, OVERSELL))
        .extracting(Alert::getMovementId, Alert::getQuantity)
        .containsExactly(tuple("s-late", "490"));
  }

  @Test
  void shouldApplyAMovementDatedOneMillisecondAfterTheLastCount() {
    engine.send(count(LONDON, OATS, "40", "kg").at("2025-11-15T12:00:00Z").id("c-1"));
    engine.send(receipt(LONDON, OATS, "2", "kg").at("2025-11-15T12:00:00.001Z").id("r-after"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("42");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT)).isEmpty();
  }

  @Test
  void shouldOrderAReceiptAtTheSameInstantAsACountBeforeTheCount() {
    engine.send(count(LONDON, OATS, "40", "kg").at(NOV_15).id("c-1"));
    // rank 0 < rank 2: the receipt belongs before the count even though its id sorts after
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_15).id("z-receipt"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("40");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("z-receipt");
  }

  @Test
  void shouldOrderASaleAtTheSameInstantAsACountBeforeTheCount() {
    engine.send(count(LONDON, OATS, "40", "kg").at(NOV_15).id("c-1"));
    engine.send(sale(LONDON, OATS, "5", "kg").at(NOV_15).id("z-sale"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("40");
    List<Alert> alerts = engine.alerts();
    assertThat(ofType(alerts, LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("z-sale");
    // and it is judged against the book before the count (0), not the count's 40
    assertThat(ofType(alerts, OVERSELL))
        .extracting(Alert::getMovementId, Alert::getQuantity)
        .containsExactly(tuple("z-sale", "5"));
  }

  @Test
  void shouldTreatTheCountWithTheGreaterIdAsTheLastOfTwoCountsAtOneInstant() {
    // given the count c-b, then the count c-a at the same instant ("c-a" < "c-b")
    engine.send(count(LONDON, OATS, "50", "kg").at(NOV_15).id("c-b"));
    engine.send(count(LONDON, OATS, "70", "kg").at(NOV_15).id("c-a"));
    // then c-b remains the last count and c-a is late
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("50");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("c-a");
  }

  @Test
  void shouldApplyTheLaterCountWhenTwoCountsAtOneInstantArriveInOrder() {
    engine.send(count(LONDON, OATS, "70", "kg").at(NOV_15).id("c-a"));
    engine.send(count(LONDON, OATS, "50", "kg").at(NOV_15).id("c-b"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("50");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT)).isEmpty();
  }

  @Test
  void shouldCompareMovementIdsAsUtf8BytesNotCaseInsensitively() {
    // "B1" (0x42...) sorts before "a1" (0x61...) by bytes, though after it ignoring case
    engine.send(count(LONDON, OATS, "50", "kg").at(NOV_15).id("a1"));
    engine.send(count(LONDON, OATS, "70", "kg").at(NOV_15).id("B1"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("50");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("B1");
  }

  @Test
  void shouldCompareNumericIdsAsBytesNotAsNumbers() {
    // "10" < "9" by bytes
    engine.send(count(LONDON, OATS, "50", "kg").at(NOV_15).id("9"));
    engine.send(count(LONDON, OATS, "70", "kg").at(NOV_15).id("10"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("50");
  }

  @Test
  void shouldReplaceTheBookWithACountAndAddOnlyMovementsAfterIt() {
    // sent entirely out of order
    engine.send(
        sale(LONDON, OATS, "5", "kg").at(NOV_25).id("s-2"),
        receipt(LONDON, OATS, "100", "kg").at(NOV_01).id("r-1"),
        adjustment(LONDON, OATS, "+3", "kg").at(NOV_20).id("a-1"),
        count(LONDON, OATS, "90", "kg").at(NOV_15).id("c-1"),
        sale(LONDON, OATS, "20", "kg").at(NOV_05).id("s-1"));
    // last COUNT 90 + 3 - 5; the sale s-1 (before the count) arrived after it: ignored
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("88");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("s-1");
  }

  @Test
  void shouldTakeADateOnlyCountAsTheLastMillisecondOfTheSiteLocalDay() {
    // given a count on 2025-11-15 at FRESNO (Los Angeles): 2025-11-16T07:59:59.999Z
    engine.send(count(FRESNO, OATS, "40", "kg").at("2025-11-15").id("c-1"));
    // when a sale at 23:59:59.999 local that day arrives (same instant, rank 1 < 2)
    engine.send(sale(FRESNO, OATS, "1", "kg").at("2025-11-15T23:59:59.999").id("s-late"));
    // and a sale at 08:00Z on the 16th (00:00 local on the 16th) arrives: after the count
    engine.send(sale(FRESNO, OATS, "2", "kg").at("2025-11-16T08:00:00Z").id("s-after"));
    // then only the second changes the book
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("38");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("s-late");
  }

  @Test
  void shouldTakeADateOnlyCountInUtcNotAtTheUtcEndOfDayForASiteInLosAngeles() {
    engine.send(count(FRESNO, OATS, "40", "kg").at("2025-11-15").id("c-1"));
    // 2025-11-16T07:00Z is still 2025-11-15 in Los Angeles: before the count
    engine.send(receipt(FRESNO, OATS, "5", "kg").at("2025-11-16T07:00:00Z").id("r-late"));
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("40");
    List<Alert> late = ofType(engine.alerts(), LATE_MOVEMENT);
    assertThat(late).extracting(Alert::getMovementId).containsExactly("r-late");
  }

  @Test
  void shouldTakeADateOnlyReceiptAsTheStartOfTheSiteLocalDay() {
    // given a count at 07:59:59.999Z on 2025-11-15 = 23:59:59.999 on 2025-11-14 in Los Angeles
    engine.send(count(FRESNO, OATS, "40", "kg").at("2025-11-15T07:59:59.999Z").id("c-1"));
    // when a receipt dated 2025-11-15 (00:00 local = 08:00Z) arrives: after the count
    engine.send(receipt(FRESNO, OATS, "5", "kg").at("2025-11-15").id("r-1"));
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("45");
    // when a sale dated 2025-11-14 (start of day) arrives: before the count
    engine.send(sale(FRESNO, OATS, "1", "kg").at("2025-11-14").id("s-late"));
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("45");
    List<Alert> alerts = engine.alerts();
    assertThat(ofType(alerts, LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("s-late");
    assertThat(instant(ofType(alerts, LATE_MOVEMENT).get(0).getOccurredAt()))
        .isEqualTo(Instant.parse("2025-11-14T08:00:00Z"));
  }

  @Test
  void shouldTakeADateOnlyCountAtAUtcSiteAsTheLastMillisecondOfTheUtcDay() {
    engine.send(count(LONDON, OATS, "40", "kg").at("2025-11-15").id("c-1"));
    engine.send(receipt(LONDON, OATS, "5", "kg").at("2025-11-15T23:59:59.999Z").id("r-late"));
    engine.send(receipt(LONDON, OATS, "7", "kg").at("2025-11-16").id("r-after"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("47");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("r-late");
  }

  @Test
  void shouldRaiseAtMostOneLateMovementPerMovement() {
    engine.send(count(LONDON, OATS, "40", "kg").at(NOV_15).id("c-1"));
    engine.send(sale(LONDON, OATS, "100", "kg").at(NOV_10).id("s-late"));
    engine.send(sale(LONDON, OATS, "100", "kg").at(NOV_10).id("s-late")); // identical repeat
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT)).hasSize(1);
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("40");
  }
}
