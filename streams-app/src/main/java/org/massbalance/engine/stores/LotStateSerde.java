package org.massbalance.engine.stores;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.massbalance.avro.internal.LotFacts;
import org.massbalance.avro.internal.LotInput;
import org.massbalance.avro.internal.LotState;

/**
 * The binary encoding of {@code lots-store}'s values (ADR 20): a format byte, then the lot's facts
 * and figures in a fixed order with {@link KeyStateSerde}'s primitives (strings as a presence byte,
 * a length and UTF-8; integers zig-zag and 7 bits a byte), through a per-thread buffer. The
 * quantities stay the exact decimal strings the lot holds. No Avro schema resolution or generic
 * datum writer on the hot path.
 */
public final class LotStateSerde implements Serde<LotState> {

  /** The first byte of an encoded lot that no transformation made. */
  public static final byte FORMAT = 0x20;

  /**
   * The first byte of an encoded lot that a transformation made: the same fields, then its
   * transformation id and the input lots it drew (its lineage).
   */
  public static final byte FORMAT_MADE = 0x21;

  private static final ThreadLocal<KeyStateSerde.Writer> WRITER =
      ThreadLocal.withInitial(KeyStateSerde.Writer::new);

  @Override
  public Serializer<LotState> serializer() {
    return (topic, lot) -> lot == null ? null : encode(lot);
  }

  @Override
  public Deserializer<LotState> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  /** The stored form of {@code lot}. */
  public static byte[] encode(LotState lot) {
    KeyStateSerde.Writer w = WRITER.get();
    w.reset();
    LotFacts f = lot.getFacts();
    boolean made = f.getTransformationId() != null;
    w.put(made ? FORMAT_MADE : FORMAT);
    w.string(f.getLotId());
    w.string(f.getOriginSiteId());
    w.string(f.getOriginLotId());
    w.varLong(f.getReceivedEpochSecond());
    w.varLong(f.getReceivedNano());
    w.put((byte) (f.getAdjustment() ? 1 : 0));
    w.string(f.getReceiptMovementId());
    w.string(f.getSupplierId());
    w.string(f.getSupplierLot());
    w.string(f.getSupplierNopId());
    w.put(certified(f.getCertifiedAtReceipt()));
    w.string(f.getImportCertificate());
    w.string(f.getOriginCountry());
    w.string(lot.getSiteId());
    w.string(lot.getProductId());
    w.string(lot.getReceivedKg());
    w.string(lot.getRemainingKg());
    w.varLong(lot.getSequence());
    if (made) {
      w.string(f.getTransformationId());
      List<LotInput> inputs = f.getInputs() == null ? List.of() : f.getInputs();
      w.varLong(inputs.size());
      for (LotInput in : inputs) {
        w.string(in.getProductId());
        w.string(in.getLotId());
        w.string(in.getQuantityKg());
        w.put((byte) (in.getOrganic() ? 1 : 0));
        w.string(in.getSupplierId());
        w.string(in.getSupplierLot());
        w.string(in.getSupplierNopId());
        w.put(certified(in.getCertifiedAtReceipt()));
        w.string(in.getTransformationId());
        w.string(in.getOriginSiteId());
      }
    }
    return w.toArray();
  }

  private static byte certified(Boolean certified) {
    return (byte) (certified == null ? 0 : certified ? 2 : 1);
  }

  private static Boolean certified(byte b) {
    return b == 0 ? null : b == 2;
  }

  /** Reads what {@link #encode} wrote. */
  public static LotState decode(byte[] b) {
    if (b.length == 0 || (b[0] != FORMAT && b[0] != FORMAT_MADE)) {
      throw new IllegalArgumentException("not a lot record of this format");
    }
    KeyStateSerde.Reader r = new KeyStateSerde.Reader(b, 1);
    LotFacts f = new LotFacts();
    f.setLotId(r.string());
    f.setOriginSiteId(r.string());
    f.setOriginLotId(r.string());
    f.setReceivedEpochSecond(r.varLong());
    f.setReceivedNano((int) r.varLong());
    f.setAdjustment(r.get() != 0);
    f.setReceiptMovementId(r.string());
    f.setSupplierId(r.string());
    f.setSupplierLot(r.string());
    f.setSupplierNopId(r.string());
    f.setCertifiedAtReceipt(certified(r.get()));
    f.setImportCertificate(r.string());
    f.setOriginCountry(r.string());
    LotState lot = new LotState();
    lot.setFacts(f);
    lot.setSiteId(r.string());
    lot.setProductId(r.string());
    lot.setReceivedKg(r.string());
    lot.setRemainingKg(r.string());
    lot.setSequence(r.varLong());
    if (b[0] == FORMAT_MADE) {
      f.setTransformationId(r.string());
      int n = (int) r.varLong();
      List<LotInput> inputs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        LotInput in = new LotInput();
        in.setProductId(r.string());
        in.setLotId(r.string());
        in.setQuantityKg(r.string());
        in.setOrganic(r.get() != 0);
        in.setSupplierId(r.string());
        in.setSupplierLot(r.string());
        in.setSupplierNopId(r.string());
        in.setCertifiedAtReceipt(certified(r.get()));
        in.setTransformationId(r.string());
        in.setOriginSiteId(r.string());
        inputs.add(in);
      }
      f.setInputs(inputs);
    }
    return lot;
  }
}
