package org.massbalance.engine.processors.transformations;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.internal.TransformationRecord;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.Rejection;
import org.massbalance.engine.domain.TransformationValidator;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.massbalance.engine.processors.reference.GlobalReferenceData;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.serde.SchemaRegistryException;

/**
 * Decodes and validates each transformation ({@link TransformationValidator}): a valid one goes on
 * keyed {@code site|transformation_id} to its processor (through a repartition, whatever the
 * producer's key and partitioner), with where it was read; one that cannot be decoded or breaks a
 * rule goes to the rejected topic with every reason. Tombstones are ignored.
 */
public final class TransformationValidateProcessor
    implements Processor<byte[], byte[], String, Object> {

  /**
   * Largest record (key and value) read: 200 items within the contract's limits need about 40 KiB;
   * larger ones are rejected unread.
   */
  public static final int MAX_RECORD_BYTES = 128 * 1024;

  private final Deserializer<Transformation> deserializer;
  private final ReferenceDecoders decoders;
  private final Duration futureTolerance;
  private final EngineMetrics metrics;
  private final Outputs outputs;

  private ProcessorContext<String, Object> context;
  private TransformationValidator validator;

  public TransformationValidateProcessor(
      Deserializer<Transformation> deserializer,
      ReferenceDecoders decoders,
      Duration futureTolerance,
      EngineMetrics metrics,
      Outputs outputs) {
    this.deserializer = deserializer;
    this.decoders = decoders;
    this.futureTolerance = futureTolerance;
    this.metrics = metrics;
    this.outputs = outputs;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    GlobalReferenceData reference = decoders.reference(context);
    this.validator =
        new TransformationValidator(siteId -> reference.site(siteId).zone(), futureTolerance);
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
          new Rejection(
              Rejection.TOO_LARGE,
              "record too large: "
                  + size
                  + " bytes of key and value, more than the limit of "
                  + MAX_RECORD_BYTES),
          null,
          now);
      return;
    }
    Transformation raw;
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
    TransformationValidator.Result result = validator.validate(raw, now);
    if (result.rejection() != null) {
      reject(record, meta, result.rejection(), raw, now);
      return;
    }
    TransformationValidator.Valid v = result.accepted();
    Transformation t = v.transformation();
    TransformationRecord out = new TransformationRecord();
    out.setTransformation(t);
    out.setEpochSecond(v.at().getEpochSecond());
    out.setNano(v.at().getNano());
    out.setSourceTopic(meta.topic());
    out.setSourcePartition(meta.partition());
    out.setSourceOffset(meta.offset());
    out.setRawKey(record.key() == null ? null : ByteBuffer.wrap(record.key()));
    out.setRawValue(ByteBuffer.wrap(record.value()));
    outputs
        .valid()
        .forward(
            context,
            new Record<>(
                Keys.transformation(t.getSiteId(), t.getTransformationId()),
                out,
                record.timestamp()));
  }

  private static Rejection undecodable(RuntimeException e) {
    return new Rejection(Rejection.UNDECODABLE, "cannot decode: " + e.getMessage());
  }

  private void reject(
      Record<byte[], byte[]> record,
      RecordMetadata meta,
      Rejection rejection,
      Transformation t,
      Instant now) {
    metrics.rejected("transformation_" + rejection.code());
    outputs
        .rejected()
        .forward(
            context,
            new Record<>(
                RejectedRecords.key(record.key()),
                RejectedRecords.of(
                    "transformation: " + rejection.reason(),
                    meta.topic(),
                    meta.partition(),
                    meta.offset(),
                    record.key(),
                    record.value(),
                    t == null ? null : t.getTransformationId(),
                    t == null ? null : t.getSiteId(),
                    null,
                    now),
                record.timestamp()));
  }

  /**
   * Where the validation of transformations sends what it read.
   *
   * @param rejected a bad transformation, towards the rejected topic
   * @param valid a valid one, keyed {@code site|transformation_id}, towards its processor
   */
  public record Outputs(Output<RejectedRecord> rejected, Output<TransformationRecord> valid) {}
}
