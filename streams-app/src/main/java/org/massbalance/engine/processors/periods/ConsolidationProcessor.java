package org.massbalance.engine.processors.periods;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.internal.ConsolidatedState;
import org.massbalance.avro.internal.SiteFigures;
import org.massbalance.engine.domain.Consolidations;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.processors.reference.GlobalReferenceData;
import org.massbalance.engine.processors.reference.ReferenceDecoders;
import org.massbalance.engine.stores.StoreNames;

/**
 * Consolidated snapshots per product|period: the sums of the latest site snapshots with that period
 * label and the number of sites, revision + 1 whenever one of them changes.
 */
public final class ConsolidationProcessor
    implements Processor<String, SiteFigures, String, ConsolidatedSnapshot> {

  private final ReferenceDecoders decoders;

  private ProcessorContext<String, ConsolidatedSnapshot> context;
  private GlobalReferenceData reference;
  private KeyValueStore<String, SiteFigures> sites;
  private KeyValueStore<String, ConsolidatedState> consolidated;

  public ConsolidationProcessor(ReferenceDecoders decoders) {
    this.decoders = decoders;
  }

  @Override
  public void init(ProcessorContext<String, ConsolidatedSnapshot> context) {
    this.context = context;
    this.reference = decoders.reference(context);
    this.sites = context.getStateStore(StoreNames.CONSOLIDATION_SITES);
    this.consolidated = context.getStateStore(StoreNames.CONSOLIDATION);
  }

  @Override
  public void process(Record<String, SiteFigures> record) {
    SiteFigures f = record.value();
    String key = Keys.productPeriod(f.getProductId(), f.getPeriod());
    String siteKey = Keys.productPeriodSite(key, f.getSiteId());
    SiteFigures known = sites.get(siteKey);
    if (known != null && known.getRevision() >= f.getRevision()) {
      return;
    }
    sites.put(siteKey, f);

    ConsolidatedState state = Consolidations.update(consolidated.get(key), known, f);
    consolidated.put(key, state);
    ProductInfo product = reference.product(f.getProductId());
    ConsolidatedSnapshot c =
        Consolidations.snapshot(f.getProductId(), f.getPeriod(), state, product.unit());
    context.forward(new Record<>(key, c, record.timestamp()));
  }
}
