package org.massbalance.engine.stores;

import java.util.ArrayList;
import java.util.List;
import org.massbalance.avro.internal.LotAllocation;
import org.massbalance.avro.internal.MovementTrace;

/**
 * Binary encodings of the engine's internal values written on the hot path (ADR 20): a movement's
 * back trace (appended with its history entry). A format byte, then the fields in a fixed order
 * with {@link KeyStateSerde}'s primitives, through a per-thread buffer; quantities stay the exact
 * decimal strings they are. No Avro schema resolution or generic datum writer.
 */
public final class InternalCodecs {

  /** The first byte of an encoded back trace. */
  public static final byte TRACE_FORMAT = 0x30;

  private static final ThreadLocal<KeyStateSerde.Writer> WRITER =
      ThreadLocal.withInitial(KeyStateSerde.Writer::new);

  private InternalCodecs() {}

  /** The stored form of a back trace. */
  public static byte[] encodeTrace(MovementTrace t) {
    KeyStateSerde.Writer w = WRITER.get();
    w.reset();
    w.put(TRACE_FORMAT);
    w.string(t.getMovementId());
    w.string(t.getType());
    w.varLong(t.getEpochSecond());
    w.varLong(t.getNano());
    w.string(t.getQuantityKg());
    List<LotAllocation> allocations = t.getAllocations();
    w.varLong(allocations.size());
    for (LotAllocation a : allocations) {
      w.string(a.getMovementId());
      w.string(a.getType());
      w.string(a.getLotId());
      w.string(a.getQuantityKg());
      w.varLong(a.getEpochSecond());
      w.varLong(a.getNano());
      w.string(a.getCounterpartyId());
      w.string(a.getDocumentRef());
      w.string(a.getToSiteId());
    }
    w.string(t.getUncoveredKg());
    w.string(t.getNamedLotId());
    w.put((byte) (t.getNamedLotUnknown() ? 1 : 0));
    w.string(t.getCounterpartyId());
    w.string(t.getDocumentRef());
    w.string(t.getToSiteId());
    w.string(t.getReason());
    return w.toArray();
  }

  /** Reads what {@link #encodeTrace} wrote. */
  public static MovementTrace decodeTrace(byte[] b) {
    KeyStateSerde.Reader r = reader(b, TRACE_FORMAT, "back trace");
    MovementTrace t = new MovementTrace();
    t.setMovementId(r.string());
    t.setType(r.string());
    t.setEpochSecond(r.varLong());
    t.setNano((int) r.varLong());
    t.setQuantityKg(r.string());
    int n = (int) r.varLong();
    List<LotAllocation> allocations = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      LotAllocation a = new LotAllocation();
      a.setMovementId(r.string());
      a.setType(r.string());
      a.setLotId(r.string());
      a.setQuantityKg(r.string());
      a.setEpochSecond(r.varLong());
      a.setNano((int) r.varLong());
      a.setCounterpartyId(r.string());
      a.setDocumentRef(r.string());
      a.setToSiteId(r.string());
      allocations.add(a);
    }
    t.setAllocations(allocations);
    t.setUncoveredKg(r.string());
    t.setNamedLotId(r.string());
    t.setNamedLotUnknown(r.get() != 0);
    t.setCounterpartyId(r.string());
    t.setDocumentRef(r.string());
    t.setToSiteId(r.string());
    t.setReason(r.string());
    return t;
  }

  private static KeyStateSerde.Reader reader(byte[] b, byte format, String what) {
    if (b.length == 0 || b[0] != format) {
      throw new IllegalArgumentException("not a " + what + " of this format");
    }
    return new KeyStateSerde.Reader(b, 1);
  }
}
