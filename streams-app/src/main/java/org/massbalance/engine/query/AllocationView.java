package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.time.Instant;
import org.massbalance.engine.domain.Unit;

/**
 * A quantity a movement drew from a lot ({@code movement_id, type, quantity, occurred_at,
 * counterparty_id, document_ref}, and {@code to_site_id} for transfers).
 */
public record AllocationView(
    String lotId,
    String movementId,
    String type,
    Unit unit,
    BigDecimal quantityKg,
    Instant occurredAt,
    String counterpartyId,
    String documentRef,
    String toSiteId) {

  /** The quantity in the product's unit, rounded half-even to 6 places. */
  public BigDecimal quantity() {
    return unit.fromKg(quantityKg);
  }
}
