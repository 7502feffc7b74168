package org.massbalance.engine.stores;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.massbalance.avro.internal.PeriodState;
import org.massbalance.engine.domain.Figure;
import org.massbalance.engine.domain.OrderKey;

/**
 * The binary form of a {@link KeyState} (ADR 16): a format byte, then the fields in a fixed order,
 * integers as variable-length zig-zag numbers, strings and order keys as length and bytes, decimals
 * as scale and unscaled value (a long when it fits). No schema resolution and no intermediate
 * record: one pass each way, through a per-thread buffer that is reused. The count of spilled lots
 * on hand (ADR 18) comes last and only when positive, so a key without spilled lots is stored as
 * before; a spilled lot is stored in the same encoding as a lot of the record ({@link #encodeLot}).
 *
 * <p>Decimals keep their scale, except that a negative scale is stored as 0 (the same value): the
 * plain decimal strings stored before did the same, so the engine computes with the same values.
 */
public final class KeyStateSerde implements Serde<KeyState> {

  /**
   * The format byte written first: each lot on hand ends with its certification, each open period
   * with the figures added after the first format ({@link #LATER_FIGURES}), as a count and
   * name-value pairs of the non-zero ones; the record ends with the spilled lots' count, the latest
   * signed month and the open reservations.
   */
  public static final byte FORMAT = 0x11;

  /**
   * The first format, read still: its lots' certification is not kept, and its periods have none of
   * {@link #LATER_FIGURES} (all zero).
   */
  public static final byte FORMAT_1 = 0x10;

  /** The format byte of a spilled lot on hand ({@link #encodeLot}): with its certification. */
  public static final byte LOT_FORMAT = 0x11;

  /** The first format of a spilled lot, read still: its certification is not kept. */
  public static final byte LOT_FORMAT_1 = 0x10;

  /**
   * The period fields written by name: the {@code PeriodState} fields of the figures added after
   * the first format, so that adding a figure needs no change of the encoding.
   */
  static final List<String> LATER_FIGURES = laterFigures();

  private static List<String> laterFigures() {
    List<String> fields = new ArrayList<>();
    for (Figure f : Figure.values()) {
      if (f.publishedField() != null && !f.digestedByPosition()) {
        fields.add(f.stateField());
      }
    }
    return List.copyOf(fields);
  }

  private static final int[] LATER_POSITIONS =
      LATER_FIGURES.stream().mapToInt(n -> PeriodState.SCHEMA$.getField(n).pos()).toArray();

  private static final ThreadLocal<Writer> WRITER = ThreadLocal.withInitial(Writer::new);

  @Override
  public Serializer<KeyState> serializer() {
    return (topic, state) -> encode(state);
  }

