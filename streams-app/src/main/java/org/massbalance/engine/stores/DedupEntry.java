package org.massbalance.engine.stores;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.massbalance.avro.Movement;
import org.massbalance.engine.domain.LedgerMovement;

/**
 * What the ledger remembers of a movement id: when it was first seen (wall clock) and a digest of
 * its content (the parsed contract fields, quantity in kg), to tell a repeat from a conflict.
 */
public record DedupEntry(long firstSeenMs, byte[] digest) {

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  /** The stored form: 8 bytes of time, then the digest. */
  public byte[] encode() {
    return ByteBuffer.allocate(8 + digest.length).putLong(firstSeenMs).put(digest).array();
  }

  /** Reads the stored form. */
  public static DedupEntry decode(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b);
    long t = buf.getLong();
    return new DedupEntry(t, Arrays.copyOfRange(b, 8, b.length));
  }

  /** True when {@code other} has the same content digest. */
  public boolean sameContent(byte[] otherDigest) {
    return MessageDigest.isEqual(digest, otherDigest);
  }

  /** Digest of a movement's parsed contract fields; the quantity is compared in kg. */
  public static byte[] digestOf(LedgerMovement mv) {
    Movement m = mv.movement();
    String canonical =
        String.join(
            "\u001f",
            mv.type().name(),
            mv.instant().toString(),
            m.getSiteId(),
            m.getProductId(),
            mv.quantityKg().signum() == 0
                ? "0"
                : mv.quantityKg().stripTrailingZeros().toPlainString(),
            nz(m.getLotId()),
            nz(m.getSupplierId()),
            nz(m.getSupplierLot()),
            nz(m.getSupplierNopId()),
            nz(m.getImportCertificate()),
            nz(m.getOriginCountry()),
            nz(m.getCounterpartyId()),
            nz(m.getDocumentRef()),
            nz(m.getReason()),
            nz(m.getToSiteId()));
    return SHA256.get().digest(canonical.getBytes(StandardCharsets.UTF_8));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
