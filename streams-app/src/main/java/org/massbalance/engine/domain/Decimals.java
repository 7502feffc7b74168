package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact-decimal helpers: parsing stored values and presenting rounded ones. */
public final class Decimals {

  private Decimals() {}

  /** Parses a stored plain decimal; null stays null. */
  public static BigDecimal parse(String s) {
    return s == null ? null : new BigDecimal(s);
  }

  /** Plain string of an exact value, for storage. */
  public static String store(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  /**
   * Presentation of an already rounded or exact value: rounded half-even to 6 places, trailing
   * zeros removed, plain notation ("715", "-0.694444").
   */
  public static String present(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal r = value.setScale(Unit.PRESENTATION_SCALE, RoundingMode.HALF_EVEN);
    if (r.signum() == 0) {
      return "0";
    }
    return r.stripTrailingZeros().toPlainString();
  }

  /** {@code kg} presented in {@code unit}. */
  public static String presentKg(BigDecimal kg, Unit unit) {
    return kg == null ? null : present(unit.fromKg(kg));
  }

  /** 100 * numerator / |denominator| rounded half-even to 6 places, or null when it is 0. */
  public static BigDecimal percent(BigDecimal numerator, BigDecimal denominator) {
    if (denominator.signum() == 0) {
      return null;
    }
    return numerator
        .multiply(BigDecimal.valueOf(100))
        .divide(denominator.abs(), Unit.PRESENTATION_SCALE, RoundingMode.HALF_EVEN);
  }
}
