package org.massbalance.engine.processors.outputs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.engine.domain.Rejection;
import org.massbalance.engine.stores.Buffers;

/**
 * Builds the records of the rejected topic, bounded whatever the input: at most {@link
 * #MAX_EMBEDDED_BYTES} of the original key and of the original value are embedded (beyond, the
 * first bytes are kept and flagged, with the original size and SHA-256), the reason is cut at
 * {@link #MAX_REASON_CHARS} characters and the Kafka key at {@link #MAX_KEY_CHARS}. A rejected
 * record thus stays far below a topic's {@code max.message.bytes} (ADR 10).
 */
public final class RejectedRecords {

  /** Bytes of an original key or value embedded at most. */
  public static final int MAX_EMBEDDED_BYTES = 64 * 1024;

  /** Characters of a reason kept at most. */
  public static final int MAX_REASON_CHARS = 1_000;

  /** Characters of the rejected record's Kafka key kept at most. */
  public static final int MAX_KEY_CHARS = 256;

  private RejectedRecords() {}

  public static RejectedRecord of(
      Rejection rejection,
      String topic,
      int partition,
      long offset,
      byte[] rawKey,
      byte[] rawValue,
      Movement movement,
      Instant now) {
    return of(
        rejection.reason(),
        topic,
        partition,
        offset,
        rawKey,
        rawValue,
        movement == null ? null : movement.getMovementId(),
        movement == null ? null : movement.getSiteId(),
        movement == null ? null : movement.getProductId(),
        now);
  }

  /**
   * A rejected record of any origin (a movement, or an output that could not be written), bounded
   * as the class says.
   */
  public static RejectedRecord of(
      String reason,
      String topic,
      int partition,
      long offset,
      byte[] rawKey,
      byte[] rawValue,
      String movementId,
      String siteId,
      String productId,
      Instant now) {
    return of(
        reason,
        topic,
        partition,
        offset,
        rawKey,
        rawValue,
        movementId,
        siteId,
        productId,
        now,
        MAX_EMBEDDED_BYTES);
  }

  /**
   * As {@link #of(String, String, int, long, byte[], byte[], String, String, String, Instant)},
   * embedding at most {@code maxEmbedded} bytes of each original.
   */
  public static RejectedRecord of(
      String reason,
      String topic,
      int partition,
      long offset,
      byte[] rawKey,
      byte[] rawValue,
      String movementId,
      String siteId,
      String productId,
      Instant now,
      int maxEmbedded) {
    return RejectedRecord.newBuilder()
        .setReason(clip(reason == null ? "" : reason, MAX_REASON_CHARS))
        .setSourceTopic(topic == null ? "" : clip(topic, MAX_KEY_CHARS))
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setOriginalKey(embedded(rawKey, maxEmbedded))
        .setOriginalKeyTruncated(rawKey != null && rawKey.length > maxEmbedded)
        .setOriginalKeySize(rawKey == null ? null : rawKey.length)
        .setOriginalKeySha256(rawKey == null ? null : sha256(rawKey))
        .setOriginalValue(embedded(rawValue, maxEmbedded))
        .setOriginalValueTruncated(rawValue != null && rawValue.length > maxEmbedded)
        .setOriginalValueSize(rawValue == null ? null : rawValue.length)
        .setOriginalValueSha256(rawValue == null ? null : sha256(rawValue))
        .setMovementId(movementId == null ? null : clip(movementId, 256))
        .setSiteId(siteId == null ? null : clip(siteId, 256))
        .setProductId(productId == null ? null : clip(productId, 256))
        .setRejectedAt(now.toString())
        .build();
  }

  public static RejectedRecord of(Rejection rejection, LedgerInput in, Instant now) {
    return of(
        rejection,
        in.getSourceTopic(),
        in.getSourcePartition(),
        in.getSourceOffset(),
        Buffers.toBytes(in.getRawKey()),
        Buffers.toBytes(in.getRawValue()),
        in.getMovement(),
        now);
  }

  /** The bytes of an Avro {@code bytes} field (null stays null). */
  public static byte[] bytes(java.nio.ByteBuffer b) {
    return Buffers.toBytes(b);
  }

  /** The Kafka key of a rejected record: the original key as text, cut at 256 characters. */
  public static String key(byte[] rawKey) {
    if (rawKey == null) {
      return null;
    }
    byte[] head =
        rawKey.length <= MAX_KEY_CHARS * 4 ? rawKey : Arrays.copyOf(rawKey, MAX_KEY_CHARS * 4);
    return clip(new String(head, StandardCharsets.UTF_8), MAX_KEY_CHARS);
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  private static ByteBuffer embedded(byte[] bytes, int max) {
    if (bytes == null) {
      return null;
    }
    return ByteBuffer.wrap(bytes.length <= max ? bytes : Arrays.copyOf(bytes, max));
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
