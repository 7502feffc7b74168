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
 * @param effect what the movement does to that ledger, as its type says for its side and sign
 */
public record LedgerMovement(
    LedgerInput input,
    MovementType type,
    Instant instant,
    BigDecimal quantityKg,
    boolean arrival,
    String key,
    MovementType.Effect effect) {

  /** Reads the ledger's view of an internal record. */
  public static LedgerMovement of(LedgerInput in) {
    Movement m = in.getMovement();
    boolean arrival = in.getArrival();
    MovementType type = MovementType.valueOf(m.getType());
    BigDecimal kg = new BigDecimal(in.getQuantityKg());
    return new LedgerMovement(
        in,
        type,
        Instant.ofEpochSecond(in.getEpochSecond(), in.getNano()),
        kg,
        arrival,
        Keys.ledger(arrival ? m.getToSiteId() : m.getSiteId(), m.getProductId()),
        type.effect(arrival, kg.signum()));
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

  /**
   * Whether the ledger de-duplicates the movement by its id: a movement read from the movements
   * topic; not a transfer's arrival nor a movement a transformation made (each applied once).
   */
  public boolean deduplicated() {
    return !arrival && type.fromMovementsTopic();
  }

  /** True for a COUNT. */
  public boolean isCount() {
    return effect.count();
  }

  /**
   * True for an outbound movement: SALE, WASTE, a transfer at its source, a negative ADJUSTMENT (as
   * its type's {@link MovementType.Effect} says).
   */
  public boolean isOutbound() {
    return effect.outbound();
  }

  /** The movement's effect on the book, in kg (zero for a COUNT, which sets it instead). */
  public BigDecimal signedKg() {
    return switch (effect.direction().sign()) {
      case 1 -> quantityKg.abs();
      case -1 -> quantityKg.signum() < 0 ? quantityKg : quantityKg.negate();
      default -> BigDecimal.ZERO;
    };
  }

  /** The amount an outbound movement takes (positive). */
  public BigDecimal outboundKg() {
    return quantityKg.abs();
  }

  /** Rank in the contract's order: 0 inbound, 1 outbound, 2 COUNT. */
  public int rank() {
    return effect.direction().rank();
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
