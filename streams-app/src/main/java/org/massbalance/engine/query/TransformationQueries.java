package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.avro.Yield;
import org.massbalance.avro.internal.LotInput;
import org.massbalance.avro.internal.TransformationReport;
import org.massbalance.avro.internal.TransformationState;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.Periods;
import org.massbalance.engine.domain.ReferenceData;
import org.massbalance.engine.domain.TransformationRules;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.domain.YieldBand;
import org.massbalance.engine.stores.StoreNames;

/**
 * Transformations from this instance's transformation store (standby copies too when stale), with
 * the yield bands of the yields global store and the products' units.
 */
public final class TransformationQueries {

  private final StoreAccess stores;
  private final ReferenceData reference;
  private final Deserializer<Yield> yields;
  private final String yieldsTopic;

  TransformationQueries(
      StoreAccess stores, ReferenceData reference, Deserializer<Yield> yields, String yieldsTopic) {
    this.stores = stores;
    this.reference = reference;
    this.yields = yields;
    this.yieldsTopic = yieldsTopic;
  }

  /** The transformation {@code site|transformation_id} held here, if any. */
  public Optional<TransformationView> transformation(
      String site, String transformationId, boolean stale) {
    ReadOnlyKeyValueStore<String, TransformationState> store =
        stores.kv(StoreNames.TRANSFORMATIONS, stale);
    TransformationState s = store.get(Keys.transformation(site, transformationId));
    return s == null ? Optional.empty() : Optional.of(view(s));
  }

  /**
   * Gives {@code sink} every transformation of {@code store} (one partition's store view; only
   * {@code site}'s when not null) dated in the site-local months {@code from} to {@code to}, in key
   * order: the bulk read of the audit package (ADR 26).
   *
   * @return how many were given
   */
  public int scan(
      ReadOnlyKeyValueStore<String, TransformationState> store,
      String site,
      YearMonth from,
      YearMonth to,
      Consumer<TransformationView> sink) {
    int given = 0;
    Map<String, Instant[]> ranges = new HashMap<>();
    try (KeyValueIterator<String, TransformationState> it =
        site == null ? store.all() : store.prefixScan(Keys.ofSite(site), new StringSerializer())) {
      while (it.hasNext()) {
        TransformationState s = it.next().value;
        String siteId = s.getTransformation().getSiteId();
        Instant[] range =
            ranges.computeIfAbsent(
                siteId,
                x -> {
                  ZoneId zone = reference.site(x).zone();
                  return new Instant[] {Periods.start(from, zone), Periods.end(to, zone)};
                });
        Instant at = Instant.ofEpochSecond(s.getEpochSecond(), s.getNano());
        if (!at.isBefore(range[0]) && at.isBefore(range[1])) {
          sink.accept(view(s));
          given++;
        }
      }
    }
    return given;
  }

  private TransformationView view(TransformationState s) {
    Transformation t = s.getTransformation();
    Map<Integer, TransformationReport> drawn = new HashMap<>();
    for (TransformationReport r : s.getDrawn()) {
      drawn.put(r.getIndex(), r);
    }
    Map<Integer, String> made = new HashMap<>();
    for (TransformationReport r : s.getCreated()) {
      made.put(r.getIndex(), r.getLotId());
    }
    List<TransformationView.Input> inputs = new ArrayList<>();
    for (int n = 0; n < t.getInputs().size(); n++) {
      TransformationItem i = t.getInputs().get(n);
      TransformationReport r = drawn.get(n);
      inputs.add(
          new TransformationView.Input(
              TransformationRules.inputMovementId(t.getTransformationId(), n),
              i.getProductId(),
              new BigDecimal(i.getQuantity()),
              unitOf(i),
              i.getLotId(),
              r == null ? null : lots(r.getLots()),
              r == null ? null : new BigDecimal(r.getUncoveredKg())));
    }
    List<TransformationView.Output> outputs = new ArrayList<>();
    for (int n = 0; n < t.getOutputs().size(); n++) {
      TransformationItem o = t.getOutputs().get(n);
      TransformationRules.OutputYield y = TransformationRules.outputYield(t, n, this::band);
      outputs.add(
          new TransformationView.Output(
              TransformationRules.outputMovementId(t.getTransformationId(), n),
              o.getProductId(),
              new BigDecimal(o.getQuantity()),
              unitOf(o),
              o.getRole(),
              made.get(n),
              y.pct(),
              y.baseKg(),
              y.band()));
    }
    TransformationRules.Masses m = TransformationRules.masses(t, reference::product);
    String status =
        !s.getOutputsSent() ? "DRAWING" : made.size() < t.getOutputs().size() ? "MAKING" : "DONE";
    return new TransformationView(
        t.getSiteId(),
        t.getTransformationId(),
        Instant.ofEpochSecond(s.getEpochSecond(), s.getNano()),
        t.getDocumentRef(),
        status,
        List.copyOf(inputs),
        List.copyOf(outputs),
        m.inputKg(),
        m.outputKg(),
        m.nonOrganicInputKg(),
        s.getCertified(),
        List.copyOf(s.getAlerts()));
  }

  private List<LotInputView> lots(List<LotInput> lots) {
    List<LotInputView> out = new ArrayList<>(lots.size());
    for (LotInput in : lots) {
      out.add(LotQueries.inputView(in, reference.product(in.getProductId()).unit()));
    }
    return List.copyOf(out);
  }

  private static Unit unitOf(TransformationItem item) {
    return Unit.parse(item.getUnit()).orElse(Unit.KG);
  }

  /** The band of the yields global store for (input, output), if a readable record names one. */
  private Optional<YieldBand> band(String input, String output) {
    ReadOnlyKeyValueStore<String, byte[]> store = stores.kv(StoreNames.YIELDS, true);
    byte[] raw = store.get(Keys.yield(input, output));
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return YieldBand.of(yields.deserialize(yieldsTopic, raw));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
