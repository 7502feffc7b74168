package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The movement types and everything each one does, in one place: whether producers may write it to
 * the movements topic, its quantity rule and the fields it requires (validation), and for each side
 * of it its {@link Effect}: direction (sign and rank in the contract's order), the period figures
 * it feeds and the lot operation it performs. The ledger, lots, periods and validation ask the
 * type; no other class switches on it ({@code MovementTypeTest} keeps it so). Adding a type is an
 * entry here; docs/extending.md lists the rest.
 */
public enum MovementType {
  /** Goods received from a supplier: creates a lot. */
  RECEIPT(Effect.of(Direction.INBOUND, LotOperation.CREATE, Figure.RECEIPTS)),
  /** Goods sold: drawn from lots; what leaves must come from certified lots. */
  SALE(Effect.of(Direction.OUTBOUND, LotOperation.DRAW, Figure.SALES)) {
    @Override
    public boolean sellsToCustomer() {
      return true;
    }

    @Override
    public boolean consumesReservation() {
      return true;
    }
  },
  /** Goods destroyed or lost: drawn from lots, with a reason and a document. */
  WASTE(Effect.of(Direction.OUTBOUND, LotOperation.DRAW, Figure.WASTE)) {
    @Override
    public boolean needsReasonAndDocument() {
      return true;
    }
  },
  /**
   * Goods moved to another site: outbound at {@code site_id} (drawn from lots, which travel), and
   * its arrival, inbound at {@code to_site_id} (the carried lots are placed there).
   */
  TRANSFER(Effect.of(Direction.OUTBOUND, LotOperation.DRAW_AND_CARRY, Figure.TRANSFERS_OUT)) {
    private final Effect arrival =
        Effect.of(Direction.INBOUND, LotOperation.PLACE_CARRIED, Figure.TRANSFERS_IN);

    @Override
    public Effect effect(boolean arrival, int signum) {
      return arrival ? this.arrival : super.effect(false, signum);
    }

    @Override
    public boolean takesDestination() {
      return true;
    }
  },
  /**
   * A signed correction: a positive one goes to the month's adjustment lot, a negative one is drawn
   * from lots like a SALE.
   */
  ADJUSTMENT(
      Effect.of(
          Direction.INBOUND,
          LotOperation.TO_ADJUSTMENT_LOT,
          Figure.ADJUSTMENTS,
          Figure.POSITIVE_ADJUSTMENTS)) {
    private final Effect negative =
        Effect.of(Direction.OUTBOUND, LotOperation.DRAW, Figure.ADJUSTMENTS);

    @Override
    public Effect effect(boolean arrival, int signum) {
      return signum < 0 ? negative : super.effect(arrival, signum);
    }

    @Override
    public String quantityRule(BigDecimal q) {
      return q.signum() == 0 ? "must be non-zero for ADJUSTMENT" : null;
    }
  },
  /** A physical count: sets the book, and the lots to it. */
  COUNT(Effect.of(Direction.COUNT, LotOperation.SET_TO_BOOK)) {
    @Override
    public String quantityRule(BigDecimal q) {
      return q.signum() < 0 ? "must not be negative for COUNT" : null;
    }

    @Override
    public boolean dateMeansEndOfDay() {
      return true;
    }
  },
  /**
   * An input of a transformation (made by the engine, never read from the movements topic): drawn
   * from lots like a SALE, the lots drawn reported back to the transformation.
   */
  PROCESS_INPUT(Effect.of(Direction.OUTBOUND, LotOperation.DRAW_AND_REPORT, Figure.PROCESSED)) {
    @Override
    public boolean fromMovementsTopic() {
      return false;
    }
  },
  /**
   * An output of a transformation (made by the engine once every input is drawn): creates a lot
   * whose facts name the transformation and the input lots it came from.
   */
  PROCESS_OUTPUT(Effect.of(Direction.INBOUND, LotOperation.PRODUCE, Figure.PRODUCED)) {
    @Override
    public boolean fromMovementsTopic() {
      return false;
    }
  };

  /** Each type under its name as the contract writes it: the common case, without a copy. */
  private static final Map<String, Optional<MovementType>> BY_NAME = new HashMap<>();

  static {
    for (MovementType t : values()) {
      BY_NAME.put(t.name(), Optional.of(t));
    }
  }

  /** The types producers may write to the movements topic, comma-separated, for messages. */
  public static final String INPUT_NAMES =
      Arrays.stream(values())
          .filter(MovementType::fromMovementsTopic)
          .map(Enum::name)
          .collect(Collectors.joining(", "));

  private final Effect effect;

  MovementType(Effect effect) {
    this.effect = effect;
  }

  /** The type named by {@code text} (case-insensitive, trimmed), if any. */
  public static Optional<MovementType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Optional<MovementType> exact = BY_NAME.get(text);
    if (exact != null) {
      return exact;
    }
    try {
      return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * What a movement of this type does to its site|product's ledger.
   *
   * @param arrival true for a transfer's arrival at its destination
   * @param signum the sign of the movement's quantity (ADJUSTMENT is signed)
   */
  public Effect effect(boolean arrival, int signum) {
    return effect;
  }

  /**
   * Whether producers may write the type to the movements topic (the contract's six). The others
   * are made by the engine, which applies each once: the ledger de-duplicates only these.
   */
  public boolean fromMovementsTopic() {
    return true;
  }

  /**
   * The rule for a parsed quantity of this type, as the reason's text after {@code quantity: }, or
   * null when it holds: positive, except ADJUSTMENT (non-zero) and COUNT (zero allowed).
   */
  public String quantityRule(BigDecimal q) {
    return q.signum() <= 0 ? "must be positive for " + this : null;
  }

  /** Whether the type names a destination site ({@code to_site_id}, required, not its own). */
  public boolean takesDestination() {
    return false;
  }

  /**
   * Whether a movement of the type hands goods to a customer as what they are: an organic product
   * drawn from lots not certified at receipt leaves as organic (UNCERTIFIED_SOURCE).
   */
  public boolean sellsToCustomer() {
    return false;
  }

  /**
   * Whether a movement of the type may name a sale reservation ({@code reservation_id}), which it
   * then consumes (the contract's Before each sale).
   */
  public boolean consumesReservation() {
    return false;
  }

  /** Whether a movement of the type needs a reason and a document (else WASTE_UNDOCUMENTED). */
  public boolean needsReasonAndDocument() {
    return false;
  }

  /**
   * Whether an {@code occurred_at} that is a date alone means the end of that day (its last
   * millisecond) rather than its start.
   */
  public boolean dateMeansEndOfDay() {
    return false;
  }

  /** A movement's direction: its sign in the book and its rank in the contract's order. */
  public enum Direction {
    /** Adds to the book; rank 0. */
    INBOUND(OrderKey.RANK_INBOUND, 1),
    /** Takes from the book; rank 1. */
    OUTBOUND(OrderKey.RANK_OUTBOUND, -1),
    /** Sets the book; rank 2. */
    COUNT(OrderKey.RANK_COUNT, 0);

    private final int rank;
    private final int sign;

    Direction(int rank, int sign) {
      this.rank = rank;
      this.sign = sign;
    }

    /** Rank in the contract's order of movements of one site|product. */
    public int rank() {
      return rank;
    }

    /** What the movement's (unsigned) quantity is multiplied by for the book: 1, -1 or 0. */
    public int sign() {
      return sign;
    }
  }

  /** What a movement does to its site|product's lots. */
  public enum LotOperation {
    /** Creates a lot (the movement's {@code lot_id}, or one the engine assigns). */
    CREATE,
    /** Places the lots a transfer carries (its arrival). */
    PLACE_CARRIED,
    /** Adds to the month's adjustment lot. */
    TO_ADJUSTMENT_LOT,
    /** Draws from lots: the named lot first, then first-in first-out. */
    DRAW,
    /** Draws like {@link #DRAW}; the lots drawn travel to the destination with the arrival. */
    DRAW_AND_CARRY,
    /** Sets the lots on hand to sum to max(book, 0). */
    SET_TO_BOOK,
    /** Draws like {@link #DRAW}; the lots drawn are reported to the movement's transformation. */
    DRAW_AND_REPORT,
    /** Creates a lot made by a transformation, with its lineage, and reports it. */
    PRODUCE;

    /** Whether the operation creates a lot (whose id the site must not hold yet). */
    public boolean createsLot() {
      return this == CREATE || this == PRODUCE;
    }

    /**
     * Whether the operation brings goods into the site: received, produced there or transferred
     * there (an organic-only site then checks the product is organic).
     */
    public boolean bringsGoodsIn() {
      return this == CREATE || this == PRODUCE || this == PLACE_CARRIED;
    }
  }

  /**
   * One side of a type: what a movement does to the ledger of the site|product it belongs to.
   *
   * @param direction inbound, outbound or a count
   * @param lots the lot operation
   * @param figures the period figures its quantity adds to (see {@link Figure#amountOf})
   */
  public record Effect(Direction direction, LotOperation lots, List<Figure> figures) {

    static Effect of(Direction direction, LotOperation lots, Figure... figures) {
      return new Effect(direction, lots, List.of(figures));
    }

    /** True for an outbound movement. */
    public boolean outbound() {
      return direction == Direction.OUTBOUND;
    }

    /** True for a COUNT. */
    public boolean count() {
      return direction == Direction.COUNT;
    }
  }
}
