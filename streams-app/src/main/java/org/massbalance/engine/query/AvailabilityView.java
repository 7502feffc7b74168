package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.util.List;
import org.massbalance.engine.domain.ReservationRules;

/**
 * What a site|product can promise before a sale, as queries show it (exact kg): the book, the lots
 * on hand, those certified at receipt, the open reservations and the lots on hand oldest first.
 */
public record AvailabilityView(
    BigDecimal bookKg,
    BigDecimal onHandKg,
    BigDecimal certifiedKg,
    BigDecimal reservedKg,
    List<Lot> lots) {

  /** A lot on hand: its id, remaining kg and whether it was certified at receipt. */
  public record Lot(String lotId, BigDecimal remainingKg, boolean certified) {}

  /** Certified less reserved, never below 0. */
  public BigDecimal availableKg() {
    return ReservationRules.availableKg(certifiedKg, reservedKg);
  }
}
