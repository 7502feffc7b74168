package org.massbalance.engine.stores;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.massbalance.avro.internal.PeriodState;
import org.massbalance.engine.domain.OrderKey;

/**
 * The compact state of one {@code site|product}: everything the next movement needs, read once and
 * written once per movement ({@code ledger-book-store}, encoded by {@link KeyStateSerde}; ADR 16).
 *
 * <ul>
 *   <li>the book: the last COUNT (order key, kg, book at it), the net after it, the greatest order
 *       key processed, the movements applied;
 *   <li>the next lot creation sequence;
 *   <li>the lots on hand (remaining &gt; 0) in first-in first-out order (received_at, creation
 *       sequence) with their remaining quantities and supplier NOP IDs: the oldest ones, at most a
 *       bound; the newer ones of a key holding more are spilled to {@code lots-open-spill-store}
 *       (their count is kept here; {@link OpenLots}, ADR 18). A lot's immutable receipt facts are
 *       written once, in {@code lots-store};
 *   <li>the open periods' running figures, by {@code yyyy-MM}. A period leaves the record when it
 *       closes: closed periods (which only a late movement changes) are kept in {@code
 *       period-state-store}, out of the record every movement rewrites.
 * </ul>
 *
 * <p>Mutable: the ledger reads it, the processors after it (lots) update it in the same call, and
 * the ledger writes it back once.
 */
public final class KeyState {

  /** FIFO order: received_at, then creation sequence. */
  static final Comparator<OpenLot> FIFO =
      Comparator.comparingLong((OpenLot l) -> l.epochSecond)
          .thenComparingInt(l -> l.nano)
          .thenComparingLong(l -> l.sequence);

  /** The last COUNT's order key, or null. */
  public OrderKey lastCountOrder;

  /** The last COUNT's quantity in kg, or null. */
  public BigDecimal lastCountKg;

  /** The book at the last COUNT, or null. */
  public BigDecimal lastCountBookKg;

  /** Net of the movements after the last COUNT (of all, without one). */
  public BigDecimal netKg = BigDecimal.ZERO;

  /** The greatest order key processed, or null. */
  public OrderKey maxOrder;

  /** Movements applied. */
  public long movements;

  /** The next lot creation sequence. */
  public long nextLotSequence = 1;

  /**
   * The oldest lots on hand, oldest first: all of them, or the first ones when {@link #spilledLots}
   * is positive (every lot here comes before every spilled one).
   */
  public final List<OpenLot> openLots = new ArrayList<>();

  /** How many newer lots on hand are in the spill store ({@link OpenLots}); 0 for most keys. */
  public long spilledLots;

  /**
   * The open periods' figures by {@code yyyy-MM} (in memory: the live objects, updated in place).
   */
  public final TreeMap<String, PeriodState> openPeriods = new TreeMap<>();

  /**
   * The latest month ({@code yyyy-MM}) signed off for the key, or null: a movement dated in it or
   * before is booked as a correction into the month after it (the contract's Period sign-off).
   */
  public String signedThrough;

  /** The open (accepted, not expired, not consumed) sale reservations of the key, oldest first. */
  public final List<Reservation> reservations = new ArrayList<>();

  /** An accepted sale reservation holding {@code kg} until {@code expiresAtMs} (wall clock). */
  public static final class Reservation {
    /** The reservation id. */
    public final String id;

    /** The quantity held, kg. */
    public final BigDecimal kg;

    /** When it expires, epoch ms. */
    public final long expiresAtMs;

    /** An open reservation. */
    public Reservation(String id, BigDecimal kg, long expiresAtMs) {
      this.id = id;
      this.kg = kg;
      this.expiresAtMs = expiresAtMs;
    }
  }

  /** The quantity the open reservations hold, kg. */
  public BigDecimal reservedKg() {
    BigDecimal sum = BigDecimal.ZERO;
    for (Reservation r : reservations) {
      sum = sum.add(r.kg);
    }
    return sum;
  }

