package org.massbalance.engine.processors.periods;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.internal.InvestigationCase;
import org.massbalance.engine.domain.InvestigationRules;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.investigations.InvestigationRecords;

/**
 * Variance investigation cases, one per {@code site|product|yyyy-MM}, in the ledger's tasks: fed by
 * the snapshots the period processor publishes (and the withdrawals of snapshots) and by the valid
 * investigations re-keyed to the ledger's partitioning. It keeps, per case, the latest snapshot,
 * the first close with status INVESTIGATE and the latest investigation; by the wall clock it raises
 * INVESTIGATION_OVERDUE once per case ({@link InvestigationRules}). It never touches the period
 * processor's state.
 */
public final class InvestigationProcessor implements Processor<String, Object, String, Alert> {

  private final InvestigationRules rules;
  private final EngineMetrics metrics;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, InvestigationCase> cases;

  public InvestigationProcessor(InvestigationRules rules, EngineMetrics metrics) {
    this.rules = rules;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.cases = context.getStateStore(StoreNames.INVESTIGATIONS);
    context.schedule(rules.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::check);
  }

  @Override
  public void process(Record<String, Object> record) {
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    Object v = record.value();
    if (v instanceof Snapshot s) {
      String key = Keys.period(s.getSiteId(), s.getProductId(), s.getPeriod());
      InvestigationCase c = current(key, s.getSiteId(), s.getProductId(), s.getPeriod());
      if (!InvestigationRules.needsInvestigation(s) && c.getFirstInvestigateAt() == null) {
        if (c.getInvestigation() == null) {
          return; // nothing to remember: never INVESTIGATE, no investigation
        }
      }
      cases.put(key, InvestigationRules.withSnapshot(c, s, now));
    } else if (v instanceof Withdrawn w) {
      InvestigationCase c = cases.get(w.key());
      if (c != null) {
        c.setSnapshot(null);
        cases.put(w.key(), c);
      }
    } else if (v instanceof Investigation i) {
      String key = InvestigationRecords.key(i);
      InvestigationCase c = current(key, i.getSiteId(), i.getProductId(), i.getPeriod());
      c.setInvestigation(i);
      cases.put(key, c);
    }
  }

  private InvestigationCase current(String key, String site, String product, String period) {
    InvestigationCase c = cases.get(key);
    return c != null ? c : InvestigationRules.empty(site, product, period);
  }

  private void check(long nowMs) {
    Instant now = Instant.ofEpochMilli(nowMs);
    List<KeyValue<String, InvestigationCase>> due = new ArrayList<>();
    try (KeyValueIterator<String, InvestigationCase> it = cases.all()) {
      while (it.hasNext()) {
        KeyValue<String, InvestigationCase> kv = it.next();
        if (rules.alertDue(kv.value, now)) {
          due.add(kv);
        }
      }
    }
    for (KeyValue<String, InvestigationCase> kv : due) {
      Alert alert = rules.overdueAlert(kv.value, now);
      kv.value.setOverdueAlerted(true);
      cases.put(kv.key, kv.value);
      metrics.alert(alert.getType());
      context.forward(
          new Record<>(Keys.ledger(kv.value.getSiteId(), kv.value.getProductId()), alert, nowMs));
    }
  }
}
