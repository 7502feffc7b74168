package org.massbalance.engine.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a record Kafka Streams cannot deserialize, by topic (ADR 10).
 *
 * <ul>
 *   <li><b>Internal topics</b> (the transfers topic and the repartition topics): only the engine
 *       writes them, so an undecodable record is a bug or an incompatible upgrade (records in
 *       flight written with an older internal schema), never bad input, and dropping it would lose
 *       a transfer's arrival or a re-routed movement without a trace. The task FAILS: the record is
 *       counted ({@value EngineMetrics#INTERNAL_UNDECODABLE}, tagged with the topic), logged at
 *       ERROR with its position, and the engine stops (exit non-zero) with the record still
 *       unconsumed, for an operator to roll back or fix; nothing is lost.
 *   <li><b>Any other topic</b> (inputs; the movements and reference topics are read as bytes and
 *       cannot fail here, so this is defence in depth): the record goes to the rejected topic with
 *       its bytes (bounded) and the reason, is counted as rejected ({@code undecodable}), and
 *       processing continues.
 * </ul>
 *
 * Kafka Streams' {@code LogAndContinueExceptionHandler}, used before, dropped both kinds with a log
 * line only.
 */
public final class InputErrorHandler implements DeserializationExceptionHandler {

  /** Setting: the transfers topic's name. */
  public static final String TRANSFERS_TOPIC_CONFIG = "massbalance.transfers.topic";

  private static final Logger LOG = LoggerFactory.getLogger(InputErrorHandler.class);

  private String applicationId;
  private String transfersTopic;
  private String rejectedTopic;
  private Serializer<RejectedRecord> serializer;
  private EngineMetrics metrics;

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs) {
    Object app = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    Object transfers = configs.get(TRANSFERS_TOPIC_CONFIG);
    Object rejected = configs.get(OutputErrorHandler.REJECTED_TOPIC_CONFIG);
    Object ser = configs.get(OutputErrorHandler.REJECTED_SERIALIZER_CONFIG);
    Object m = configs.get(OutputErrorHandler.METRICS_CONFIG);
    if (!(app instanceof String)
        || !(transfers instanceof String)
        || !(rejected instanceof String)
        || !(ser instanceof Serializer)) {
      throw new IllegalArgumentException(
          InputErrorHandler.class.getSimpleName()
              + " needs "
              + StreamsConfig.APPLICATION_ID_CONFIG
              + ", "
              + TRANSFERS_TOPIC_CONFIG
              + ", "
              + OutputErrorHandler.REJECTED_TOPIC_CONFIG
              + " and "
              + OutputErrorHandler.REJECTED_SERIALIZER_CONFIG);
    }
    this.applicationId = (String) app;
    this.transfersTopic = (String) transfers;
    this.rejectedTopic = (String) rejected;
    this.serializer = (Serializer<RejectedRecord>) ser;
    this.metrics = m instanceof EngineMetrics e ? e : EngineMetrics.inMemory();
  }

  /** The settings that configure this handler, to add to the Kafka Streams settings. */
  public static Map<String, Object> settings(String transfersTopic) {
    return Map.of(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        InputErrorHandler.class.getName(),
        TRANSFERS_TOPIC_CONFIG,
        transfersTopic);
  }

  /** True for the topics only the engine writes: transfers and this application's repartitions. */
  boolean isInternal(String topic) {
    return topic.equals(transfersTopic)
        || (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition"));
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (isInternal(record.topic())) {
      metrics.internalUndecodable(record.topic());
      LOG.error(
          "Internal record {}-{}@{} cannot be read ({}): stopping rather than drop it. Written by"
              + " another version of the engine? Roll back, or fix and restart; the record stays"
              + " unconsumed.",
          record.topic(),
          record.partition(),
          record.offset(),
          exception.getMessage());
      return Response.fail();
    }
    RejectedRecord rejected =
        RejectedRecords.of(
            "cannot decode: " + exception.getMessage(),
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            null,
            null,
            null,
            Instant.now());
    metrics.rejected("undecodable");
    LOG.warn(
        "Record {}-{}@{} cannot be read, sent to {}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        rejectedTopic,
        exception.getMessage());
    String key = RejectedRecords.key(record.key());
    return Response.resume(
        List.of(
            new ProducerRecord<>(
                rejectedTopic,
                null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(rejectedTopic, rejected))));
  }
}
