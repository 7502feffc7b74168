package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.time.Instant;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.Unit;

/**
 * The book of one site|product as queries show it: exact kilograms inside, the product's unit
 * outside.
 *
 * @param lastCountKg the last COUNT, null without one
 * @param lastCountBookKg the book at the last COUNT (what the records expected), null without one
 * @param reservedKg the quantity the key's open sale reservations hold
 */
public record BalanceView(
    String siteId,
    String productId,
    Unit unit,
    BigDecimal bookKg,
    BigDecimal lastCountKg,
    BigDecimal lastCountBookKg,
    Instant lastCountAt,
    long movements,
    BigDecimal reservedKg) {

  /** The book balance in the product's unit, rounded half-even to 6 places. */
  public BigDecimal book() {
    return unit.fromKg(bookKg);
  }

  /** counted - book at the last COUNT, in kg; null without a COUNT. */
  public BigDecimal lastCountVarianceKg() {
    return lastCountKg == null ? null : lastCountKg.subtract(lastCountBookKg);
  }

  /** 100 * variance / |book at the count|, 6 places; null without a COUNT or with a zero book. */
  public BigDecimal lastCountVariancePct() {
    return lastCountKg == null ? null : Decimals.percent(lastCountVarianceKg(), lastCountBookKg);
  }
}
