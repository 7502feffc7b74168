package org.massbalance.engine.processors.periods;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.SignOff;
import org.massbalance.avro.internal.SignOffInput;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.Rejection;
import org.massbalance.engine.domain.SignOffRules;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.massbalance.serde.SchemaRegistryException;

/**
 * Decodes and checks the records of {@code period-signoffs} ({@link SignOffRules#validate}): a
 * valid one goes on keyed {@code site|product}, trimmed, to its key's periods through a repartition
 * (whatever the producer's key and partitioner), with where it was read; one that cannot be decoded
 * or breaks a rule goes to the rejected topic with every reason. Tombstones are ignored.
 */
public final class SignOffValidateProcessor implements Processor<byte[], byte[], String, Object> {

  /** Largest record (key and value) read; larger ones are rejected unread. */
  static final int MAX_RECORD_BYTES = 16 * 1024;

  private final Deserializer<SignOff> deserializer;
  private final EngineMetrics metrics;
  private final Outputs outputs;
  private ProcessorContext<String, Object> context;

  public SignOffValidateProcessor(
      Deserializer<SignOff> deserializer, EngineMetrics metrics, Outputs outputs) {
    this.deserializer = deserializer;
    this.metrics = metrics;
    this.outputs = outputs;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    RecordMetadata meta = context.recordMetadata().orElseThrow();
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    int size = record.value().length + (record.key() == null ? 0 : record.key().length);
    if (size > MAX_RECORD_BYTES) {
      reject(
          record,
          meta,
          new Rejection(Rejection.TOO_LARGE, "record too large: " + size + " bytes"),
          null,
          now);
      return;
    }
    SignOff raw;
    try {
      raw = deserializer.deserialize(meta.topic(), record.value());
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw new RegistryUnavailableException(e);
      }
      reject(record, meta, undecodable(e), null, now);
      return;
    } catch (RuntimeException e) {
      reject(record, meta, undecodable(e), null, now);
      return;
    }
    SignOffRules.Result result = SignOffRules.validate(raw);
    if (result.rejection() != null) {
      reject(record, meta, result.rejection(), raw, now);
      return;
    }
    SignOffRules.Valid v = result.accepted();
    SignOff clean =
        SignOff.newBuilder()
            .setSiteId(v.siteId())
            .setProductId(v.productId())
            .setPeriod(v.period().toString())
            .setSignedBy(v.signedBy())
            .setSignedAt(v.signedAt().toString())
            .setNote(v.note())
            .build();
    SignOffInput in = new SignOffInput();
    in.setSignOff(clean);
    in.setSourceTopic(meta.topic());
    in.setSourcePartition(meta.partition());
    in.setSourceOffset(meta.offset());
    in.setRawKey(record.key() == null ? null : ByteBuffer.wrap(record.key()));
    in.setRawValue(ByteBuffer.wrap(record.value()));
    outputs
        .valid()
        .forward(
            context, new Record<>(Keys.ledger(v.siteId(), v.productId()), in, record.timestamp()));
  }

  private static Rejection undecodable(RuntimeException e) {
    return new Rejection(Rejection.UNDECODABLE, "cannot decode: " + e.getMessage());
  }

  private void reject(
      Record<byte[], byte[]> record,
      RecordMetadata meta,
      Rejection rejection,
      SignOff s,
      Instant now) {
    metrics.rejected("signoff_" + rejection.code());
    outputs
        .rejected()
        .forward(
            context,
            new Record<>(
                RejectedRecords.key(record.key()),
                RejectedRecords.of(
                    "period-signoff: " + rejection.reason(),
                    meta.topic(),
                    meta.partition(),
                    meta.offset(),
                    record.key(),
                    record.value(),
                    null,
                    s == null ? null : s.getSiteId(),
                    s == null ? null : s.getProductId(),
                    now),
                record.timestamp()));
  }

  /**
   * Where the validation of sign-offs sends what it read.
   *
   * @param rejected a bad sign-off, towards the rejected topic
   * @param valid a valid one, keyed {@code site|product}, towards its key's periods
   */
  public record Outputs(Output<RejectedRecord> rejected, Output<SignOffInput> valid) {}
}
