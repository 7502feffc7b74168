package org.massbalance.engine.processors.transformations;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.avro.Yield;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.LotInput;
import org.massbalance.avro.internal.TransformationRecord;
import org.massbalance.avro.internal.TransformationReport;
import org.massbalance.avro.internal.TransformationState;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.MovementDigest;
import org.massbalance.engine.domain.Rejection;
import org.massbalance.engine.domain.TransformationRules;
import org.massbalance.engine.domain.TransformationValidator;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.processors.outputs.Output;
import org.massbalance.engine.processors.outputs.RejectedRecords;
import org.massbalance.engine.processors.reference.GlobalReferenceData;
import org.massbalance.engine.processors.reference.GlobalYields;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.stores.StoreNames;

/**
 * Transformations, keyed {@code site|transformation_id}: applies each once (a repeat with the same
 * content is counted, one with other content rejected as a conflicting duplicate), sends one
 * PROCESS_INPUT per input to its {@code site|product} ledger, collects what each input drew, and
 * once every input is drawn judges the transformation ({@link TransformationRules}: PROCESS_GAIN,
 * YIELD_OUT_OF_RANGE, the outputs' certification) and sends one PROCESS_OUTPUT per output, with the
 * lineage, to its ledger; it keeps the lot each output made. The movements go through the topic of
 * the engine's own movements (the transfers topic), co-partitioned with the movements.
 */
public final class TransformationProcessor implements Processor<String, Object, String, Object> {

  private final ReferenceDecoders decoders;
  private final Deserializer<Yield> yieldDeserializer;
  private final String yieldsTopic;
  private final EngineMetrics metrics;
  private final Outputs outputs;

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, TransformationState> store;
  private GlobalReferenceData reference;
  private GlobalYields yields;

  public TransformationProcessor(
      ReferenceDecoders decoders,
      Deserializer<Yield> yieldDeserializer,
      String yieldsTopic,
      EngineMetrics metrics,
      Outputs outputs) {
    this.decoders = decoders;
    this.yieldDeserializer = yieldDeserializer;
    this.yieldsTopic = yieldsTopic;
    this.metrics = metrics;
    this.outputs = outputs;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(StoreNames.TRANSFORMATIONS);
    this.reference = decoders.reference(context);
    this.yields =
        new GlobalYields(
            context.getStateStore(StoreNames.YIELDS), yieldDeserializer, yieldsTopic, metrics);
  }

  @Override
  public void process(Record<String, Object> record) {
    if (record.value() instanceof TransformationRecord t) {
      transformation(record.withValue(t));
    } else if (record.value() instanceof TransformationReport r) {
      report(record.key(), r, record.timestamp());
    }
  }

  private void transformation(Record<String, Object> record) {
    TransformationRecord in = (TransformationRecord) record.value();
    Transformation t = in.getTransformation();
    Instant at = Instant.ofEpochSecond(in.getEpochSecond(), in.getNano());
    byte[] digest = TransformationRules.digest(new TransformationValidator.Valid(t, at));
    TransformationState known = store.get(record.key());
    if (known != null) {
      if (MovementDigest.sameContent(known.getDigest().array(), digest)) {
        metrics.duplicate();
      } else {
        reject(Rejection.CONFLICTING_DUPLICATE, in, record.timestamp());
      }
      return;
    }
    TransformationState state = new TransformationState();
    state.setTransformation(t);
    state.setEpochSecond(in.getEpochSecond());
    state.setNano(in.getNano());
    state.setDigest(ByteBuffer.wrap(digest));
    state.setDrawn(new ArrayList<>());
    state.setCreated(new ArrayList<>());
    state.setOutputsSent(false);
    state.setCertified(null);
    state.setAlerts(new ArrayList<>());
    store.put(record.key(), state);
    metrics.transformation("received");
    for (int n = 0; n < t.getInputs().size(); n++) {
      TransformationItem item = t.getInputs().get(n);
      LedgerInput movement = TransformationRules.input(in, n);
      send(t.getSiteId(), item, movement, record.timestamp());
    }
  }

