package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.BadInputSpec.bytes;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.receipt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.testing.EngineDriver;
import org.massbalance.engine.testing.RegistryStub;

/**
 * A shared registry holds schemas the engine cannot read (PROTOBUF, JSON, Avro with references). A
 * record written with one is bad input, not a registry outage: it is rejected with a reason and
 * counted, and the partition goes on (issue 11, defect 2). On a reference topic it counts as
 * unreadable: the contract's defaults apply, and the record is logged, counted and sent to the
 * rejected topic.
 */
class ForeignSchemaSpec {

  private RegistryStub registry;
  private int protobufId;

  @BeforeEach
  void startRegistry() {
    registry = new RegistryStub();
    protobufId =
        registry.addForeign("PROTOBUF", "syntax = \"proto3\"; message Movement { string id = 1; }");
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  private EngineDriver engine() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(EngineConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
    return withReferenceData(new EngineDriver(EngineDriver.DEFAULT_WALL_CLOCK, settings));
  }

  private byte[] framed(int schemaId, byte[] payload) {
    return ByteBuffer.allocate(5 + payload.length)
        .put((byte) 0)
        .putInt(schemaId)
        .put(payload)
        .array();
  }

  @Test
  void shouldRejectAMovementWrittenWithAProtobufSchemaAndProcessTheNextOnes() {
    try (EngineDriver engine = engine()) {
      engine.send(receipt(LONDON, OATS, "1", "kg").at(NOV_01).id("ok-0"));
      byte[] value = framed(protobufId, new byte[] {0x0a, 0x03, 'm', '-', '1'});
      byte[] key = (LONDON + "|" + OATS).getBytes(StandardCharsets.UTF_8);
      engine.sendRaw(key, value);
      List<RejectedRecord> rejected = engine.rejected();
      assertThat(rejected).hasSize(1);
      assertThat(rejected.get(0).getReason())
          .isEqualTo(
              "cannot decode: schema id "
                  + protobufId
                  + ": schema id "
                  + protobufId
                  + " is a PROTOBUF schema, not Avro");
      assertThat(bytes(rejected.get(0).getOriginalValue())).isEqualTo(value);
      assertThat(rejected.get(0).getSourceOffset()).isEqualTo(1L);
      assertThat(engine.metrics().count(EngineMetrics.REJECTED, "reason", "undecodable"))
          .isEqualTo(1);
      // a second record with the same id is rejected without asking the registry again
      int asked = registry.requests();
      engine.sendRaw(key, value);
      assertThat(engine.rejected()).hasSize(1);
      assertThat(registry.requests()).isEqualTo(asked);
      // and later records are processed
      engine.send(receipt(LONDON, OATS, "2", "kg").at(NOV_05).id("ok-3"));
      assertThat(engine.rejected()).isEmpty();
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("3");
    }
  }

  @Test
  void shouldReadASiteWrittenWithAProtobufSchemaAsUnknownCountItAndGoOn() {
    try (EngineDriver engine = engine()) {
      byte[] site = framed(protobufId, new byte[] {0x0a, 0x01, 'T'});
      engine.siteRaw("TOKYO", site);
      // a movement at the site is judged with the defaults (UTC) rather than stalling
      engine.send(receipt("TOKYO", OATS, "5", "kg").at("2025-11-01").id("t-1"));
      assertThat(engine.bookKg("TOKYO", OATS)).isEqualByComparingTo("5");
      // and the site record is reported on the rejected topic, once
      List<RejectedRecord> rejected = engine.rejected();
      assertThat(rejected).hasSize(1);
      assertThat(rejected.get(0).getSourceTopic()).isEqualTo("sites");
      assertThat(rejected.get(0).getReason())
          .isEqualTo(
              "reference record cannot be read, defaults apply: schema id "
                  + protobufId
                  + ": schema id "
                  + protobufId
                  + " is a PROTOBUF schema, not Avro");
      assertThat(bytes(rejected.get(0).getOriginalKey()))
          .isEqualTo("TOKYO".getBytes(StandardCharsets.UTF_8));
      assertThat(bytes(rejected.get(0).getOriginalValue())).isEqualTo(site);
      assertThat(engine.metrics().count(EngineMetrics.REJECTED, "reason", "reference_unreadable"))
          .isEqualTo(1);
      engine.send(receipt("TOKYO", OATS, "1", "kg").at("2025-11-02").id("t-2"));
      assertThat(engine.rejected()).isEmpty();
      // counted (once per processor that reads the record) and logged
      assertThat(engine.metrics().count(EngineMetrics.REFERENCE_UNREADABLE, "topic", "sites"))
          .isPositive();
    }
  }
}
