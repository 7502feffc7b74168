package org.massbalance.engine.domain;

import java.math.BigDecimal;

/**
 * A period's mass balance as the contract's Arithmetic section defines it, in exact kilograms.
 *
 * @param counted the period's last COUNT, null without one
 * @param expectedAtCount opening + net of the period's non-COUNT movements before its last COUNT,
 *     null without one
 * @param variancePct 100 * count_variance / |expected_at_count| rounded to 6 places, null when not
 *     counted or when expected_at_count is 0
 * @param wastePct 100 * waste / base rounded to 6 places, null when base is 0
 */
public record PeriodFigures(
    BigDecimal opening,
    BigDecimal receipts,
    BigDecimal sales,
    BigDecimal waste,
    BigDecimal transfersIn,
    BigDecimal transfersOut,
    BigDecimal adjustments,
    BigDecimal expectedClosing,
    BigDecimal counted,
    BigDecimal expectedAtCount,
    BigDecimal countVariance,
    BigDecimal variancePct,
    BigDecimal closing,
    BigDecimal wastePct,
    Status status,
    boolean wasteHigh) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** A period's status. */
  public enum Status {
    NOT_COUNTED,
    WITHIN_TOLERANCE,
    INVESTIGATE
  }

  /** The period's running sums, exact kg. */
  public record Sums(
      BigDecimal receipts,
      BigDecimal sales,
      BigDecimal waste,
      BigDecimal transfersIn,
      BigDecimal transfersOut,
      BigDecimal adjustments,
      BigDecimal positiveAdjustments,
      BigDecimal lastCount,
      BigDecimal netBeforeCount,
      BigDecimal netAfterCount) {}

  /** Computes the figures of a period from its opening and sums, with the product's tolerance. */
  public static PeriodFigures compute(BigDecimal opening, Sums s, BigDecimal tolerancePct) {
    BigDecimal expectedClosing =
        opening
            .add(s.receipts())
            .add(s.transfersIn())
            .subtract(s.sales())
            .subtract(s.waste())
            .subtract(s.transfersOut())
            .add(s.adjustments());
    BigDecimal counted = s.lastCount();
    BigDecimal expectedAtCount = null;
    BigDecimal variance = BigDecimal.ZERO;
    BigDecimal variancePct = null;
    BigDecimal closing = expectedClosing;
    Status status = Status.NOT_COUNTED;
    if (counted != null) {
      expectedAtCount = opening.add(s.netBeforeCount());
      variance = counted.subtract(expectedAtCount);
      variancePct = Decimals.percent(variance, expectedAtCount);
      closing = counted.add(s.netAfterCount());
      status = countStatus(counted, expectedAtCount, tolerancePct);
    }
    BigDecimal base =
        opening
            .max(BigDecimal.ZERO)
            .add(s.receipts())
            .add(s.transfersIn())
            .add(s.positiveAdjustments());
    BigDecimal wastePct = base.signum() == 0 ? null : Decimals.percent(s.waste(), base);
    boolean wasteHigh =
        s.waste().signum() > 0
            && (base.signum() == 0
                || s.waste().multiply(HUNDRED).compareTo(tolerancePct.multiply(base)) > 0);
    return new PeriodFigures(
        opening,
        s.receipts(),
        s.sales(),
        s.waste(),
        s.transfersIn(),
        s.transfersOut(),
        s.adjustments(),
        expectedClosing,
        counted,
        expectedAtCount,
        variance,
        variancePct,
        closing,
        wastePct,
        status,
        wasteHigh);
  }

  /** A digest of the figures, to tell whether a restatement changes them. */
  public byte[] digest() {
    StringBuilder b = new StringBuilder();
    for (BigDecimal v :
        new BigDecimal[] {
          opening,
          receipts,
          sales,
          waste,
          transfersIn,
          transfersOut,
          adjustments,
          expectedClosing,
          counted,
          expectedAtCount,
          countVariance,
          closing
        }) {
      b.append(v == null ? "-" : v.stripTrailingZeros().toPlainString()).append('|');
    }
    b.append(status);
    return Sha256.of(b);
  }

  /**
   * The status of a COUNT of {@code counted} against {@code expected}: WITHIN_TOLERANCE when 100 *
   * |counted - expected| <= tolerance * |expected| (so a zero count against a zero expectation is
   * within), else INVESTIGATE.
   */
  public static Status countStatus(
      BigDecimal counted, BigDecimal expected, BigDecimal tolerancePct) {
    BigDecimal variance = counted.subtract(expected);
    boolean within =
        variance.abs().multiply(HUNDRED).compareTo(tolerancePct.multiply(expected.abs())) <= 0;
    return within ? Status.WITHIN_TOLERANCE : Status.INVESTIGATE;
  }
}
