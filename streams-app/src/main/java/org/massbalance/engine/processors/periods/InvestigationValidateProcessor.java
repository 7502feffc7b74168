package org.massbalance.engine.processors.periods;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.massbalance.investigations.InvestigationRecords;
import org.massbalance.serde.SchemaRegistryException;

/**
 * Decodes and checks the records of {@code variance-investigations}: a valid one goes on, keyed
 * {@code site|product} for the ledger's partitioning, trimmed and with its cause upper-cased; one
 * that cannot be decoded, breaks a rule of {@link InvestigationRecords} or whose key is not {@code
 * site|product|yyyy-MM} of its fields goes to the rejected topic with every reason. Tombstones are
 * ignored (an investigation is replaced by a newer one, never deleted).
 */
public final class InvestigationValidateProcessor
    implements Processor<byte[], byte[], String, Object> {

  /** Largest record (key and value) read; larger ones are rejected unread. */
  static final int MAX_RECORD_BYTES = 64 * 1024;

  private final Deserializer<Investigation> deserializer;
  private final EngineMetrics metrics;
  private final Outputs outputs;
  private ProcessorContext<String, Object> context;

  public InvestigationValidateProcessor(
      Deserializer<Investigation> deserializer, EngineMetrics metrics, Outputs outputs) {
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
      reject(record, meta, "record too large: " + size + " bytes", null, now);
      return;
    }
    Investigation raw;
    try {
      raw = deserializer.deserialize(meta.topic(), record.value());
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw new RegistryUnavailableException(e);
      }
      reject(record, meta, "cannot decode: " + e.getMessage(), null, now);
      return;
    } catch (RuntimeException e) {
      reject(record, meta, "cannot decode: " + e.getMessage(), null, now);
      return;
    }
    Investigation inv = InvestigationRecords.normalized(raw, null);
    List<String> problems = new java.util.ArrayList<>(InvestigationRecords.problems(inv));
    if (problems.isEmpty()) {
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      String keyProblem = InvestigationRecords.keyProblem(inv, key);
      if (keyProblem != null) {
        problems.add(keyProblem);
      }
    }
    if (!problems.isEmpty()) {
      reject(record, meta, String.join("; ", problems), inv, now);
      return;
    }
    outputs
        .valid()
        .forward(
            context,
            record.withKey(Keys.ledger(inv.getSiteId(), inv.getProductId())).withValue(inv));
  }

  private void reject(
      Record<byte[], byte[]> record,
      RecordMetadata meta,
      String reason,
      Investigation inv,
      Instant now) {
    metrics.rejected("investigation");
    outputs
        .rejected()
        .forward(
            context,
            new Record<>(
                RejectedRecords.key(record.key()),
                RejectedRecords.of(
                    "investigation: " + reason,
                    meta.topic(),
                    meta.partition(),
                    meta.offset(),
                    record.key(),
                    record.value(),
                    null,
                    inv == null ? null : inv.getSiteId(),
                    inv == null ? null : inv.getProductId(),
                    now),
                record.timestamp()));
  }

  /**
   * Where the validation of investigations sends what it read.
   *
   * @param rejected a bad investigation, towards the rejected topic
   * @param valid a valid one, keyed {@code site|product}, towards the ledger's partitioning
   */
  public record Outputs(Output<RejectedRecord> rejected, Output<Investigation> valid) {}
}
