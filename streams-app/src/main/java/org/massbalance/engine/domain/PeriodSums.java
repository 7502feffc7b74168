package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.massbalance.avro.internal.PeriodState;

/**
 * A period's running sums as movements are applied (the contract's Arithmetic section), kept in a
 * {@link PeriodState} in exact kilograms: each movement adds its quantity to the {@link Figure}s
 * its type names, and to the net before or after the period's last COUNT; a COUNT splits the
 * period's net at its place. The figures are read and written by name ({@link
 * Figure#stateField()}), so a new figure needs no code here.
 */
public final class PeriodSums {

  /** Each figure's field position in {@link PeriodState}. */
  private static final Map<Figure, Integer> POSITION = new EnumMap<>(Figure.class);

  static {
    for (Figure f : Figure.values()) {
      POSITION.put(f, PeriodState.SCHEMA$.getField(f.stateField()).pos());
    }
  }

  private PeriodSums() {}

  /**
   * Applies a movement to its period.
   *
   * @param mv the movement
   * @param order its place in the contract's order
   * @param netBeforeCount for a COUNT that becomes the period's last: the net of the period's
   *     non-COUNT movements before it (asked only when the COUNT is not the latest movement of the
   *     key; otherwise it is the period's whole net)
   * @param inOrder whether no processed movement of the key comes after this one
   */
  public static void apply(
      PeriodState s,
      LedgerMovement mv,
      OrderKey order,
      boolean inOrder,
      Supplier<BigDecimal> netBeforeCount) {
    s.setMovements(s.getMovements() + 1);
    OrderKey last = lastCount(s);
    if (mv.isCount()) {
      if (order.isAfter(last)) {
        BigDecimal total = dec(s.getNetBeforeCountKg()).add(dec(s.getNetAfterCountKg()));
        BigDecimal before = inOrder ? total : netBeforeCount.get();
        s.setLastCountOrder(ByteBuffer.wrap(order.bytes()));
        s.setLastCountKg(Decimals.store(mv.quantityKg()));
        s.setNetBeforeCountKg(Decimals.store(before));
        s.setNetAfterCountKg(Decimals.store(total.subtract(before)));
      }
      return;
    }
    for (Figure f : mv.effect().figures()) {
      add(s, f, f.amountOf(mv.quantityKg()));
    }
    if (last != null && order.isAfter(last)) {
      s.setNetAfterCountKg(add(s.getNetAfterCountKg(), mv.signedKg()));
    } else {
      s.setNetBeforeCountKg(add(s.getNetBeforeCountKg(), mv.signedKg()));
    }
  }

  /**
   * Books a movement dated in a signed month into this (unsigned) period as a correction: its
   * signed net goes to {@link Figure#CORRECTIONS} and counts as before any COUNT of the period; a
   * COUNT, which nets nothing, is only counted.
   */
  public static void correct(PeriodState s, LedgerMovement mv) {
    s.setMovements(s.getMovements() + 1);
    if (mv.isCount()) {
      return;
    }
    add(s, Figure.CORRECTIONS, mv.signedKg());
    s.setNetBeforeCountKg(add(s.getNetBeforeCountKg(), mv.signedKg()));
  }

  /** Adds {@code kg} to figure {@code f} of the period. */
  public static void add(PeriodState s, Figure f, BigDecimal kg) {
    int pos = POSITION.get(f);
    s.put(pos, add((String) s.get(pos), kg));
  }

  /** The sum of figure {@code f} of the period, exact kg. */
  public static BigDecimal of(PeriodState s, Figure f) {
    return dec((String) s.get(POSITION.get(f)));
  }

  /** The period's sums, for {@link PeriodFigures#compute}. */
  public static PeriodFigures.Sums sums(PeriodState s) {
    EnumMap<Figure, BigDecimal> figures = new EnumMap<>(Figure.class);
    for (Figure f : Figure.values()) {
      figures.put(f, of(s, f));
    }
    return new PeriodFigures.Sums(
        figures,
        Decimals.parse(s.getLastCountKg()),
        dec(s.getNetBeforeCountKg()),
        dec(s.getNetAfterCountKg()));
  }

  /** The order key of the period's last COUNT, or null. */
  private static OrderKey lastCount(PeriodState s) {
    ByteBuffer b = s.getLastCountOrder();
    if (b == null) {
      return null;
    }
    ByteBuffer d = b.duplicate();
    byte[] bytes = new byte[d.remaining()];
    d.get(bytes);
    return OrderKey.fromBytes(bytes);
  }

  private static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  private static String add(String a, BigDecimal b) {
    return new BigDecimal(a).add(b).toPlainString();
  }
}
