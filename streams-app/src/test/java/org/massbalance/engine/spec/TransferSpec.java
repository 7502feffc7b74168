package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.engine.domain.Unit;

/**
 * A TRANSFER is outbound at site_id and arrives at to_site_id at the same instant; the arrival is a
 * movement of the destination (rank 0) for alerts.
 */
class TransferSpec extends FreshEngine {

  @Test
  void shouldMoveTheQuantityFromTheSourceBookToTheDestinationBook() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(transfer(LONDON, FRESNO, OATS, "30", "kg").at(NOV_05).id("t-1"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("70");
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("30");
    // (a receipt without NOP ID and an import into the US raise certificate alerts: not here)
    assertThat(engine.alerts())
        .extracting(Alert::getType)
        .doesNotContain("OVERSELL", "LATE_MOVEMENT", "UNTRACEABLE_OUTBOUND", "LOT_OVERDRAWN");
    assertThat(engine.rejected()).isEmpty();
  }

  @Test
  void shouldMoveMixedUnitsExactly() {
    engine.send(receipt(FRESNO, ALMONDS, "10", "lb").at(NOV_01));
    engine.send(transfer(FRESNO, RENO, ALMONDS, "24", "oz").at(NOV_05));
    assertThat(engine.book(FRESNO, ALMONDS, Unit.LB)).isEqualByComparingTo("8.5");
    assertThat(engine.book(RENO, ALMONDS, Unit.LB)).isEqualByComparingTo("1.5");
    assertThat(engine.bookKg(RENO, ALMONDS)).isEqualByComparingTo("0.680388555");
  }

  @Test
  void shouldNotRaiseOversellForAnArrivalAtADestinationWithANegativeBook() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(sale(FRESNO, OATS, "10", "kg").at(NOV_01).id("s-dest"));
    assertThat(ofType(engine.alerts(), OVERSELL))
        .extracting(Alert::getSiteId)
        .containsExactly(FRESNO);
    engine.send(transfer(LONDON, FRESNO, OATS, "30", "kg").at(NOV_05).id("t-1"));
    assertThat(ofType(engine.alerts(), OVERSELL)).isEmpty();
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("20");
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("70");
  }

  @Test
  void shouldRaiseOversellAtTheSourceWhenATransferTakesMoreThanItsBook() {
    engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01));
    engine.send(transfer(LONDON, FRESNO, OATS, "30", "kg").at(NOV_05).id("t-1"));
    List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
    assertThat(oversells).hasSize(1);
    Alert a = oversells.get(0);
    assertThat(a.getSiteId()).isEqualTo(LONDON);
    assertThat(a.getMovementId()).isEqualTo("t-1");
    assertThat(a.getQuantity()).isEqualTo("20");
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("-20");
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("30");
  }

  @Test
  void shouldRaiseLateMovementAtTheDestinationForAnArrivalBeforeItsLastCount() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(count(FRESNO, OATS, "0", "kg").at(NOV_15).id("c-dest"));
    engine.alerts();
    engine.send(transfer(LONDON, FRESNO, OATS, "30", "kg").at(NOV_10).id("t-1"));
    // the source has no count: its book drops; the destination's count stands
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("70");
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("0");
    List<Alert> late = ofType(engine.alerts(), LATE_MOVEMENT);
    assertThat(late).hasSize(1);
    assertThat(late.get(0).getSiteId()).isEqualTo(FRESNO);
    assertThat(late.get(0).getMovementId()).isEqualTo("t-1");
  }

  @Test
  void shouldOrderAnArrivalAtTheInstantOfADestinationCountBeforeTheCount() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(count(FRESNO, OATS, "0", "kg").at(NOV_15).id("c-dest"));
    engine.send(transfer(LONDON, FRESNO, OATS, "30", "kg").at(NOV_15).id("t-1"));
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("0");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT))
        .extracting(Alert::getSiteId)
        .containsExactly(FRESNO);
  }

  @Test
  void shouldApplyAnIdenticalRepeatOfATransferOnceAtBothSites() {
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(transfer(LONDON, FRESNO, OATS, "30", "kg").at(NOV_05).id("t-1"));
    engine.send(transfer(LONDON, FRESNO, OATS, "30", "kg").at(NOV_05).id("t-1"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("70");
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("30");
    assertThat(duplicatesCounted()).isEqualTo(1.0);
  }

  @Test
  void shouldStillDeliverTheArrivalWhenTheTransferIsLateAtTheSource() {
    // given the source counted after the transfer's date
    engine.send(receipt(LONDON, OATS, "100", "kg").at(NOV_01));
    engine.send(count(LONDON, OATS, "70", "kg").at(NOV_15));
    engine.alerts();
    // when the transfer dated before that count arrives
    engine.send(transfer(LONDON, FRESNO, OATS, "30", "kg").at(NOV_10).id("t-1"));
    // then the source's count stands and LATE_MOVEMENT is raised at the source
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("70");
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT))
        .extracting(Alert::getSiteId)
        .containsExactly(LONDON);
    // and the destination, which has no count, receives the goods
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("30");
  }
}
