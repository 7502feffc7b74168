package org.massbalance.engine.stores;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.internal.LotFacts;
import org.massbalance.avro.internal.LotState;

/**
 * The lots on hand of one site|product over its {@link KeyState} record and the spill store (ADR
 * 18): the record keeps the oldest lots in first-in first-out order, at most a bound; a key holding
 * more keeps the newer ones in {@code lots-open-spill-store}, one entry per lot under {@code
 * site|product} 0x00 and its FIFO place (received_at, creation sequence) in bytes that sort in that
 * order, so a range scan of the key yields its spilled lots oldest first. Every lot of the record
 * comes before every spilled lot, so the lots on hand in FIFO order are the record's, then the
 * spilled ones.
 *
 * <p>The common case costs nothing more: a key with no more lots than the bound never touches the
 * spill store. A key with more writes one entry for a lot received after the record's newest (or
 * for the record's newest when an older lot takes its place), and moves lots back from the spill's
 * head in batches, up to the bound, when draws leave the record less than half full. Draws, COUNTs,
 * named lots and receipts into a held lot see every lot on hand, spilled or not, in exact FIFO
 * order.
 *
 * <p>One instance per processor: {@link #bind} it to the key's state for each movement and {@link
 * #settle} it at the end. The static methods read the lots on hand for queries.
 */
public final class OpenLots {

  private static final int POSITION = 8 + 4 + 8;

  private final KeyValueStore<Bytes, byte[]> spill;
  private final int bound;
  private final int refillBelow;

  private String key;
  private KeyState state;

