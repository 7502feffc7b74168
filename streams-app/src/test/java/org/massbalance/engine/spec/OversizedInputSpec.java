package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.BadInputSpec.bytes;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Every output is bounded whatever the input (ADR 10): free-text fields have a contract limit of
 * 1,000 characters, checked before a mis-keyed movement is re-routed; a record larger than 64 KiB
 * is rejected unread; a rejected record embeds at most 64 KiB of the original bytes, flagged and
 * identified by size and SHA-256; and an output larger than {@code output.max.bytes} is not written
 * but said so on the rejected topic, while the engine goes on.
 */
class OversizedInputSpec {

  static final byte[] WRONG_KEY = "WRONG|KEY".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldRejectAMisKeyedSaleWhoseDocumentRefIsOverTheLimitBeforeItIsRerouted() {
    try (EngineDriver engine = engine()) {
      engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01).id("r-1"));
      // when a valid SALE with a 1,001-character document_ref arrives under a wrong key
      engine.sendKeyed(
          "WRONG|KEY",
          sale(LONDON, OATS, "4", "kg").at(NOV_05).id("s-1").document("d".repeat(1_001)).build());
      // then it is rejected with the field and the limit, and nothing is booked
      List<RejectedRecord> rejected = engine.rejected();
      assertThat(rejected).hasSize(1);
      assertThat(rejected.get(0).getReason())
          .isEqualTo("document_ref: 1001 characters, more than the limit of 1000");
      assertThat(rejected.get(0).getMovementId()).isEqualTo("s-1");
      assertThat(engine.metrics().count(EngineMetrics.REJECTED, "reason", "document_ref"))
          .isEqualTo(1);
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("10");
      // and a later movement is applied
      engine.send(sale(LONDON, OATS, "4", "kg").at(NOV_10).id("s-2"));
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("6");
    }
  }

  @Test
  void shouldAcceptFreeTextOfExactlyTheLimitOnEveryFreeTextField() {
    try (EngineDriver engine = engine()) {
      String text = "t".repeat(1_000);
      engine.sendKeyed(
          "WRONG|KEY",
          receipt(LONDON, OATS, "10", "kg")
              .at(NOV_01)
              .id("r-1")
              .supplierLot(text)
              .counterparty(text)
              .document(text)
              .reason(text)
              .build());
      assertThat(engine.rejected()).isEmpty();
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("10");
    }
  }

  @Test
  void shouldRejectEachFreeTextFieldOverTheLimitNamingIt() {
    String text = "x".repeat(1_001);
    Map<String, java.util.function.UnaryOperator<org.massbalance.engine.testing.MovementBuilder>>
        fields = new HashMap<>();
    fields.put("supplier_lot", b -> b.supplierLot(text));
    fields.put("counterparty_id", b -> b.counterparty(text));
    fields.put("document_ref", b -> b.document(text));
    fields.put("reason", b -> b.reason(text));
    fields.put("origin_country", b -> b.origin(text));
    fields.put("import_certificate", b -> b.importCertificate(text));
    try (EngineDriver engine = engine()) {
      for (var e : fields.entrySet()) {
        engine.send(e.getValue().apply(receipt(LONDON, OATS, "1", "kg").at(NOV_01).id("r")));
        List<RejectedRecord> rejected = engine.rejected();
        assertThat(rejected).as(e.getKey()).hasSize(1);
        assertThat(rejected.get(0).getReason()).startsWith(e.getKey() + ": 1001 characters");
      }
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("0");
    }
  }

  @Test
  void shouldRejectARecordOver64KibUnreadWithItsFirstBytesSizeAndSha256() {
    try (EngineDriver engine = engine()) {
      byte[] garbage = new byte[900_000];
      new Random(11L).nextBytes(garbage);
      byte[] key = "k".repeat(2_000).getBytes(StandardCharsets.UTF_8);
      engine.sendRaw(key, garbage);
      List<RejectedRecord> rejected = engine.rejected();
      assertThat(rejected).hasSize(1);
      RejectedRecord r = rejected.get(0);
      assertThat(r.getReason())
          .isEqualTo(
              "record too large: 902000 bytes of key and value, more than the limit of 65536");
      assertThat(r.getOriginalValueTruncated()).isTrue();
      assertThat(r.getOriginalValueSize()).isEqualTo(900_000);
      assertThat(bytes(r.getOriginalValue())).isEqualTo(Arrays.copyOf(garbage, 65_536));
      assertThat(r.getOriginalValueSha256()).isEqualTo(RejectedRecords.sha256(garbage));
      assertThat(r.getOriginalKeyTruncated()).isFalse();
      assertThat(bytes(r.getOriginalKey())).isEqualTo(key);
      assertThat(engine.metrics().count(EngineMetrics.REJECTED, "reason", "too_large"))
          .isEqualTo(1);
      engine.send(receipt(LONDON, OATS, "1", "kg").at(NOV_01).id("ok"));
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("1");
    }
  }

  @Test
  void shouldRejectAValidSaleWithA600KbDocumentRefKeyedWrongKey() {
    try (EngineDriver engine = engine()) {
      engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01).id("r-1"));
      engine.sendKeyed(
          "WRONG|KEY",
          sale(LONDON, OATS, "4", "kg").at(NOV_05).id("s-1").document("d".repeat(600_000)).build());
      List<RejectedRecord> rejected = engine.rejected();
      assertThat(rejected).hasSize(1);
      assertThat(rejected.get(0).getReason()).startsWith("record too large: ");
      assertThat(rejected.get(0).getOriginalValueTruncated()).isTrue();
      assertThat(rejected.get(0).getOriginalValue().remaining()).isEqualTo(65_536);
      engine.send(sale(LONDON, OATS, "4", "kg").at(NOV_10).id("s-2"));
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("6");
    }
  }

  @Test
  void shouldNotWriteAnOutputOverTheLimitButSaySoOnTheRejectedTopicAndGoOn() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("output.max.bytes", "1024");
    try (EngineDriver engine =
        withReferenceData(new EngineDriver(EngineDriver.DEFAULT_WALL_CLOCK, settings))) {
      // a movement within the contract whose re-routed form (bytes + movement) is over 1 KiB
      engine.sendKeyed(
          "WRONG|KEY",
          receipt(LONDON, OATS, "10", "kg")
              .at(NOV_01)
              .id("r-1")
              .counterparty("c".repeat(900))
              .build());
      List<RejectedRecord> rejected = engine.rejected();
      assertThat(rejected).hasSize(1);
      RejectedRecord r = rejected.get(0);
      assertThat(r.getReason())
          .startsWith("not written: output to ")
          .contains("movements-reroute-repartition too large: ")
          .contains("more than output.max.bytes=1024");
      assertThat(r.getSourceTopic()).isEqualTo(engine.topics().movements().name());
      assertThat(r.getSourceOffset()).isZero();
      assertThat(r.getOriginalValueTruncated()).isTrue();
      assertThat(r.getOriginalKey()).isEqualTo(java.nio.ByteBuffer.wrap(WRONG_KEY));
      assertThat(engine.metrics().registry().find(EngineMetrics.OUTPUT_DROPPED).counter().count())
          .isEqualTo(1.0);
      assertThat(engine.metrics().count(EngineMetrics.REJECTED, "reason", "output_too_large"))
          .isEqualTo(1);
      // and the engine goes on
      engine.send(receipt(LONDON, OATS, "3", "kg").at(NOV_05).id("r-2"));
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("3");
    }
  }
}
