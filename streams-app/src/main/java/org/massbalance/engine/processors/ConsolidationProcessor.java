package org.massbalance.engine.processors;

import java.math.BigDecimal;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.internal.SiteFigures;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.ProductInfo;
import org.massbalance.engine.stores.StoreNames;

/**
 * Consolidated snapshots per product|period: the sums of the latest site snapshots with that period
 * label and the number of sites, revision + 1 whenever one of them changes.
 */
public final class ConsolidationProcessor
    implements Processor<String, SiteFigures, String, ConsolidatedSnapshot> {

  private final Deserializer<Site> siteDeserializer;
  private final Deserializer<Product> productDeserializer;
  private final String sitesTopic;
  private final String productsTopic;

  private ProcessorContext<String, ConsolidatedSnapshot> context;
  private GlobalReferenceData reference;
  private KeyValueStore<String, SiteFigures> sites;
  private KeyValueStore<String, Integer> revisions;

  ConsolidationProcessor(
      Deserializer<Site> siteDeserializer,
      Deserializer<Product> productDeserializer,
      String sitesTopic,
      String productsTopic) {
    this.siteDeserializer = siteDeserializer;
    this.productDeserializer = productDeserializer;
    this.sitesTopic = sitesTopic;
    this.productsTopic = productsTopic;
  }

  @Override
  public void init(ProcessorContext<String, ConsolidatedSnapshot> context) {
    this.context = context;
    this.reference =
        new GlobalReferenceData(
            context.getStateStore(StoreNames.SITES),
            context.getStateStore(StoreNames.PRODUCTS),
            siteDeserializer,
            productDeserializer,
            sitesTopic,
            productsTopic);
    this.sites = context.getStateStore(StoreNames.CONSOLIDATION_SITES);
    this.revisions = context.getStateStore(StoreNames.CONSOLIDATION);
  }

  @Override
  public void process(Record<String, SiteFigures> record) {
    SiteFigures f = record.value();
    String key = f.getProductId() + "|" + f.getPeriod();
    String siteKey = key + "|" + f.getSiteId();
    SiteFigures known = sites.get(siteKey);
    if (known != null && known.getRevision() >= f.getRevision()) {
      return;
    }
    sites.put(siteKey, f);

    BigDecimal[] sums = new BigDecimal[10];
    java.util.Arrays.fill(sums, BigDecimal.ZERO);
    int count = 0;
    try (KeyValueIterator<String, SiteFigures> it =
        sites.prefixScan(key + "|", new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, SiteFigures> kv = it.next();
        SiteFigures s = kv.value;
        String[] values = {
          s.getOpeningKg(),
          s.getReceiptsKg(),
          s.getSalesKg(),
          s.getWasteKg(),
          s.getTransfersInKg(),
          s.getTransfersOutKg(),
          s.getAdjustmentsKg(),
          s.getExpectedClosingKg(),
          s.getCountVarianceKg(),
          s.getClosingKg()
        };
        for (int i = 0; i < values.length; i++) {
          sums[i] = sums[i].add(new BigDecimal(values[i]));
        }
        count++;
      }
    }
    Integer previous = revisions.get(key);
    int revision = previous == null ? 1 : previous + 1;
    revisions.put(key, revision);
    ProductInfo product = reference.product(f.getProductId());
    var u = product.unit();
    ConsolidatedSnapshot c =
        ConsolidatedSnapshot.newBuilder()
            .setProductId(f.getProductId())
            .setPeriod(f.getPeriod())
            .setRevision(revision)
            .setUnit(u.symbol())
            .setSites(count)
            .setOpening(Decimals.presentKg(sums[0], u))
            .setReceipts(Decimals.presentKg(sums[1], u))
            .setSales(Decimals.presentKg(sums[2], u))
            .setWaste(Decimals.presentKg(sums[3], u))
            .setTransfersIn(Decimals.presentKg(sums[4], u))
            .setTransfersOut(Decimals.presentKg(sums[5], u))
            .setAdjustments(Decimals.presentKg(sums[6], u))
            .setExpectedClosing(Decimals.presentKg(sums[7], u))
            .setCountVariance(Decimals.presentKg(sums[8], u))
            .setClosing(Decimals.presentKg(sums[9], u))
            .build();
    context.forward(new Record<>(key, c, record.timestamp()));
  }
}
