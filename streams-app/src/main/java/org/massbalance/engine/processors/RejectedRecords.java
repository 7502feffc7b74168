package org.massbalance.engine.processors;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.engine.domain.Rejection;
import org.massbalance.engine.stores.Buffers;

/** Builds the records of the rejected topic. */
final class RejectedRecords {

  private RejectedRecords() {}

  static RejectedRecord of(
      Rejection rejection,
      String topic,
      int partition,
      long offset,
      byte[] rawKey,
      byte[] rawValue,
      Movement movement,
      Instant now) {
    return RejectedRecord.newBuilder()
        .setReason(rejection.reason())
        .setSourceTopic(topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setOriginalKey(rawKey == null ? null : ByteBuffer.wrap(rawKey))
        .setOriginalValue(rawValue == null ? null : ByteBuffer.wrap(rawValue))
        .setMovementId(movement == null ? null : clip(movement.getMovementId()))
        .setSiteId(movement == null ? null : clip(movement.getSiteId()))
        .setProductId(movement == null ? null : clip(movement.getProductId()))
        .setRejectedAt(now.toString())
        .build();
  }

  static RejectedRecord of(Rejection rejection, LedgerInput in, Instant now) {
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

  private static String clip(String s) {
    return s == null || s.length() <= 256 ? s : s.substring(0, 256);
  }
}
