package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.BadInputSpec.bytes;
import static org.massbalance.engine.spec.BadInputSpec.serialize;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.receipt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.testing.EngineDriver;

/**
 * A record that cannot be decoded goes to the rejected topic with the original bytes, the reason
 * and its source topic/partition/offset, and is counted in metrics; nothing stops the engine.
 */
class UndecodableInputSpec {

  static final String KEY = LONDON + "|" + OATS;

  static Stream<Arguments> undecodable() {
    return Stream.of(
        Arguments.of("random bytes", (Function<byte[], byte[]>) valid -> randomBytes()),
        Arguments.of(
            "JSON text",
            (Function<byte[], byte[]>)
                valid ->
                    "{\"movement_id\":\"m-1\",\"type\":\"RECEIPT\"}"
                        .getBytes(StandardCharsets.UTF_8)),
        Arguments.of(
            "wrong magic byte",
            (Function<byte[], byte[]>)
                valid -> {
                  byte[] b = valid.clone();
                  b[0] = 1;
                  return b;
                }),
        Arguments.of(
            "unknown schema id",
            (Function<byte[], byte[]>)
                valid -> {
                  byte[] b = valid.clone();
                  b[1] = 0x7f;
                  b[2] = 0x12;
                  b[3] = 0x34;
                  b[4] = 0x56;
                  return b;
                }),
        Arguments.of("header only", (Function<byte[], byte[]>) valid -> Arrays.copyOf(valid, 5)),
        Arguments.of(
            "truncated payload",
            (Function<byte[], byte[]>) valid -> Arrays.copyOf(valid, valid.length / 2)),
        Arguments.of("three bytes", (Function<byte[], byte[]>) valid -> new byte[] {0, 0, 1}),
        Arguments.of("empty value", (Function<byte[], byte[]>) valid -> new byte[0]));
  }

  static byte[] randomBytes() {
    byte[] b = new byte[40];
    new Random(20251101L).nextBytes(b);
    b[0] = (byte) 0x9c;
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("undecodable")
  void shouldRejectAnUndecodableRecordWithItsOriginalBytesAndPosition(
      String kind, Function<byte[], byte[]> corrupt) {
    try (EngineDriver engine = engine()) {
      // given two good movements at offsets 0 and 1
      engine.send(receipt(LONDON, OATS, "1", "kg").at(NOV_01).id("ok-0"));
      engine.send(receipt(LONDON, OATS, "1", "kg").at(NOV_05).id("ok-1"));
      byte[] valid = serialize(engine, receipt(LONDON, OATS, "1", "kg").at(NOV_10).id("x").build());
      byte[] value = corrupt.apply(valid);
      byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
      // when an undecodable record arrives at offset 2
      engine.sendRaw(key, value);
      // then it is rejected with its bytes, topic, partition and offset, and counted
      List<RejectedRecord> rejected = engine.rejected();
      assertThat(rejected).hasSize(1);
      RejectedRecord r = rejected.get(0);
      assertThat(r.getReason()).isNotBlank();
      assertThat(bytes(r.getOriginalValue())).isEqualTo(value);
      assertThat(bytes(r.getOriginalKey())).isEqualTo(key);
      assertThat(r.getSourceTopic()).isEqualTo(engine.topics().movements().name());
      assertThat(r.getSourcePartition()).isZero();
      assertThat(r.getSourceOffset()).isEqualTo(2L);
      assertThat(rejectedTotal(engine.metrics())).isEqualTo(1.0);
      // and the engine goes on
      engine.send(receipt(LONDON, OATS, "1", "kg").at(NOV_15).id("ok-3"));
      assertThat(engine.rejected()).isEmpty();
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("3");
    }
  }

  @Test
  void shouldCarryTheOriginalBytesKeyAndIdsOfARejectedMovement() {
    try (EngineDriver fresh = engine()) {
      String product = OATS;
      fresh.send(receipt(LONDON, product, "1", "kg").at(NOV_01).id("ok-0"));
      fresh.send(receipt(LONDON, product, "1", "kg").at(NOV_01).id("ok-1"));
      Movement bad = receipt(LONDON, product, "-1", "kg").at(NOV_01).id("bad-2").build();
      byte[] key = (LONDON + "|" + product).getBytes(StandardCharsets.UTF_8);
      byte[] value = serialize(fresh, bad);
      fresh.sendRaw(key, value);
      List<RejectedRecord> rejected = fresh.rejected();
      assertThat(rejected).hasSize(1);
      RejectedRecord r = rejected.get(0);
      assertThat(bytes(r.getOriginalValue())).isEqualTo(value);
      assertThat(bytes(r.getOriginalKey())).isEqualTo(key);
      assertThat(r.getSourceTopic()).isEqualTo(fresh.topics().movements().name());
      assertThat(r.getSourcePartition()).isZero();
      assertThat(r.getSourceOffset()).isEqualTo(2L);
      assertThat(r.getMovementId()).isEqualTo("bad-2");
      assertThat(r.getSiteId()).isEqualTo(LONDON);
      assertThat(r.getProductId()).isEqualTo(product);
      assertThat(r.getRejectedAt()).isNotNull();
      assertThat(fresh.bookKg(LONDON, product)).isEqualByComparingTo("2");
    }
  }

  @ParameterizedTest(name = "tombstone")
  @MethodSource("tombstone")
  void shouldRejectANullValueRatherThanDropItSilently(String ignored) {
    try (EngineDriver engine = engine()) {
      engine.sendRaw(KEY.getBytes(StandardCharsets.UTF_8), null);
      List<RejectedRecord> rejected = engine.rejected();
      assertThat(rejected).hasSize(1);
      assertThat(rejected.get(0).getOriginalValue()).isNull();
      assertThat(rejected.get(0).getSourceOffset()).isZero();
      assertThat(rejectedTotal(engine.metrics())).isEqualTo(1.0);
    }
  }

  static Stream<String> tombstone() {
    return Stream.of("null value");
  }
}
