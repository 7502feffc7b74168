package org.massbalance.engine.query;

import java.math.BigDecimal;
import org.massbalance.engine.domain.Unit;

/**
 * One lot a transformation drew to make a lot (its lineage, one step down): the input lot with its
 * own receipt facts, or its own transformation when one made it.
 *
 * @param lotId null for a part of the input that no lot covered
 * @param unit the input product's unit
 * @param quantityKg what the transformation drew from it
 * @param organic whether the input product is organic
 * @param certifiedAtReceipt the input lot's own certification
 * @param transformationId the transformation that made the input lot, if one did
 * @param originSiteId where the input lot was first received
 */
public record LotInputView(
    String productId,
    String lotId,
    Unit unit,
    BigDecimal quantityKg,
    boolean organic,
    String supplierId,
    String supplierLot,
    String supplierNopId,
    Boolean certifiedAtReceipt,
    String transformationId,
    String originSiteId) {

  /** The quantity in the input product's unit, rounded half-even to 6 places. */
  public BigDecimal quantity() {
    return unit.fromKg(quantityKg);
  }
}
