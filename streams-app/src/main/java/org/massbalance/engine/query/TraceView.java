package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.massbalance.engine.domain.Unit;

/**
 * The back trace of an outbound movement (or of a COUNT's excess): the lots it drew, each with its
 * receipt facts (supplier, supplier lot, NOP ID, certified at receipt, import certificate), and
 * what no lot covered.
 *
 * @param namedLotId the lot the movement named, if any
 * @param namedLotUnknown true when the site held no such lot
 * @param counterpartyId the movement's counterparty, if any
 * @param documentRef the movement's document, if any
 * @param toSiteId a TRANSFER's destination
 * @param reason the movement's reason, if any (a WASTE's cause)
 */
public record TraceView(
    String siteId,
    String productId,
    String movementId,
    String type,
    Instant occurredAt,
    Unit unit,
    BigDecimal quantityKg,
    BigDecimal uncoveredKg,
    String namedLotId,
    boolean namedLotUnknown,
    String counterpartyId,
    String documentRef,
    String toSiteId,
    String reason,
    List<TracedLot> lots) {

  /** One lot drawn: the allocation and the lot as it is now (its receipt facts). */
  public record TracedLot(AllocationView allocation, LotView lot) {}

  /** What no lot covered, in the product's unit. */
  public BigDecimal uncovered() {
    return unit.fromKg(uncoveredKg);
  }
}
