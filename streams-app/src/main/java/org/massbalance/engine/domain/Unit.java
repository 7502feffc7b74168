package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A unit of mass with its exact factor to kilograms (1 lb = 0.45359237 kg, 1 oz = 1/16 lb, 1 t =
 * 1000 kg, 1 g = 0.001 kg). Conversions to kilograms are exact; conversions back round half-even to
 * {@link #PRESENTATION_SCALE} places and are only used for presentation.
 */
public enum Unit {
  KG("kg", new BigDecimal("1")),
  G("g", new BigDecimal("0.001")),
  T("t", new BigDecimal("1000")),
  LB("lb", new BigDecimal("0.45359237")),
  OZ("oz", new BigDecimal("0.028349523125"));

  /** Decimal places of quantities and percentages as presented. */
  public static final int PRESENTATION_SCALE = 6;

  private final String symbol;
  private final BigDecimal kgPerUnit;

  /** Each unit under its symbol as the contract writes it: the common case, without a copy. */
  private static final Map<String, Optional<Unit>> BY_SYMBOL = new HashMap<>();

  static {
    for (Unit u : values()) {
      BY_SYMBOL.put(u.symbol, Optional.of(u));
    }
  }

  Unit(String symbol, BigDecimal kgPerUnit) {
    this.symbol = symbol;
    this.kgPerUnit = kgPerUnit;
  }

  /** The unit's symbol as the contract writes it: kg, g, t, lb, oz. */
  public String symbol() {
    return symbol;
  }

  /** Exact kilograms of {@code quantity} in this unit. */
  public BigDecimal toKg(BigDecimal quantity) {
    return quantity.multiply(kgPerUnit);
  }

  /** {@code kg} expressed in this unit, rounded half-even to 6 places. */
  public BigDecimal fromKg(BigDecimal kg) {
    return kg.divide(kgPerUnit, PRESENTATION_SCALE, RoundingMode.HALF_EVEN);
  }

  /** The unit named by {@code text} (case-insensitive, trimmed), if any. */
  public static Optional<Unit> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Optional<Unit> exact = BY_SYMBOL.get(text);
    if (exact != null) {
      return exact;
    }
    String s = text.strip().toLowerCase(Locale.ROOT);
    for (Unit u : values()) {
      if (u.symbol.equals(s)) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return symbol;
  }
}
