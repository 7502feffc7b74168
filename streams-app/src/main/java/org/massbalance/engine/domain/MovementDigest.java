package org.massbalance.engine.domain;

import java.security.MessageDigest;
import org.massbalance.avro.Movement;

/**
 * The contract's de-duplication rules: a movement's content digest (the parsed contract fields,
 * quantity in kg), which tells an identical repeat from a conflicting one, and the horizon within
 * which a movement id counts as seen.
 */
public final class MovementDigest {

  private static final char SEPARATOR = '\u001f';

  private MovementDigest() {}

  /** True when two digests are equal (compared in constant time). */
  public static boolean sameContent(byte[] digest, byte[] otherDigest) {
    return MessageDigest.isEqual(digest, otherDigest);
  }

  /** Digest of a movement's parsed contract fields; the quantity is compared in kg. */
  public static byte[] digestOf(LedgerMovement mv) {
    Movement m = mv.movement();
    // the fields joined by U+001F (unit separator), in this order
    StringBuilder canonical = new StringBuilder(160);
    canonical
        .append(mv.type().name())
        .append(SEPARATOR)
        // the instant as numbers: equal exactly when the instants are (no ISO formatting)
        .append(mv.instant().getEpochSecond())
        .append('.')
        .append(mv.instant().getNano())
        .append(SEPARATOR)
        .append(m.getSiteId())
        .append(SEPARATOR)
        .append(m.getProductId())
        .append(SEPARATOR)
        .append(
            mv.quantityKg().signum() == 0
                ? "0"
                : mv.quantityKg().stripTrailingZeros().toPlainString());
    for (String optional :
        new String[] {
          m.getLotId(),
          m.getSupplierId(),
          m.getSupplierLot(),
          m.getSupplierNopId(),
          m.getImportCertificate(),
          m.getOriginCountry(),
          m.getCounterpartyId(),
          m.getDocumentRef(),
          m.getReason(),
          m.getToSiteId()
        }) {
      canonical.append(SEPARATOR);
      if (optional != null) {
        canonical.append(optional);
      }
    }
    return Sha256.of(canonical);
  }

  /**
   * True when a movement id first seen at {@code seenAtMs} is still recognised at {@code nowMs}:
   * the contract recognises repeats within the horizon (wall clock since the first sighting).
   */
  public static boolean withinHorizon(long seenAtMs, long nowMs, java.time.Duration horizon) {
    return seenAtMs > nowMs - horizon.toMillis();
  }
}