  @Override
  public Deserializer<KeyState> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }

  /** The stored form; null for null. */
  public static byte[] encode(KeyState s) {
    if (s == null) {
      return null;
    }
    Writer w = WRITER.get();
    w.reset();
    w.put(FORMAT);
    w.orderKey(s.lastCountOrder);
    w.decimal(s.lastCountKg);
    w.decimal(s.lastCountBookKg);
    w.decimal(s.netKg);
    w.orderKey(s.maxOrder);
    w.varLong(s.movements);
    w.varLong(s.nextLotSequence);
    w.varLong(s.openLots.size());
    for (KeyState.OpenLot l : s.openLots) {
      lot(w, l);
    }
    w.varLong(s.openPeriods.size());
    for (var e : s.openPeriods.entrySet()) {
      w.string(e.getKey());
      period(w, e.getValue());
    }
    // the trailer: the spilled lots' count (ADR 18), the latest signed month, the open reservations
    w.varLong(s.spilledLots);
    w.string(s.signedThrough);
    w.varLong(s.reservations.size());
    for (KeyState.Reservation r : s.reservations) {
      w.string(r.id);
      w.decimal(r.kg);
      w.varLong(r.expiresAtMs);
    }
    return w.toArray();
  }

  /**
   * The stored form of one lot on hand, as it is written in the record (format byte, then the lot's
   * fields): the value of a spilled lot in {@code lots-open-spill-store} (ADR 18).
   */
  public static byte[] encodeLot(KeyState.OpenLot lot) {
    Writer w = WRITER.get();
    w.reset();
    w.put(LOT_FORMAT);
    lot(w, lot);
    return w.toArray();
  }

  /** Reads what {@link #encodeLot} wrote. */
  public static KeyState.OpenLot decodeLot(byte[] b) {
    if (b.length == 0 || (b[0] != LOT_FORMAT && b[0] != LOT_FORMAT_1)) {
      throw new IllegalArgumentException(
          "not a lot on hand (format byte " + (b.length == 0 ? "none" : b[0]) + ")");
    }
    return lot(new Reader(b, 1), b[0] == LOT_FORMAT);
  }

  /** A lot on hand: id, received_at, creation sequence, remaining kg, NOP ID, certification. */
  private static void lot(Writer w, KeyState.OpenLot l) {
    w.string(l.lotId);
    w.varLong(l.epochSecond);
    w.varLong(l.nano);
    w.varLong(l.sequence);
    w.decimal(l.remainingKg);
    w.string(l.nopId);
    w.put(l.certification);
  }

  /**
   * Reads a lot on hand; {@code withCertification} false for the first formats, which did not keep
   * it ({@link KeyState.OpenLot#CERTIFICATION_UNKNOWN}).
   */
  private static KeyState.OpenLot lot(Reader r, boolean withCertification) {
    String lotId = r.string();
    long sec = r.varLong();
    int nano = (int) r.varLong();
    long seq = r.varLong();
    BigDecimal remaining = r.decimal();
    String nop = r.string();
    byte certification = withCertification ? r.get() : KeyState.OpenLot.CERTIFICATION_UNKNOWN;
    return new KeyState.OpenLot(lotId, sec, nano, seq, remaining, nop, certification);
  }

  /** Reads the stored form; null for null. */
  public static KeyState decode(byte[] b) {
    if (b == null) {
      return null;
    }
    if (b.length == 0 || (b[0] != FORMAT && b[0] != FORMAT_1)) {
      throw new IllegalArgumentException(
          "not a key state (format byte " + (b.length == 0 ? "none" : b[0]) + ")");
    }
    boolean later = b[0] == FORMAT;
    Reader r = new Reader(b, 1);
    KeyState s = new KeyState();
    s.lastCountOrder = r.orderKey();
    s.lastCountKg = r.decimal();
    s.lastCountBookKg = r.decimal();
    s.netKg = r.decimal();
    s.maxOrder = r.orderKey();
    s.movements = r.varLong();
    s.nextLotSequence = r.varLong();
    int n = (int) r.varLong();
    for (int i = 0; i < n; i++) {
      s.openLots.add(lot(r, later));
    }
    int periods = (int) r.varLong();
    for (int i = 0; i < periods; i++) {
      String ym = r.string();
      s.openPeriods.put(ym, period(r, later));
    }
    if (!later) {
      // the first format: the spilled lots' count last, and only when positive
      s.spilledLots = r.more() ? r.varLong() : 0;
      return s;
    }
    s.spilledLots = r.varLong();
    s.signedThrough = r.string();
    int reservations = (int) r.varLong();
    for (int i = 0; i < reservations; i++) {
      s.reservations.add(new KeyState.Reservation(r.string(), r.decimal(), r.varLong()));
    }
    return s;
  }

  /**
   * A period's figures, field by field in the schema's order; its decimal strings are kept as
   * written (the period processor computes on them as strings).
   */
  private static void period(Writer w, PeriodState p) {
    w.varLong(p.getEndMs());
    w.string(p.getReceiptsKg());
    w.string(p.getSalesKg());
    w.string(p.getWasteKg());
    w.string(p.getTransfersInKg());
    w.string(p.getTransfersOutKg());
    w.string(p.getAdjustmentsKg());
    w.string(p.getPositiveAdjustmentsKg());
    w.buffer(p.getLastCountOrder());
    w.string(p.getLastCountKg());
    w.string(p.getNetBeforeCountKg());
    w.string(p.getNetAfterCountKg());
    w.varLong(p.getMovements());
    w.put(p.getClosed() ? (byte) 1 : (byte) 0);
    w.varLong(p.getRevision());
    w.string(p.getClosingKg());
    w.buffer(p.getPublishedDigest());
    w.put(p.getWasteHighRaised() ? (byte) 1 : (byte) 0);
    int nonZero = 0;
    for (int pos : LATER_POSITIONS) {
      if (!"0".equals(p.get(pos))) {
        nonZero++;
      }
    }
    w.varLong(nonZero);
    for (int i = 0; i < LATER_POSITIONS.length; i++) {
      Object v = p.get(LATER_POSITIONS[i]);
      if (!"0".equals(v)) {
        w.string(LATER_FIGURES.get(i));
        w.string((String) v);
      }
    }
  }

  private static PeriodState period(Reader r, boolean later) {
    PeriodState p = new PeriodState();
    for (int pos : LATER_POSITIONS) {
      p.put(pos, "0");
    }
    p.setEndMs(r.varLong());
    p.setReceiptsKg(r.string());
    p.setSalesKg(r.string());
    p.setWasteKg(r.string());
    p.setTransfersInKg(r.string());
    p.setTransfersOutKg(r.string());
    p.setAdjustmentsKg(r.string());
    p.setPositiveAdjustmentsKg(r.string());
    p.setLastCountOrder(r.buffer());
    p.setLastCountKg(r.string());
    p.setNetBeforeCountKg(r.string());
    p.setNetAfterCountKg(r.string());
    p.setMovements(r.varLong());
    p.setClosed(r.get() != 0);
    p.setRevision((int) r.varLong());
    p.setClosingKg(r.string());
    p.setPublishedDigest(r.buffer());
    p.setWasteHighRaised(r.get() != 0);
    if (later) {
      int n = (int) r.varLong();
      for (int i = 0; i < n; i++) {
        String field = r.string();
        String value = r.string();
        Schema.Field f = PeriodState.SCHEMA$.getField(field);
        if (f != null) {
          p.put(f.pos(), value);
        }
      }
    }
    return p;
  }

  /** A growable buffer, reused per thread. */
  static final class Writer {
    private byte[] buf = new byte[256];
    private int pos;

    void reset() {
      pos = 0;
    }

    byte[] toArray() {
      return Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
      if (pos + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
      }
    }

    void put(byte v) {
      ensure(1);
      buf[pos++] = v;
    }

    void bytes(byte[] v) {
      varLong(v.length);
      ensure(v.length);
      System.arraycopy(v, 0, buf, pos, v.length);
      pos += v.length;
    }

    /** Zig-zag, then 7 bits a byte. */
    void varLong(long v) {
      long z = (v << 1) ^ (v >> 63);
      ensure(10);
      while ((z & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((z & 0x7F) | 0x80);
        z >>>= 7;
      }
      buf[pos++] = (byte) z;
    }

    /**
     * 0 for null, else 1 and the UTF-8 bytes; ASCII text (ids, decimals, months) is copied into the
     * buffer as it is, without an intermediate array.
     */
    void string(String s) {
      if (s == null) {
        put((byte) 0);
        return;
      }
      put((byte) 1);
      int n = s.length();
      for (int i = 0; i < n; i++) {
        if (s.charAt(i) >= 0x80) {
          bytes(s.getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
      varLong(n);
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[pos++] = (byte) s.charAt(i);
      }
    }

    /** 0 for null, else 1 and the buffer's remaining bytes (the buffer is left untouched). */
    void buffer(java.nio.ByteBuffer b) {
      if (b == null) {
        put((byte) 0);
        return;
      }
      put((byte) 1);
      bytes(Buffers.toBytes(b));
    }

    void orderKey(OrderKey k) {
      if (k == null) {
        put((byte) 0);
        return;
      }
      put((byte) 1);
      bytes(k.bytes());
    }

    /** 0 for null; 1, scale and a long; 2, scale and the unscaled value's bytes. */
    void decimal(BigDecimal d) {
      if (d == null) {
        put((byte) 0);
        return;
      }
      if (d.scale() < 0) {
        d = d.setScale(0);
      }
      BigInteger u = d.unscaledValue();
      if (u.bitLength() < 64) {
        put((byte) 1);
        varLong(d.scale());
        varLong(u.longValue());
      } else {
        put((byte) 2);
        varLong(d.scale());
        bytes(u.toByteArray());
      }
    }
  }

  /** Reads what {@link Writer} wrote. */
  static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] buf, int pos) {
      this.buf = buf;
      this.pos = pos;
    }

    byte get() {
      return buf[pos++];
    }

    boolean more() {
      return pos < buf.length;
    }

    byte[] bytes() {
      int n = (int) varLong();
      byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return out;
    }

    long varLong() {
      long z = 0;
      int shift = 0;
      while (true) {
        byte b = buf[pos++];
        z |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
        shift += 7;
      }
      return (z >>> 1) ^ -(z & 1);
    }

    String string() {
      if (get() == 0) {
        return null;
      }
      int n = (int) varLong();
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    java.nio.ByteBuffer buffer() {
      return get() == 0 ? null : java.nio.ByteBuffer.wrap(bytes());
    }

    OrderKey orderKey() {
      return get() == 0 ? null : OrderKey.fromBytes(bytes());
    }

    BigDecimal decimal() {
      byte tag = get();
      if (tag == 0) {
        return null;
      }
      int scale = (int) varLong();
      if (tag == 1) {
        return BigDecimal.valueOf(varLong(), scale);
      }
      return new BigDecimal(new BigInteger(bytes()), scale);
    }
  }
}
