package org.massbalance.engine.processors.imports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.massbalance.imports.ImportCertificateRecords;
import org.massbalance.serde.SchemaRegistryException;

/**
 * Decodes and checks the records of {@code import-certificates}: a valid one goes on, trimmed and
 * with its unit canonical, keyed by its certificate number (through a repartition, whatever the
 * producer's partitioner) to the import-certificate processor; one that cannot be decoded, breaks a
 * rule of {@link ImportCertificateRecords} or whose key is not its number goes to the rejected
 * topic with every reason. Tombstones are ignored: a certificate is replaced by a newer record,
 * never deleted, and the draws made from it stand.
 */
public final class ImportCertificateValidateProcessor
    implements Processor<byte[], byte[], String, Object> {

  /** Largest record (key and value) read; larger ones are rejected unread. */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  private final Deserializer<ImportCertificate> deserializer;
  private final EngineMetrics metrics;
  private final Outputs outputs;
  private ProcessorContext<String, Object> context;

  public ImportCertificateValidateProcessor(
      Deserializer<ImportCertificate> deserializer, EngineMetrics metrics, Outputs outputs) {
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
          "record too large: "
              + size
              + " bytes of key and value, more than the limit of "
              + MAX_RECORD_BYTES,
          null,
          now);
      return;
    }
    ImportCertificate raw;
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
    ImportCertificate c = ImportCertificateRecords.normalized(raw);
    List<String> problems = new ArrayList<>(ImportCertificateRecords.problems(c));
    if (problems.isEmpty()) {
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      String keyProblem = ImportCertificateRecords.keyProblem(c.getCertificateNumber(), key);
      if (keyProblem != null) {
        problems.add(keyProblem);
      }
    }
    if (!problems.isEmpty()) {
      reject(record, meta, String.join("; ", problems), c, now);
      return;
    }
    outputs.valid().forward(context, new Record<>(c.getCertificateNumber(), c, record.timestamp()));
  }

  private void reject(
      Record<byte[], byte[]> record,
      RecordMetadata meta,
      String reason,
      ImportCertificate c,
      Instant now) {
    metrics.rejected("import_certificate");
    outputs
        .rejected()
        .forward(
            context,
            new Record<>(
                RejectedRecords.key(record.key()),
                RejectedRecords.of(
                    "import certificate: " + reason,
                    meta.topic(),
                    meta.partition(),
                    meta.offset(),
                    record.key(),
                    record.value(),
                    null,
                    null,
                    c == null ? null : c.getProductId(),
                    now),
                record.timestamp()));
  }

  /**
   * Where the validation of import certificates sends what it read.
   *
   * @param rejected a bad record, towards the rejected topic
   * @param valid a valid one, keyed by its certificate number, towards the certificates' processor
   */
  public record Outputs(Output<RejectedRecord> rejected, Output<ImportCertificate> valid) {}
}