  /**
   * Lots on hand over {@code spill}, with at most {@code bound} (at least 1) lots in each record.
   */
  public OpenLots(KeyValueStore<Bytes, byte[]> spill, int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("at least one lot in the record, not " + bound);
    }
    this.spill = spill;
    this.bound = bound;
    this.refillBelow = (bound + 1) / 2;
  }

  /** Works on the lots of {@code key}, whose record is {@code state}, from now on. */
  public OpenLots bind(String key, KeyState state) {
    this.key = key;
    this.state = state;
    return this;
  }

  /**
   * The lot on hand {@code lotId} (whose lots-store entry is {@code lot}), from the record or the
   * spill store, or null when it is not on hand. A spilled lot is a copy: after changing it, call
   * {@link #changed}.
   */
  public KeyState.OpenLot find(String lotId, LotState lot) {
    KeyState.OpenLot open = state.open(lotId);
    if (open != null || state.spilledLots <= 0 || lot == null) {
      return open;
    }
    LotFacts f = lot.getFacts();
    byte[] v =
        spill.get(
            spillKey(key, f.getReceivedEpochSecond(), f.getReceivedNano(), lot.getSequence()));
    if (v == null) {
      return null;
    }
    KeyState.OpenLot spilled = KeyStateSerde.decodeLot(v);
    return spilled.lotId.equals(lotId) ? spilled : null;
  }

  /** Puts a lot that is not on hand on hand, at its FIFO place. */
  public void add(KeyState.OpenLot lot) {
    if (state.spilledLots > 0 && state.openLots.isEmpty()) {
      refill();
    }
    List<KeyState.OpenLot> record = state.openLots;
    if (state.spilledLots > 0 && KeyState.FIFO.compare(lot, record.get(record.size() - 1)) > 0) {
      // after the record's newest: its place is among the spilled lots (one write)
      putSpilled(lot);
      state.spilledLots++;
      return;
    }
    state.addOpen(lot);
  }

  /**
   * Records that the remaining quantity of {@code lot} (from {@link #find}) changed: a lot used up
   * leaves the lots on hand, a spilled one is written back.
   */
  public void changed(KeyState.OpenLot lot) {
    for (KeyState.OpenLot l : state.openLots) {
      if (l == lot) {
        state.dropEmpty();
        return;
      }
    }
    Bytes k = spillKey(key, lot);
    if (lot.remainingKg.signum() > 0) {
      spill.put(k, KeyStateSerde.encodeLot(lot));
    } else {
      spill.delete(k);
      state.spilledLots--;
    }
  }

  /** Sum of all the lots on hand in kg, spilled ones included. */
  public BigDecimal onHandKg() {
    BigDecimal sum = state.onHandKg();
    if (state.spilledLots > 0) {
      for (KeyState.OpenLot l : spilled(spill, key)) {
        sum = sum.add(l.remainingKg);
      }
    }
    return sum;
  }

  /**
   * Draws {@code kg} from the lots on hand, oldest first over the record and then the spilled lots:
   * {@code take} is called with each lot and what to take from it, and must take it (lower the
   * lot's remaining quantity). Lots used up leave the lots on hand. Returns what the lots did not
   * cover.
   */
  public BigDecimal drawFifo(BigDecimal kg, BiConsumer<KeyState.OpenLot, BigDecimal> take) {
    BigDecimal rest = kg;
    while (true) {
      for (KeyState.OpenLot lot : state.openLots) {
        if (rest.signum() <= 0) {
          break;
        }
        BigDecimal part = lot.remainingKg.min(rest);
        take.accept(lot, part);
        rest = rest.subtract(part);
      }
      state.dropEmpty();
      // rest left: every lot of the record was used up, the next ones are the spill's head
      if (rest.signum() <= 0 || state.spilledLots <= 0 || !state.openLots.isEmpty()) {
        return rest;
      }
      if (refill() == 0) {
        return rest;
      }
    }
  }

  /**
   * Brings the record back within its bound at the end of a movement: the newest lots beyond it go
   * to the spill store, and a record left less than half full by draws is refilled from the spill's
   * head up to the bound.
   */
  public void settle() {
    List<KeyState.OpenLot> record = state.openLots;
    while (record.size() > bound) {
      putSpilled(record.remove(record.size() - 1));
      state.spilledLots++;
    }
    if (state.spilledLots > 0 && record.size() < refillBelow) {
      refill();
    }
  }

  /** Moves spilled lots, oldest first, into the record up to the bound; returns how many. */
  private int refill() {
    int room = bound - state.openLots.size();
    List<KeyValue<Bytes, byte[]>> moved = new ArrayList<>(Math.max(room, 0));
    boolean exhausted;
    try (KeyValueIterator<Bytes, byte[]> it = spill.range(spillStart(key), spillEnd(key))) {
      while (moved.size() < room && it.hasNext()) {
        moved.add(it.next());
      }
      exhausted = !it.hasNext();
    }
    for (KeyValue<Bytes, byte[]> kv : moved) {
      state.openLots.add(KeyStateSerde.decodeLot(kv.value));
      spill.delete(kv.key);
    }
    // the count follows the store; should they ever disagree, the store is what is on hand
    state.spilledLots = exhausted ? 0 : Math.max(state.spilledLots - moved.size(), 1);
    return moved.size();
  }

  private void putSpilled(KeyState.OpenLot lot) {
    spill.put(spillKey(key, lot), KeyStateSerde.encodeLot(lot));
  }

  // ---------------------------------------------------------------- reading, for queries

  /** Every lot on hand of {@code key} (record {@code state}, may be null), oldest first. */
  public static List<KeyState.OpenLot> all(
      ReadOnlyKeyValueStore<Bytes, byte[]> spill, String key, KeyState state) {
    if (state == null) {
      return List.of();
    }
    List<KeyState.OpenLot> out = new ArrayList<>(state.openLots);
    if (state.spilledLots > 0) {
      out.addAll(spilled(spill, key));
    }
    return out;
  }

  /**
   * The remaining kg of the lot {@code lot} of {@code key} (record {@code state}, may be null): 0
   * when it is not on hand.
   */
  public static BigDecimal remainingOf(
      ReadOnlyKeyValueStore<Bytes, byte[]> spill, String key, KeyState state, LotState lot) {
    if (state == null) {
      return BigDecimal.ZERO;
    }
    String lotId = lot.getFacts().getLotId();
    KeyState.OpenLot open = state.open(lotId);
    if (open != null) {
      return open.remainingKg;
    }
    if (state.spilledLots <= 0) {
      return BigDecimal.ZERO;
    }
    LotFacts f = lot.getFacts();
    byte[] v =
        spill.get(
            spillKey(key, f.getReceivedEpochSecond(), f.getReceivedNano(), lot.getSequence()));
    if (v == null) {
      return BigDecimal.ZERO;
    }
    KeyState.OpenLot spilled = KeyStateSerde.decodeLot(v);
    return spilled.lotId.equals(lotId) ? spilled.remainingKg : BigDecimal.ZERO;
  }

  /** The spilled lots of {@code key}, oldest first. */
  public static List<KeyState.OpenLot> spilled(
      ReadOnlyKeyValueStore<Bytes, byte[]> spill, String key) {
    List<KeyState.OpenLot> out = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = spill.range(spillStart(key), spillEnd(key))) {
      while (it.hasNext()) {
        out.add(KeyStateSerde.decodeLot(it.next().value));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- keys

  /** The spill-store key of a lot on hand of {@code key}. */
  public static Bytes spillKey(String key, KeyState.OpenLot lot) {
    return spillKey(key, lot.epochSecond, lot.nano, lot.sequence);
  }

  /**
   * {@code key} as UTF-8, 0x00 (ids never contain it, so one key's range never holds another's),
   * received_at seconds with the sign bit flipped and nanoseconds (as {@code OrderKey}), the
   * creation sequence with the sign bit flipped: unsigned byte order is FIFO order.
   */
  static Bytes spillKey(String key, long epochSecond, int nano, long sequence) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(k.length + 1 + POSITION);
    b.put(k);
    b.put((byte) 0);
    b.putLong(epochSecond ^ Long.MIN_VALUE);
    b.putInt(nano);
    b.putLong(sequence ^ Long.MIN_VALUE);
    return Bytes.wrap(b.array());
  }

  /** The first possible spill key of {@code key}. */
  static Bytes spillStart(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[k.length + 1];
    System.arraycopy(k, 0, out, 0, k.length);
    return Bytes.wrap(out);
  }

  /** A key after every spill key of {@code key} (the range's end is inclusive). */
  static Bytes spillEnd(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[k.length + 1];
    System.arraycopy(k, 0, out, 0, k.length);
    out[k.length] = 1;
    return Bytes.wrap(out);
  }
}