  private void report(String key, TransformationReport r, long timestamp) {
    TransformationState state = store.get(key);
    if (state == null) {
      // a report always follows its transformation through this task: nothing to attach it to
      return;
    }
    boolean input = TransformationRules.INPUT_DRAWN.equals(r.getKind());
    List<TransformationReport> reports = input ? state.getDrawn() : state.getCreated();
    for (TransformationReport known : reports) {
      if (known.getIndex() == r.getIndex()) {
        return;
      }
    }
    reports.add(r);
    if (input
        && !state.getOutputsSent()
        && state.getDrawn().size() == state.getTransformation().getInputs().size()) {
      complete(state, timestamp);
    }
    store.put(key, state);
  }

  /** Every input is drawn: the transformation is judged and its outputs sent. */
  private void complete(TransformationState state, long timestamp) {
    Transformation t = state.getTransformation();
    Instant at = Instant.ofEpochSecond(state.getEpochSecond(), state.getNano());
    Map<Integer, List<LotInput>> drawn = new LinkedHashMap<>();
    for (TransformationReport r : state.getDrawn()) {
      drawn.put(r.getIndex(), r.getLots());
    }
    TransformationRules.Judgement j =
        TransformationRules.judge(
            t,
            at,
            reference.site(t.getSiteId()),
            drawn,
            reference::product,
            yields::band,
            Instant.ofEpochMilli(context.currentSystemTimeMs()));
    for (Alert alert : j.alerts()) {
      metrics.alert(alert.getType());
      state.getAlerts().add(alert.getAlertId());
      outputs
          .alerts()
          .forward(
              context,
              new Record<>(Keys.ledger(alert.getSiteId(), alert.getProductId()), alert, timestamp));
    }
    state.setCertified(j.certified());
    state.setOutputsSent(true);
    TransformationRecord source = sourceOf(state);
    for (int n = 0; n < t.getOutputs().size(); n++) {
      TransformationItem item = t.getOutputs().get(n);
      LedgerInput movement = TransformationRules.output(source, n, j);
      send(t.getSiteId(), item, movement, timestamp);
    }
    metrics.transformation("completed");
  }

  /** The transformation as a source of movements (its coordinates are not kept: none needed). */
  private static TransformationRecord sourceOf(TransformationState state) {
    TransformationRecord r = new TransformationRecord();
    r.setTransformation(state.getTransformation());
    r.setEpochSecond(state.getEpochSecond());
    r.setNano(state.getNano());
    r.setSourceTopic("");
    r.setSourcePartition(-1);
    r.setSourceOffset(-1L);
    return r;
  }

  private void send(String siteId, TransformationItem item, LedgerInput movement, long timestamp) {
    outputs
        .movements()
        .forward(
            context, new Record<>(Keys.ledger(siteId, item.getProductId()), movement, timestamp));
  }

  private void reject(Rejection why, TransformationRecord in, long timestamp) {
    metrics.rejected("transformation_" + why.code());
    Transformation t = in.getTransformation();
    outputs
        .rejected()
        .forward(
            context,
            new Record<>(
                Keys.transformation(t.getSiteId(), t.getTransformationId()),
                RejectedRecords.of(
                    "transformation: " + why.reason(),
                    in.getSourceTopic(),
                    in.getSourcePartition(),
                    in.getSourceOffset(),
                    RejectedRecords.bytes(in.getRawKey()),
                    RejectedRecords.bytes(in.getRawValue()),
                    t.getTransformationId(),
                    t.getSiteId(),
                    null,
                    Instant.ofEpochMilli(context.currentSystemTimeMs())),
                timestamp));
  }

  /**
   * Where the transformation processor sends what it found.
   *
   * @param movements PROCESS_INPUTs and PROCESS_OUTPUTs, keyed {@code site|product}, towards the
   *     transfers topic and their ledgers
   * @param alerts PROCESS_GAIN and YIELD_OUT_OF_RANGE
   * @param rejected a conflicting duplicate, towards the rejected topic
   */
  public record Outputs(
      Output<LedgerInput> movements, Output<Alert> alerts, Output<RejectedRecord> rejected) {}
}
