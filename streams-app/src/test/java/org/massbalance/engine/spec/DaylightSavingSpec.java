package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;

/**
 * occurred_at without offset is in the site's zone: a time in a DST gap moves forward by the gap,
 * one in an overlap takes the earlier offset. Observed through the order against a COUNT at a UTC
 * instant: a sale at the count's instant or before it is late; after it, it is applied.
 *
 * <p>America/Los_Angeles: 2025-11-02 01:00-02:00 happens twice (PDT -07:00, then PST -08:00);
 * 2025-03-09 02:00-03:00 does not exist (PST -08:00 jumps to PDT -07:00).
 */
class DaylightSavingSpec extends FreshEngine {

  static final String OVERLAP_LOCAL = "2025-11-02T01:30";
  static final Instant OVERLAP_EARLIER = Instant.parse("2025-11-02T08:30:00Z"); // -07:00
  static final String GAP_LOCAL = "2025-03-09T02:30";
  static final Instant GAP_SHIFTED = Instant.parse("2025-03-09T10:30:00Z"); // 03:30 -07:00

  /** Counts at {@code countAt}, then sends a sale at {@code saleAt}; true if it was late. */
  private boolean saleIsLate(String countAt, String saleAt) {
    engine.send(count(FRESNO, OATS, "10", "kg").at(countAt).id("c-1"));
    engine.alerts();
    engine.send(sale(FRESNO, OATS, "1", "kg").at(saleAt).id("s-1"));
    List<Alert> late = ofType(engine.alerts(), LATE_MOVEMENT);
    boolean isLate = !late.isEmpty();
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo(isLate ? "10" : "9");
    return isLate;
  }

  @Test
  void shouldTakeTheEarlierOffsetForALocalTimeInTheFallBackOverlap() {
    // a count at the earlier reading (08:30Z): the sale is at the same instant, rank 1 < 2
    assertThat(saleIsLate(OVERLAP_EARLIER.toString(), OVERLAP_LOCAL)).isTrue();
  }

  @Test
  void shouldPlaceTheOverlapTimeBeforeACountBetweenTheTwoReadings() {
    // 09:00Z lies between 08:30Z (-07:00) and 09:30Z (-08:00)
    assertThat(saleIsLate("2025-11-02T09:00:00Z", OVERLAP_LOCAL)).isTrue();
  }

  @Test
  void shouldPlaceTheOverlapTimeAfterACountOneMillisecondBeforeTheEarlierReading() {
    assertThat(saleIsLate("2025-11-02T08:29:59.999Z", OVERLAP_LOCAL)).isFalse();
  }

  @Test
  void shouldHonourAnExplicitLaterOffsetInTheOverlap() {
    assertThat(saleIsLate("2025-11-02T09:00:00Z", OVERLAP_LOCAL + "-08:00")).isFalse();
  }

  @Test
  void shouldReportTheOverlapInstantOnTheAlert() {
    engine.send(count(FRESNO, OATS, "10", "kg").at("2025-11-02T12:00:00Z"));
    engine.alerts();
    engine.send(sale(FRESNO, OATS, "1", "kg").at(OVERLAP_LOCAL).id("s-1"));
    List<Alert> late = ofType(engine.alerts(), LATE_MOVEMENT);
    assertThat(late).hasSize(1);
    assertThat(instant(late.get(0).getOccurredAt())).isEqualTo(OVERLAP_EARLIER);
  }

  @Test
  void shouldMoveALocalTimeInTheSpringForwardGapForwardByTheGap() {
    // 02:30 does not exist; moved forward by one hour it is 03:30 PDT = 10:30Z
    assertThat(saleIsLate(GAP_SHIFTED.toString(), GAP_LOCAL)).isTrue();
  }

  @Test
  void shouldPlaceTheGapTimeAfterACountOneMillisecondBeforeTheShiftedInstant() {
    assertThat(saleIsLate("2025-03-09T10:29:59.999Z", GAP_LOCAL)).isFalse();
  }

  @Test
  void shouldNotClampTheGapTimeToTheEndOfTheGap() {
    // clamping to 03:00 PDT (10:00Z) or reading 02:30 as PDT (09:30Z) would put it before 10:15Z
    assertThat(saleIsLate("2025-03-09T10:15:00Z", GAP_LOCAL)).isFalse();
  }

  @Test
  void shouldReportTheShiftedGapInstantOnTheAlert() {
    engine.send(count(FRESNO, OATS, "10", "kg").at("2025-03-09T12:00:00Z"));
    engine.alerts();
    engine.send(sale(FRESNO, OATS, "1", "kg").at(GAP_LOCAL).id("s-1"));
    List<Alert> late = ofType(engine.alerts(), LATE_MOVEMENT);
    assertThat(late).hasSize(1);
    assertThat(instant(late.get(0).getOccurredAt())).isEqualTo(GAP_SHIFTED);
  }

  @Test
  void shouldEndADateOnlyCountOnTheFallBackDayAtItsLastLocalMillisecond() {
    // 2025-11-02 ends at 23:59:59.999 PST = 2025-11-03T07:59:59.999Z (a 25-hour day)
    assertThat(saleIsLate("2025-11-02", "2025-11-03T07:59:59.999Z")).isTrue();
  }

  @Test
  void shouldEndADateOnlyCountOnTheFallBackDayNoLater() {
    assertThat(saleIsLate("2025-11-02", "2025-11-03T08:00:00Z")).isFalse();
  }
}
