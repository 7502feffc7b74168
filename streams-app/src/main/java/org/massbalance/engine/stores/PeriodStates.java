package org.massbalance.engine.stores;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.internal.PeriodState;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.PeriodFigures;
import org.massbalance.engine.domain.PeriodSums;

/** Keys and readings of the period store. */
public final class PeriodStates {

  /**
   * Every field at its schema default (end_ms aside); built once through the builder, whose default
   * resolution is costly on the hot path. Its values are immutable (strings, numbers, booleans,
   * nulls), so copying them field by field is a complete copy ({@code PeriodStatesTest} holds the
   * copy equal to the builder's defaults, field for field).
   */
  private static final PeriodState D = PeriodState.newBuilder().setEndMs(0L).build();

  private PeriodStates() {}

  /** A period with no movement yet, ending at {@code endMs}. */
  public static PeriodState empty(long endMs) {
    PeriodState p = new PeriodState();
    for (int i = 0; i < FIELDS; i++) {
      p.put(i, D.get(i));
    }
    p.setEndMs(endMs);
    return p;
  }

  private static final int FIELDS = PeriodState.SCHEMA$.getFields().size();

  /** How far back an opening chain is followed (100 years of months). */
  private static final int MAX_CHAIN = 1200;

  /**
   * The opening of {@code period}: the closing of the month before it, which is the published
   * closing of a closed month, or for an open one its figures on its own opening; 0 where the chain
   * has no month.
   */
  public static BigDecimal opening(
      ReadOnlyKeyValueStore<String, PeriodState> periods,
      String siteId,
      String productId,
      YearMonth period,
      BigDecimal tolerancePct) {
    return opening(
        (Function<String, PeriodState>) periods::get, siteId, productId, period, tolerancePct);
  }

  /**
   * {@link #opening(ReadOnlyKeyValueStore, String, String, YearMonth, BigDecimal)} over a look-up.
   */
  public static BigDecimal opening(
      Function<String, PeriodState> periods,
      String siteId,
      String productId,
      YearMonth period,
      BigDecimal tolerancePct) {
    java.util.Deque<PeriodState> open = new java.util.ArrayDeque<>();
    BigDecimal closing = BigDecimal.ZERO;
    YearMonth p = period.minusMonths(1);
    for (int depth = 0; depth <= MAX_CHAIN; depth++, p = p.minusMonths(1)) {
      PeriodState s = periods.apply(Keys.period(siteId, productId, p));
      if (s == null) {
        break;
      }
      if (s.getClosed() && s.getClosingKg() != null) {
        closing = new BigDecimal(s.getClosingKg());
        break;
      }
      open.push(s);
    }
    while (!open.isEmpty()) {
      closing = PeriodFigures.compute(closing, PeriodSums.sums(open.pop()), tolerancePct).closing();
    }
    return closing;
  }
}
