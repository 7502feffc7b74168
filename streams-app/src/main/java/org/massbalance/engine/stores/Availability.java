package org.massbalance.engine.stores;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.internal.LotState;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.ReservationRules;

/**
 * What a site|product can promise before a sale (the contract's Before each sale), read from its
 * key state: the book, the lots on hand, those certified at receipt, the open reservations and what
 * is available ({@link ReservationRules#availableKg}). The reservation processor judges with it and
 * the queries answer with it, so both count the same lots.
 *
 * @param bookKg the book balance
 * @param onHandKg the lots on hand
 * @param certifiedKg the lots on hand certified at receipt (the only ones available)
 * @param reservedKg the open reservations
 * @param lots the lots on hand, oldest first, with whether each is certified
 */
public record Availability(
    BigDecimal bookKg,
    BigDecimal onHandKg,
    BigDecimal certifiedKg,
    BigDecimal reservedKg,
    List<LotOnHand> lots) {

  /** A lot on hand: its id, remaining kg and whether it was certified at receipt. */
  public record LotOnHand(String lotId, BigDecimal remainingKg, boolean certified) {}

  /** Nothing on hand, nothing reserved (a key without movements). */
  public static final Availability NONE =
      new Availability(
          BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, List.of());

  /** Certified less reserved, never below 0. */
  public BigDecimal availableKg() {
    return ReservationRules.availableKg(certifiedKg, reservedKg);
  }

  /**
   * The availability of {@code key} (state {@code state}, null: none), its spilled lots in {@code
   * spill}; a lot whose certification its record does not keep (an older format) is read from
   * {@code lots}.
   */
  public static Availability of(
      String key,
      KeyState state,
      ReadOnlyKeyValueStore<Bytes, byte[]> spill,
      ReadOnlyKeyValueStore<String, LotState> lots) {
    if (state == null) {
      return NONE;
    }
    BigDecimal onHand = BigDecimal.ZERO;
    BigDecimal certified = BigDecimal.ZERO;
    List<LotOnHand> out = new ArrayList<>();
    for (KeyState.OpenLot l : OpenLots.all(spill, key, state)) {
      if (l.remainingKg.signum() <= 0) {
        continue;
      }
      boolean c = certified(key, l, lots);
      onHand = onHand.add(l.remainingKg);
      if (c) {
        certified = certified.add(l.remainingKg);
      }
      out.add(new LotOnHand(l.lotId, l.remainingKg, c));
    }
    return new Availability(
        BookStates.balanceKg(state), onHand, certified, state.reservedKg(), List.copyOf(out));
  }

  private static boolean certified(
      String key, KeyState.OpenLot l, ReadOnlyKeyValueStore<String, LotState> lots) {
    if (l.certification != KeyState.OpenLot.CERTIFICATION_UNKNOWN) {
      return l.certification == KeyState.OpenLot.CERTIFIED;
    }
    LotState s = lots.get(Keys.lot(key, l.lotId));
    return s != null && ReservationRules.countsAsAvailable(s.getFacts().getCertifiedAtReceipt());
  }
}