  /**
   * Not stored: the back trace of the movement being processed, set by the lots processor and
   * appended by the ledger with the movement's history entry (one write for both); null when the
   * movement drew nothing to trace.
   */
  public transient byte[] pendingTrace;

  /** The book balance in kg: the last COUNT plus the net after it, or the net of all. */
  public BigDecimal balance() {
    return lastCountKg == null ? netKg : lastCountKg.add(netKg);
  }

  /**
   * The open lot {@code lotId} of the record, or null when the record holds none of it on hand (a
   * spilled lot is found by {@link OpenLots#find}).
   */
  public OpenLot open(String lotId) {
    for (OpenLot l : openLots) {
      if (l.lotId.equals(lotId)) {
        return l;
      }
    }
    return null;
  }

  /** The remaining kg of {@code lotId} in the record: 0 when the record does not hold it. */
  public BigDecimal remainingOf(String lotId) {
    OpenLot l = open(lotId);
    return l == null ? BigDecimal.ZERO : l.remainingKg;
  }

  /** Puts a lot on hand at its FIFO place. */
  public void addOpen(OpenLot lot) {
    int i = openLots.size();
    while (i > 0 && FIFO.compare(openLots.get(i - 1), lot) > 0) {
      i--;
    }
    openLots.add(i, lot);
  }

  /** Removes the lots whose remaining quantity is no longer positive. */
  public void dropEmpty() {
    openLots.removeIf(l -> l.remainingKg.signum() <= 0);
  }

  /** Sum of the record's lots on hand in kg (with the spilled ones: {@link OpenLots#onHandKg}). */
  public BigDecimal onHandKg() {
    BigDecimal sum = BigDecimal.ZERO;
    for (OpenLot l : openLots) {
      sum = sum.add(l.remainingKg);
    }
    return sum;
  }

  /**
   * A lot on hand: its id, FIFO place, remaining kg, supplier NOP ID (null without one) and
   * certification at receipt (so that a sale knows what it draws without reading the lots store).
   */
  public static final class OpenLot {
    /** Certification not kept with the lot (stored before it was): read the lot's facts. */
    public static final byte CERTIFICATION_UNKNOWN = 0;

    /** {@code certified_at_receipt} null: an adjustment lot. */
    public static final byte CERTIFICATION_NONE = 1;

    /** {@code certified_at_receipt} false. */
    public static final byte NOT_CERTIFIED = 2;

    /** {@code certified_at_receipt} true. */
    public static final byte CERTIFIED = 3;

    /** The lot id at this site|product. */
    public final String lotId;

    /** received_at, epoch seconds. */
    public final long epochSecond;

    /** received_at, nanoseconds. */
    public final int nano;

    /** Creation sequence. */
    public final long sequence;

    /** Remaining kg (positive while on hand). */
    public BigDecimal remainingKg;

    /** The supplier's NOP ID, or null. */
    public final String nopId;

    /** The lot's certification at receipt: one of the constants above. */
    public final byte certification;

    /** A lot on hand whose certification is not kept ({@link #CERTIFICATION_UNKNOWN}). */
    public OpenLot(
        String lotId,
        long epochSecond,
        int nano,
        long sequence,
        BigDecimal remainingKg,
        String nopId) {
      this(lotId, epochSecond, nano, sequence, remainingKg, nopId, CERTIFICATION_UNKNOWN);
    }

    /** A lot on hand. */
    public OpenLot(
        String lotId,
        long epochSecond,
        int nano,
        long sequence,
        BigDecimal remainingKg,
        String nopId,
        byte certification) {
      this.lotId = lotId;
      this.epochSecond = epochSecond;
      this.nano = nano;
      this.sequence = sequence;
      this.remainingKg = remainingKg;
      this.nopId = nopId;
      this.certification = certification;
    }

    /** The certification byte of {@code certified_at_receipt}. */
    public static byte certification(Boolean certifiedAtReceipt) {
      if (certifiedAtReceipt == null) {
        return CERTIFICATION_NONE;
      }
      return certifiedAtReceipt ? CERTIFIED : NOT_CERTIFIED;
    }
  }
}
