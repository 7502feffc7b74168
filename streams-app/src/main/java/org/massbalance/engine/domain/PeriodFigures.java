package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A period's mass balance as the contract's Arithmetic section defines it, in exact kilograms.
 *
 * @param figures the period's sums by {@link Figure} (every figure present)
 * @param counted the period's last COUNT, null without one
 * @param expectedAtCount opening + net of the period's non-COUNT movements before its last COUNT,
 *     null without one
 * @param variancePct 100 * count_variance / |expected_at_count| rounded to 6 places, null when not
 *     counted or when expected_at_count is 0
 * @param wastePct 100 * waste / base rounded to 6 places, null when base is 0
 */
public record PeriodFigures(
    BigDecimal opening,
    Map<Figure, BigDecimal> figures,
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

  /**
   * The period's running sums, exact kg.
   *
   * @param figures the sum of each {@link Figure} (a missing one is 0)
   * @param lastCount the period's last COUNT, null without one
   * @param netBeforeCount net of the non-COUNT movements before the last COUNT (all without one)
   * @param netAfterCount net of the non-COUNT movements after the last COUNT
   */
  public record Sums(
      Map<Figure, BigDecimal> figures,
      BigDecimal lastCount,
      BigDecimal netBeforeCount,
      BigDecimal netAfterCount) {

    /** The sum of {@code f}, 0 when absent. */
    public BigDecimal of(Figure f) {
      return figures.getOrDefault(f, BigDecimal.ZERO);
    }
  }

  /** The figure {@code f} of the period, exact kg. */
  public BigDecimal figure(Figure f) {
    return figures.getOrDefault(f, BigDecimal.ZERO);
  }

  /** The waste of the period, exact kg. */
  public BigDecimal waste() {
    return figure(Figure.WASTE);
  }

  /** Computes the figures of a period from its opening and sums, with the product's tolerance. */
  public static PeriodFigures compute(BigDecimal opening, Sums s, BigDecimal tolerancePct) {
    EnumMap<Figure, BigDecimal> figures = new EnumMap<>(Figure.class);
    BigDecimal expectedClosing = opening;
    BigDecimal base = opening.max(BigDecimal.ZERO);
    for (Figure f : Figure.values()) {
      BigDecimal v = s.of(f);
      figures.put(f, v);
      if (f.closingSign() > 0) {
        expectedClosing = expectedClosing.add(v);
      } else if (f.closingSign() < 0) {
        expectedClosing = expectedClosing.subtract(v);
      }
      if (f.wasteBase()) {
        base = base.add(v);
      }
    }
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
    BigDecimal waste = s.of(Figure.WASTE);
    BigDecimal wastePct = base.signum() == 0 ? null : Decimals.percent(waste, base);
    boolean wasteHigh =
        waste.signum() > 0
            && (base.signum() == 0
                || waste.multiply(HUNDRED).compareTo(tolerancePct.multiply(base)) > 0);
    return new PeriodFigures(
        opening,
        Collections.unmodifiableMap(figures),
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

  /**
   * Whether a period with these figures has a snapshot at all: every (site, product) with a
   * movement in the period or a nonzero opening gets one (the contract's Close).
   */
  public static boolean hasSnapshot(long movements, BigDecimal opening) {
    return movements > 0 || opening.signum() != 0;
  }

  /** A digest of the figures, to tell whether a restatement changes them. */
  public byte[] digest() {
    StringBuilder b = new StringBuilder();
    append(b, opening);
    for (Figure f : Figure.PUBLISHED) {
      if (f.digestedByPosition()) {
        append(b, figure(f));
      }
    }
    for (BigDecimal v :
        new BigDecimal[] {expectedClosing, counted, expectedAtCount, countVariance, closing}) {
      append(b, v);
    }
    b.append(status);
    // a figure added later is in the digest by name and only when it is not zero, so the digest of
    // a period without it, stored before the figure existed, is still the same
    for (Figure f : Figure.PUBLISHED) {
      if (!f.digestedByPosition() && figure(f).signum() != 0) {
        b.append('|').append(f.publishedField()).append('=');
        b.append(figure(f).stripTrailingZeros().toPlainString());
      }
    }
    return Sha256.of(b);
  }

  private static void append(StringBuilder b, BigDecimal v) {
    b.append(v == null ? "-" : v.stripTrailingZeros().toPlainString()).append('|');
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
