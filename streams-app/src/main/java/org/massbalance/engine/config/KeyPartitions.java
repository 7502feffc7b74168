package org.massbalance.engine.config;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition Kafka's default partitioner gives a record key: murmur2 of the key's bytes, made
 * positive, modulo the topic's partition count. The engine computes it where it must agree with the
 * producers' partitioning: the validate step re-routes a movement keyed or partitioned otherwise,
 * and the certificate watch gives each NOP ID to exactly one task.
 */
public final class KeyPartitions {

  private KeyPartitions() {}

  /** The partition of the serialized {@code key} among {@code partitions} (more than 0). */
  public static int of(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  /**
   * The partition whose task owns {@code key}: the partition of the key as producers key it
   * (UTF-8), modulo {@code partitions} (0 or less: a single owner, partition 0), so that exactly
   * one task of the application acts for each key.
   */
  public static int owner(String key, int partitions) {
    if (partitions <= 0) {
      return 0;
    }
    return of(key.getBytes(StandardCharsets.UTF_8), partitions);
  }
}
