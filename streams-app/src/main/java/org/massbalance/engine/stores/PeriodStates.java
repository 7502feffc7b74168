package org.massbalance.engine.stores;

import java.math.BigDecimal;
import java.time.YearMonth;
import org.massbalance.avro.internal.PeriodState;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.PeriodFigures;

/** Keys and readings of the period store. */
public final class PeriodStates {

  private PeriodStates() {}

  /** The key {@code site|product|yyyy-MM}: also the snapshot topic's key. */
  public static String key(String siteId, String productId, YearMonth period) {
    return siteId + "|" + productId + "|" + period;
  }

  /** A period with no movement yet, ending at {@code endMs}. */
  public static PeriodState empty(long endMs) {
    return PeriodState.newBuilder().setEndMs(endMs).build();
  }

  /** The period's sums, for {@link PeriodFigures#compute}. */
  public static PeriodFigures.Sums sums(PeriodState s) {
    return new PeriodFigures.Sums(
        new BigDecimal(s.getReceiptsKg()),
        new BigDecimal(s.getSalesKg()),
        new BigDecimal(s.getWasteKg()),
        new BigDecimal(s.getTransfersInKg()),
        new BigDecimal(s.getTransfersOutKg()),
        new BigDecimal(s.getAdjustmentsKg()),
        new BigDecimal(s.getPositiveAdjustmentsKg()),
        Decimals.parse(s.getLastCountKg()),
        new BigDecimal(s.getNetBeforeCountKg()),
        new BigDecimal(s.getNetAfterCountKg()));
  }
}
