package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.LedgerInput;

/**
 * A validated movement as one site|product's ledger sees it. For a transfer this is either its
 * departure at {@code site_id} (outbound) or its arrival at {@code to_site_id} (inbound), and
 * {@link #siteId()} is the site whose ledger it belongs to.
 *
 * @param key the ledger key {@code site|product} of {@link #siteId()} and {@link #productId()}
 */
public record LedgerMovement(
    LedgerInput input,
    MovementType type,
    Instant instant,
    BigDecimal quantityKg,
    boolean arrival,
    String key) {

  /** Reads the ledger's view of an internal record. */
  public static LedgerMovement of(LedgerInput in) {
    Movement m = in.getMovement();
    boolean arrival = in.getArrival();
    return new LedgerMovement(
        in,
        MovementType.valueOf(m.getType()),
        Instant.ofEpochSecond(in.getEpochSecond(), in.getNano()),
        new BigDecimal(in.getQuantityKg()),
        arrival,
        Keys.ledger(arrival ? m.getToSiteId() : m.getSiteId(), m.getProductId()));
  }

  /** The movement's fields. */
  public Movement movement() {
    return input.getMovement();
  }

  /** The movement's id. */
  public String movementId() {
    return movement().getMovementId();
  }

  /** The site whose ledger this is: the destination for an arrival. */
  public String siteId() {
    return arrival ? movement().getToSiteId() : movement().getSiteId();
  }

  /** The product. */
  public String productId() {
    return movement().getProductId();
  }

  /** True for a COUNT. */
  public boolean isCount() {
    return type == MovementType.COUNT;
  }

  /** True for SALE, WASTE, a transfer at its source and a negative ADJUSTMENT. */
  public boolean isOutbound() {
    return switch (type) {
      case SALE, WASTE -> true;
      case TRANSFER -> !arrival;
      case ADJUSTMENT -> quantityKg.signum() < 0;
      default -> false;
    };
  }

  /** The movement's effect on the book, in kg (zero for a COUNT, which sets it instead). */
  public BigDecimal signedKg() {
    return switch (type) {
      case RECEIPT, ADJUSTMENT -> quantityKg;
      case SALE, WASTE -> quantityKg.negate();
      case TRANSFER -> arrival ? quantityKg : quantityKg.negate();
      case COUNT -> BigDecimal.ZERO;
    };
  }

  /** The amount an outbound movement takes (positive). */
  public BigDecimal outboundKg() {
    return quantityKg.abs();
  }

  /** Rank in the contract's order: 0 inbound, 1 outbound, 2 COUNT. */
  public int rank() {
    if (isCount()) {
      return OrderKey.RANK_COUNT;
    }
    return isOutbound() ? OrderKey.RANK_OUTBOUND : OrderKey.RANK_INBOUND;
  }

  /** Position in the contract's order of movements of its site|product. */
  public OrderKey orderKey() {
    return OrderKey.of(instant, rank(), movementId(), arrival ? movement().getSiteId() : null);
  }

  /** The calendar month of the movement in {@code zone}. */
  public YearMonth period(ZoneId zone) {
    return ZoneOffsets.month(instant, zone);
  }
}
