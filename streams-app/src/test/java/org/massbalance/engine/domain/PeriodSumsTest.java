package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.PeriodState;

/**
 * A period's sums follow the contract's Arithmetic section: each movement adds to the figure of its
 * type (adjustments signed), and the last COUNT splits the period's net into before and after.
 */
class PeriodSumsTest {

  static final Instant T = Instant.parse("2025-11-10T08:00:00Z");

  static LedgerMovement mv(String id, String type, String kg, boolean arrival, Instant at) {
    Movement m =
        Movement.newBuilder()
            .setMovementId(id)
            .setType(type)
            .setSiteId("FRESNO")
            .setToSiteId(arrival ? "RENO" : null)
            .setProductId("OATS")
            .setQuantity(kg)
            .setUnit("kg")
            .build();
    return LedgerMovement.of(
        LedgerInput.newBuilder()
            .setMovement(m)
            .setEpochSecond(at.getEpochSecond())
            .setNano(at.getNano())
            .setQuantityKg(kg)
            .setArrival(arrival)
            .setSourceTopic("t")
            .setSourcePartition(0)
            .setSourceOffset(0)
            .build());
  }

  static void apply(PeriodState s, LedgerMovement m) {
    PeriodSums.apply(
        s,
        m,
        m.orderKey(),
        true,
        () -> {
          throw new AssertionError("in order: the period's net is the net before the COUNT");
        });
  }

  @Test
  void shouldAddEachMovementToTheFigureOfItsType() {
    PeriodState s = PeriodState.newBuilder().setEndMs(0L).build();
    apply(s, mv("r", "RECEIPT", "100", false, T));
    apply(s, mv("s", "SALE", "30", false, T));
    apply(s, mv("w", "WASTE", "2", false, T));
    apply(s, mv("t", "TRANSFER", "10", false, T));
    apply(s, mv("a", "TRANSFER", "4", true, T));
    apply(s, mv("p", "ADJUSTMENT", "5", false, T));
    apply(s, mv("n", "ADJUSTMENT", "-3", false, T));

    PeriodFigures f =
        PeriodFigures.compute(BigDecimal.TEN, PeriodSums.sums(s), new BigDecimal("5"));
    assertThat(f.figure(Figure.RECEIPTS)).isEqualByComparingTo("100");
    assertThat(f.figure(Figure.SALES)).isEqualByComparingTo("30");
    assertThat(f.figure(Figure.WASTE)).isEqualByComparingTo("2");
    assertThat(f.figure(Figure.TRANSFERS_OUT)).isEqualByComparingTo("10");
    assertThat(f.figure(Figure.TRANSFERS_IN)).isEqualByComparingTo("4");
    assertThat(f.figure(Figure.ADJUSTMENTS)).isEqualByComparingTo("2");
    // 10 + 100 + 4 - 30 - 2 - 10 + 2
    assertThat(f.expectedClosing()).isEqualByComparingTo("74");
    // base = max(opening, 0) + receipts + transfers in + positive adjustments = 119
    assertThat(f.wastePct()).isEqualByComparingTo("1.680672");
    assertThat(s.getMovements()).isEqualTo(7);
  }

  @Test
  void shouldSplitThePeriodsNetAtItsLastCount() {
    PeriodState s = PeriodState.newBuilder().setEndMs(0L).build();
    apply(s, mv("r", "RECEIPT", "100", false, T));
    apply(s, mv("c", "COUNT", "95", false, T.plusSeconds(60)));
    apply(s, mv("s", "SALE", "20", false, T.plusSeconds(120)));

    PeriodFigures f = PeriodFigures.compute(BigDecimal.ZERO, PeriodSums.sums(s), BigDecimal.TEN);
    assertThat(f.counted()).isEqualByComparingTo("95");
    assertThat(f.expectedAtCount()).isEqualByComparingTo("100");
    assertThat(f.countVariance()).isEqualByComparingTo("-5");
    assertThat(f.closing()).isEqualByComparingTo("75");
    assertThat(f.status()).isEqualTo(PeriodFigures.Status.WITHIN_TOLERANCE);
  }

  @Test
  void shouldAskForTheNetBeforeALateCount() {
    PeriodState s = PeriodState.newBuilder().setEndMs(0L).build();
    apply(s, mv("r", "RECEIPT", "100", false, T));
    apply(s, mv("s", "SALE", "20", false, T.plusSeconds(120)));
    LedgerMovement late = mv("c", "COUNT", "90", false, T.plusSeconds(60));
    PeriodSums.apply(s, late, late.orderKey(), false, () -> new BigDecimal("100"));

    PeriodFigures f = PeriodFigures.compute(BigDecimal.ZERO, PeriodSums.sums(s), BigDecimal.TEN);
    assertThat(f.expectedAtCount()).isEqualByComparingTo("100");
    assertThat(f.closing()).isEqualByComparingTo("70");
  }

  @Test
  void shouldGiveASnapshotOnlyToAPeriodWithAMovementOrANonZeroOpening() {
    assertThat(PeriodFigures.hasSnapshot(0, BigDecimal.ZERO)).isFalse();
    assertThat(PeriodFigures.hasSnapshot(1, BigDecimal.ZERO)).isTrue();
    assertThat(PeriodFigures.hasSnapshot(0, new BigDecimal("-1"))).isTrue();
  }
}
