package org.massbalance.engine.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.config.OutputTooLargeException;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an output that cannot be written (ADR 10). An output too large for its topic,
 * refused by the engine's own bound ({@link OutputTooLargeException}, before the producer sees it)
 * or by the broker ({@link RecordTooLargeException}), is not written: a bounded {@link
 * RejectedRecord} naming the sink, the size and the input record being processed (its position, its
 * first 256 bytes and its SHA-256) goes to the rejected topic instead, the drop is counted ({@value
 * EngineMetrics#OUTPUT_DROPPED}, tagged with the topic, and {@value EngineMetrics#REJECTED} with
 * reason {@code output_too_large}) and logged at ERROR, and processing continues. Every other
 * production error fails the task, as Kafka Streams does by default.
 */
public final class OutputErrorHandler implements ProductionExceptionHandler {

  /** Setting: the rejected topic's name. */
  public static final String REJECTED_TOPIC_CONFIG = "massbalance.rejected.topic";

  /** Setting: the {@code Serializer<RejectedRecord>} instance of the rejected topic. */
  public static final String REJECTED_SERIALIZER_CONFIG = "massbalance.rejected.serializer";

  /** Setting: the {@link EngineMetrics} instance to count drops in. */
  public static final String METRICS_CONFIG = "massbalance.metrics";

  /** Rejection code of an output that could not be written. */
  public static final String OUTPUT_TOO_LARGE = "output_too_large";

  /**
   * Bytes of the input record embedded at most: the record stays at its source offset, and the
   * output that could not be written may have been a rejected record itself.
   */
  static final int EMBEDDED_BYTES = 256;

  private static final Logger LOG = LoggerFactory.getLogger(OutputErrorHandler.class);

  private String rejectedTopic;
  private Serializer<RejectedRecord> serializer;
  private EngineMetrics metrics;

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(REJECTED_TOPIC_CONFIG);
    Object ser = configs.get(REJECTED_SERIALIZER_CONFIG);
    Object m = configs.get(METRICS_CONFIG);
    if (!(topic instanceof String) || !(ser instanceof Serializer)) {
      throw new IllegalArgumentException(
          OutputErrorHandler.class.getSimpleName()
              + " needs "
              + REJECTED_TOPIC_CONFIG
              + " and "
              + REJECTED_SERIALIZER_CONFIG);
    }
    this.rejectedTopic = (String) topic;
    this.serializer = (Serializer<RejectedRecord>) ser;
    this.metrics = m instanceof EngineMetrics e ? e : EngineMetrics.inMemory();
  }

  /** The settings that configure this handler, to add to the Kafka Streams settings. */
  public static Map<String, Object> settings(
      String rejectedTopic, Serializer<RejectedRecord> serializer, EngineMetrics metrics) {
    return Map.of(
        org.apache.kafka.streams.StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        OutputErrorHandler.class.getName(),
        REJECTED_TOPIC_CONFIG,
        rejectedTopic,
        REJECTED_SERIALIZER_CONFIG,
        serializer,
        METRICS_CONFIG,
        metrics);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RecordTooLargeException) {
      int size = record.value() == null ? 0 : record.value().length;
      return dropped(
          context,
          record.topic(),
          "output to "
              + record.topic()
              + " refused by the broker as too large ("
              + size
              + " bytes): "
              + exception.getMessage());
    }
    return Response.fail();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    for (Throwable c = exception; c != null; c = c.getCause()) {
      if (c instanceof OutputTooLargeException tooLarge) {
        return dropped(context, tooLarge.topic(), tooLarge.getMessage());
      }
    }
    return Response.fail();
  }

  private Response dropped(ErrorHandlerContext context, String topic, String why) {
    String source = context == null ? null : context.topic();
    int partition = context == null ? -1 : context.partition();
    long offset = context == null ? -1L : context.offset();
    byte[] rawKey = context == null ? null : context.sourceRawKey();
    byte[] rawValue = context == null ? null : context.sourceRawValue();
    RejectedRecord rejected =
        RejectedRecords.of(
            "not written: " + why,
            source,
            partition,
            offset,
            rawKey,
            rawValue,
            null,
            null,
            null,
            Instant.now(),
            EMBEDDED_BYTES);
    String key = RejectedRecords.key(rawKey);
    byte[] value = serializer.serialize(rejectedTopic, rejected);
    metrics.outputDropped(topic);
    metrics.rejected(OUTPUT_TOO_LARGE);
    LOG.error(
        "Output not written, a rejected record says so on {} (input {}-{}@{}): {}",
        rejectedTopic,
        source,
        partition,
        offset,
        why);
    return Response.resume(
        List.of(
            new ProducerRecord<>(
                rejectedTopic,
                null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value)));
  }
}
