package org.massbalance.engine.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Position of a movement in the contract's order of one site|product: (instant, rank, movement_id
 * as UTF-8 bytes). The byte encoding sorts, unsigned and byte by byte, exactly as that order, so
 * RocksDB ranges follow it: 8 bytes of epoch seconds with the sign bit flipped, 4 bytes of
 * nanoseconds, 1 byte of rank, the id's UTF-8 bytes, and for a transfer's arrival a 0x00 byte and
 * the origin site (ids never contain 0x00, so this keeps the order and keeps keys unique).
 */
public final class OrderKey implements Comparable<OrderKey> {

  /** Rank of RECEIPT, positive ADJUSTMENT and a transfer's arrival. */
  public static final int RANK_INBOUND = 0;

  /** Rank of SALE, WASTE, a transfer at its source and negative ADJUSTMENT. */
  public static final int RANK_OUTBOUND = 1;

  /** Rank of COUNT. */
  public static final int RANK_COUNT = 2;

  /** Bytes before the movement id: epoch seconds, nanoseconds, rank. */
  public static final int FIXED_BYTES = 8 + 4 + 1;

  private static final int FIXED = FIXED_BYTES;

  private final byte[] bytes;

  private OrderKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The key of a movement. {@code originSite} is non-null only for a transfer's arrival. */
  public static OrderKey of(Instant instant, int rank, String movementId, String originSite) {
    byte[] id = movementId.getBytes(StandardCharsets.UTF_8);
    byte[] origin = originSite == null ? null : originSite.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(FIXED + id.length + (origin == null ? 0 : 1 + origin.length));
    b.putLong(instant.getEpochSecond() ^ Long.MIN_VALUE);
    b.putInt(instant.getNano());
    b.put((byte) rank);
    b.put(id);
    if (origin != null) {
      b.put((byte) 0);
      b.put(origin);
    }
    return new OrderKey(b.array());
  }

  /** Reads a key written by {@link #bytes()}. */
  public static OrderKey fromBytes(byte[] bytes) {
    return new OrderKey(bytes.clone());
  }

  /** The smallest key of all: before every movement. */
  public static OrderKey min() {
    return new OrderKey(new byte[0]);
  }

  /** The encoded key. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The instant part. */
  public Instant instant() {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return Instant.ofEpochSecond(b.getLong() ^ Long.MIN_VALUE, b.getInt());
  }

  /** The rank part. */
  public int rank() {
    return bytes[12];
  }

  @Override
  public int compareTo(OrderKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** True when this key comes after {@code other}; anything comes after null. */
  public boolean isAfter(OrderKey other) {
    return other == null || compareTo(other) > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrderKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return instant() + "/" + rank() + "/" + new String(bytes, FIXED, bytes.length - FIXED);
  }
}
