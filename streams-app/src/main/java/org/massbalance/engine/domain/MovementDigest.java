package org.massbalance.engine.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.massbalance.avro.Movement;

/**
 * The contract's de-duplication rules: a movement's content digest (the parsed contract fields,
 * quantity in kg), which tells an identical repeat from a conflicting one, and the horizon within
 * which a movement id counts as seen.
 */
public final class MovementDigest {

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private MovementDigest() {}

  /** True when two digests are equal (compared in constant time). */
  public static boolean sameContent(byte[] digest, byte[] otherDigest) {
    return MessageDigest.isEqual(digest, otherDigest);
  }

  /** Digest of a movement's parsed contract fields; the quantity is compared in kg. */
  public static byte[] digestOf(LedgerMovement mv) {
    Movement m = mv.movement();
    String canonical =
        String.join(
            "\u001f",
            mv.type().name(),
            // the instant as numbers: equal exactly when the instants are (no ISO formatting)
            mv.instant().getEpochSecond() + "." + mv.instant().getNano(),
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

  /**
   * True when a movement id first seen at {@code seenAtMs} is still recognised at {@code nowMs}:
   * the contract recognises repeats within the horizon (wall clock since the first sighting).
   */
  public static boolean withinHorizon(long seenAtMs, long nowMs, java.time.Duration horizon) {
    return seenAtMs > nowMs - horizon.toMillis();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
