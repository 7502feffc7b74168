package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.util.Optional;
import org.massbalance.avro.Yield;

/**
 * The expected yield of a MAIN output from an input product, in percent of the input's mass (a
 * {@code yields} record): {@code min_pct} to {@code max_pct}, both included.
 *
 * @param minPct the lowest expected yield
 * @param maxPct the highest expected yield
 */
public record YieldBand(BigDecimal minPct, BigDecimal maxPct) {

  /**
   * The band of a {@code yields} record; empty when a bound is missing, not a decimal, negative, or
   * the minimum exceeds the maximum (such a record names no band).
   */
  public static Optional<YieldBand> of(Yield y) {
    BigDecimal min = decimal(y.getMinPct());
    BigDecimal max = decimal(y.getMaxPct());
    if (min == null || max == null || min.signum() < 0 || min.compareTo(max) > 0) {
      return Optional.empty();
    }
    return Optional.of(new YieldBand(min, max));
  }

  private static BigDecimal decimal(String s) {
    if (s == null || !MovementValidator.isQuantity(s.strip())) {
      return null;
    }
    return new BigDecimal(s.strip());
  }

  /** The band holding both this one and {@code other}. */
  public YieldBand span(YieldBand other) {
    return new YieldBand(minPct.min(other.minPct), maxPct.max(other.maxPct));
  }

  /** Whether {@code outputKg} from {@code inputKg} (positive) yields within the band. */
  public boolean holds(BigDecimal outputKg, BigDecimal inputKg) {
    BigDecimal hundredTimesOutput = outputKg.multiply(BigDecimal.valueOf(100));
    return hundredTimesOutput.compareTo(minPct.multiply(inputKg)) >= 0
        && hundredTimesOutput.compareTo(maxPct.multiply(inputKg)) <= 0;
  }
}
