package org.massbalance.engine.query;

import java.math.BigDecimal;
import org.massbalance.engine.domain.Unit;

/** A lot on hand in a balance ({@code lot_id, remaining}). */
public record LotOnHand(String lotId, Unit unit, BigDecimal remainingKg) {

  /** {@code remaining} in the product's unit, rounded half-even to 6 places. */
  public BigDecimal remaining() {
    return unit.fromKg(remainingKg);
  }
}
