package org.massbalance.engine.processors.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.engine.config.KeyPartitions;
import org.massbalance.engine.config.RegistryUnavailableException;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.MovementValidator;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.domain.Rejection;
import org.massbalance.engine.domain.SiteInfo;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.massbalance.engine.processors.reference.GlobalCertificates;
import org.massbalance.engine.processors.reference.GlobalReferenceData;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.processors.reference.UnreadableReference;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.serde.SchemaRegistryException;

/**
 * Decodes and validates each movement. Forwards a {@link RejectedRecord} for bad input to its
 * {@link Outputs#rejected() rejected} output, and the {@link LedgerInput} to the {@link
 * Outputs#ledger() ledger} when the record sits on its ledger's partition, or to the {@link
 * Outputs#reroute() reroute} when its key or partition is wrong.
 */
public final class ValidateProcessor implements Processor<byte[], byte[], String, Object> {

  /**
   * Bytes of key and value a movement record may have: a movement within the contract's limits (ids
   * of 64 characters, free text of {@link MovementValidator#MAX_TEXT_CHARS}) needs less than half.
   * Larger records are rejected before they are decoded (ADR 10).
   */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  private final Deserializer<Movement> movementDeserializer;
  private final ReferenceDecoders decoders;
  private final int partitions;
  private final java.time.Duration futureTolerance;
  private final EngineMetrics metrics;
  private final Outputs outputs;

  private ProcessorContext<String, Object> context;
  private MovementValidator validator;
  private GlobalReferenceData reference;
  private GlobalCertificates certificates;
  private final java.util.List<UnreadableReference> unreadable = new java.util.ArrayList<>();

  /** The site the validator last asked for (by id), which the ledger is handed along. */
  private String lastSiteId;

  private SiteInfo lastSite;

  public ValidateProcessor(
      Deserializer<Movement> movementDeserializer,
      ReferenceDecoders decoders,
      int partitions,
      java.time.Duration futureTolerance,
      EngineMetrics metrics,
      Outputs outputs) {
    this.movementDeserializer = movementDeserializer;
    this.decoders = decoders;
    this.partitions = partitions;
    this.futureTolerance = futureTolerance;
    this.metrics = metrics;
    this.outputs = outputs;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    KeyValueStore<String, byte[]> sites = context.getStateStore(StoreNames.SITES);
    KeyValueStore<String, byte[]> products = context.getStateStore(StoreNames.PRODUCTS);
    this.reference = decoders.reference(sites, products);
    this.reference.onUnreadable(unreadable::add);
    this.certificates = decoders.certificates(context);
    this.certificates.onUnreadable(unreadable::add);
    this.validator = new MovementValidator(this::zoneOf, futureTolerance);
  }

  private java.time.ZoneId zoneOf(String siteId) {
    lastSite = reference.site(siteId);
    lastSiteId = siteId;
    return lastSite.zone();
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    validate(record);
    rejectUnreadableReferences(record.timestamp());
  }

  /**
   * Reference records the movement's look-ups found unreadable go to the rejected topic (once per
   * stored value and task), so that a bad site, product or certificate is never only a log line.
   */
  private void rejectUnreadableReferences(long timestamp) {
    if (unreadable.isEmpty()) {
      return;
    }
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    for (UnreadableReference u : unreadable) {
      metrics.rejected(Rejection.REFERENCE_UNREADABLE);
      outputs
          .rejected()
          .forward(
              context,
              new Record<>(
                  RejectedRecords.key(u.id().getBytes(StandardCharsets.UTF_8)),
                  RejectedRecords.of(
                      "reference record cannot be read, defaults apply: " + u.reason(),
                      u.topic(),
                      -1,
                      -1L,
                      u.id().getBytes(StandardCharsets.UTF_8),
                      u.raw(),
                      null,
                      null,
                      null,
                      now),
                  timestamp));
    }
    unreadable.clear();
  }

  private void validate(Record<byte[], byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElseThrow();
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    byte[] rawValue = record.value();
    if (rawValue == null) {
      reject(record, meta, new Rejection("undecodable", "record has no value"), null, now);
      return;
    }
    int size = rawValue.length + (record.key() == null ? 0 : record.key().length);
    if (size > MAX_RECORD_BYTES) {
      // Read no further: a movement within the contract's limits is far smaller, and the raw
      // bytes travel with the movement to the ledger (reroute and transfers topics).
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
    Movement movement;
    try {
      movement = movementDeserializer.deserialize(meta.topic(), rawValue);
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        // The registry is away, the record may be good: fail the task so that it is retried
        // from the last committed offset (exactly once) instead of rejecting it.
        throw new RegistryUnavailableException(e);
      }
      reject(
          record,
          meta,
          new Rejection(Rejection.UNDECODABLE, "cannot decode: " + e.getMessage()),
          null,
          now);
      return;
    } catch (RuntimeException e) {
      reject(
          record,
          meta,
          new Rejection(Rejection.UNDECODABLE, "cannot decode: " + e.getMessage()),
          null,
          now);
      return;
    }
    MovementValidator.Result result = validator.validate(movement, now);
    if (!result.isAccepted()) {
      reject(record, meta, result.rejection(), movement, now);
      return;
    }
    LedgerInput in = result.accepted();
    // the reference records this movement is judged with, read here once so that an unreadable one
    // is reported (the site was read for its zone); the ledger is handed the site and product
    String siteId = in.getMovement().getSiteId();
    SiteInfo site = siteId.equals(lastSiteId) ? lastSite : reference.site(siteId);
    ProductInfo product = reference.product(in.getMovement().getProductId());
    if (in.getMovement().getToSiteId() != null) {
      reference.site(in.getMovement().getToSiteId());
    }
    if (in.getMovement().getSupplierNopId() != null) {
      certificates.find(in.getMovement().getSupplierNopId());
    }
    in.setSourceTopic(meta.topic());
    in.setSourcePartition(meta.partition());
    in.setSourceOffset(meta.offset());
    in.setRawKey(record.key() == null ? null : ByteBuffer.wrap(record.key()));
    in.setRawValue(ByteBuffer.wrap(rawValue));
    String key = Keys.ledger(in.getMovement().getSiteId(), in.getMovement().getProductId());
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    boolean rightKey = record.key() != null && Arrays.equals(record.key(), keyBytes);
    boolean rightPartition =
        partitions <= 0 || KeyPartitions.of(keyBytes, partitions) == meta.partition();
    if (rightKey && rightPartition) {
      outputs
          .ledger()
          .forward(context, new Record<>(key, new Admitted(in, site, product), record.timestamp()));
    } else {
      outputs.reroute().forward(context, new Record<>(key, in, record.timestamp()));
    }
  }

  private void reject(
      Record<byte[], byte[]> record,
      RecordMetadata meta,
      Rejection rejection,
      Movement movement,
      Instant now) {
    metrics.rejected(rejection.code());
    String key = RejectedRecords.key(record.key());
    outputs
        .rejected()
        .forward(
            context,
            new Record<>(
                key,
                RejectedRecords.of(
                    rejection,
                    meta.topic(),
                    meta.partition(),
                    meta.offset(),
                    record.key(),
                    record.value(),
                    movement,
                    now),
                record.timestamp()));
  }

  /**
   * Where validation sends what it read.
   *
   * @param rejected bad input, towards the rejected topic
   * @param reroute a valid movement whose key or partition was wrong, towards the reroute topic
   * @param ledger a valid movement on its ledger's partition, with the site and product it was
   *     judged with, towards the ledger
   */
  public record Outputs(
      Output<RejectedRecord> rejected, Output<LedgerInput> reroute, Output<Admitted> ledger) {}
}
