package org.massbalance.engine.stores;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.massbalance.avro.internal.LotFacts;
import org.massbalance.avro.internal.LotState;

/**
 * The binary encoding of {@code lots-store}'s values (ADR 20): a format byte, then the lot's facts
 * and figures in a fixed order with {@link KeyStateSerde}'s primitives (strings as a presence byte,
 * a length and UTF-8; integers zig-zag and 7 bits a byte), through a per-thread buffer. The
 * quantities stay the exact decimal strings the lot holds. No Avro schema resolution or generic
 * datum writer on the hot path.
 */
public final class LotStateSerde implements Serde<LotState> {

  /** The first byte of every encoded lot. */
  public static final byte FORMAT = 0x20;

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
    w.put(FORMAT);
    LotFacts f = lot.getFacts();
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
    Boolean certified = f.getCertifiedAtReceipt();
    w.put((byte) (certified == null ? 0 : certified ? 2 : 1));
    w.string(f.getImportCertificate());
    w.string(f.getOriginCountry());
    w.string(lot.getSiteId());
    w.string(lot.getProductId());
    w.string(lot.getReceivedKg());
    w.string(lot.getRemainingKg());
    w.varLong(lot.getSequence());
    return w.toArray();
  }

  /** Reads what {@link #encode} wrote. */
  public static LotState decode(byte[] b) {
    if (b.length == 0 || b[0] != FORMAT) {
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
    byte certified = r.get();
    f.setCertifiedAtReceipt(certified == 0 ? null : certified == 2);
    f.setImportCertificate(r.string());
    f.setOriginCountry(r.string());
    LotState lot = new LotState();
    lot.setFacts(f);
    lot.setSiteId(r.string());
    lot.setProductId(r.string());
    lot.setReceivedKg(r.string());
    lot.setRemainingKg(r.string());
    lot.setSequence(r.varLong());
    return lot;
  }
}
