package org.massbalance.engine.domain;

import java.math.BigDecimal;

/**
 * The contract's rules for lots that are not alerts of their own (section Lots and traceability):
 * what a COUNT sets the lots on hand to, and when what an outbound movement could not draw is
 * UNTRACEABLE_OUTBOUND. Pure: the lots processor draws and creates the lots.
 */
public final class LotRules {

  private LotRules() {}

  /**
   * What the lots on hand sum to after a COUNT: max(book after it, 0). An excess is drawn first-in
   * first-out, a shortfall goes to the month's adjustment lot.
   */
  public static BigDecimal onHandAfterCount(BigDecimal bookAfterKg) {
    return bookAfterKg.max(BigDecimal.ZERO);
  }

  /**
   * Whether an outbound movement is UNTRACEABLE_OUTBOUND (at most one per movement): it names an
   * unknown lot, or part of it ({@code uncoveredKg}) could not be covered by lots and no OVERSELL
   * was raised for it (an OVERSELL already says the stock was not there).
   */
  public static boolean untraceable(
      boolean namedLotUnknown, BigDecimal uncoveredKg, boolean oversold) {
    return namedLotUnknown || (uncoveredKg.signum() > 0 && !oversold);
  }
}
