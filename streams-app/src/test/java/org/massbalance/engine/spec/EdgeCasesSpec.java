package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.movement;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.RejectedRecord;

/** Corners where several rules of the contract meet. */
class EdgeCasesSpec extends FreshEngine {

  @Test
  void shouldRaiseLateMovementForACountDatedBeforeTheLastCountAndKeepTheBook() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(count(LONDON, OATS, "80", "kg").at(NOV_15).id("c-last"));
    engine.alerts();
    engine.send(count(LONDON, OATS, "50", "kg").at(NOV_10).id("c-early"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("80");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT))
        .extracting(Alert::getMovementId)
        .containsExactly("c-early");
  }

  @Test
  void shouldRejectAnInvalidRepeatAgainRatherThanCountItAsADuplicate() {
    engine.send(receipt(LONDON, OATS, "-5", "kg").at(NOV_01).id("bad"));
    engine.send(receipt(LONDON, OATS, "-5", "kg").at(NOV_01).id("bad"));
    assertThat(engine.rejected()).hasSize(2);
    assertThat(duplicatesCounted()).isZero();
    assertThat(rejectedCounted()).isEqualTo(2.0);
  }

  @Test
  void shouldRejectAConflictingRepeatOfALateMovement() {
    engine.send(count(LONDON, OATS, "10", "kg").at(NOV_15));
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_10).id("r-late"));
    engine.send(receipt(LONDON, OATS, "6", "kg").at(NOV_10).id("r-late"));
    assertThat(engine.rejected())
        .extracting(RejectedRecord::getReason)
        .singleElement()
        .asString()
        .contains("conflicting duplicate");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT)).hasSize(1);
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("10");
  }

  @Test
  void shouldNotRaiseASecondVarianceForAnIdenticalRepeatOfACount() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(count(LONDON, OATS, "50", "kg").at(NOV_15).id("c-1"));
    engine.send(count(LONDON, OATS, "50", "kg").at(NOV_15).id("c-1"));
    List<Alert> alerts = engine.alerts();
    assertThat(ofType(alerts, VARIANCE_EXCEEDED)).hasSize(1);
    assertThat(ofType(alerts, LATE_MOVEMENT)).isEmpty();
    assertThat(duplicatesCounted()).isEqualTo(1.0);
  }

  @Test
  void shouldNameTheSiteLocalPeriodOnTheAlert() {
    // 2025-12-01T07:00Z is 2025-11-30 23:00 in Los Angeles
    engine.send(sale(FRESNO, OATS, "1", "kg").at("2025-12-01T07:00:00Z").id("s-nov"));
    engine.send(sale(LONDON, OATS, "1", "kg").at("2025-12-01T07:00:00Z").id("s-dec"));
    List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
    assertThat(about(oversells, "s-nov")).extracting(Alert::getPeriod).containsExactly("2025-11");
    assertThat(about(oversells, "s-dec")).extracting(Alert::getPeriod).containsExactly("2025-12");
  }

  @Test
  void shouldReportTheUndocumentedWasteInTheProductsUnit() {
    engine.send(receipt(LONDON, ALMONDS, "10", "lb").at(NOV_01));
    engine.send(waste(LONDON, ALMONDS, "24", "oz").at(NOV_05).document(null));
    assertThat(ofType(engine.alerts(), WASTE_UNDOCUMENTED))
        .extracting(Alert::getQuantity, Alert::getUnit)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1.5", "lb"));
  }

  @Test
  void shouldApplyTheDateOnlyCountRuleToALowerCaseCount() {
    engine.send(movement("count", FRESNO, OATS, "40", "kg").at("2025-11-15").id("c-1"));
    engine.send(sale(FRESNO, OATS, "1", "kg").at("2025-11-15T23:00").id("s-late"));
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("40");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT)).hasSize(1);
  }

  @Test
  void shouldStampTheAlertWithTheMovementsInstant() {
    engine.send(sale(FRESNO, OATS, "1", "kg").at("2025-11-20").id("s-1"));
    List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
    assertThat(oversells).hasSize(1);
    assertThat(instant(oversells.get(0).getOccurredAt()))
        .isEqualTo(Instant.parse("2025-11-20T08:00:00Z"));
  }

  @Test
  void shouldAcceptSingleCharacterIdsOfThePunctuationTheyAllow() {
    engine.send(receipt(LONDON, OATS, "1", "kg").at(NOV_01).id("."));
    engine.send(receipt(LONDON, OATS, "1", "kg").at(NOV_01).id("-"));
    engine.send(receipt(LONDON, OATS, "1", "kg").at(NOV_01).id("_"));
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("3");
  }

  @Test
  void shouldRejectATransferToASiteIdThatBreaksTheIdPattern() {
    // the contract lists site_id's pattern; to_site_id names a site too (contract silent)
    engine.send(transfer(LONDON, "X|Y", OATS, "1", "kg").at(NOV_01).id("t-bad"));
    assertThat(engine.rejected())
        .extracting(RejectedRecord::getReason)
        .singleElement()
        .asString()
        .containsIgnoringCase("to_site_id");
  }
}
