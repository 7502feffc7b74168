package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.massbalance.engine.domain.Unit;

/**
 * A lot as the contract shows it ({@code site_id, product_id, lot_id, unit, received, remaining,
 * received_at, supplier_id, supplier_lot, supplier_nop_id, certified_at_receipt,
 * import_certificate, origin_country, allocations}): exact kilograms inside, the product's unit
 * outside.
 *
 * @param receivedKg what arrived at this site under this id (receipt, transfers in, adjustments)
 * @param receivedAt the original receipt's instant (kept across transfers)
 * @param certifiedAtReceipt null when the receipt named no NOP ID (or for an adjustment lot)
 * @param originSiteId the site of the original receipt
 * @param adjustment true for an adjustment lot, traced to no supplier
 * @param allocations the forward trace: every movement that drew from the lot, in order
 * @param transformationId the transformation that made the lot (its PROCESS_OUTPUT), or null
 * @param inputs the lots that transformation drew (its lineage), empty for a received lot
 * @param receiptMovementId the movement that created the lot where it was first received (its
 *     RECEIPT, or the transformation's PROCESS_OUTPUT), null for an adjustment lot
 */
public record LotView(
    String siteId,
    String productId,
    String lotId,
    Unit unit,
    BigDecimal receivedKg,
    BigDecimal remainingKg,
    Instant receivedAt,
    String supplierId,
    String supplierLot,
    String supplierNopId,
    Boolean certifiedAtReceipt,
    String importCertificate,
    String originCountry,
    String originSiteId,
    boolean adjustment,
    List<AllocationView> allocations,
    String transformationId,
    List<LotInputView> inputs,
    String receiptMovementId) {

  /** {@code received} in the product's unit, rounded half-even to 6 places. */
  public BigDecimal received() {
    return unit.fromKg(receivedKg);
  }

  /** {@code remaining} in the product's unit, rounded half-even to 6 places. */
  public BigDecimal remaining() {
    return unit.fromKg(remainingKg);
  }
}
