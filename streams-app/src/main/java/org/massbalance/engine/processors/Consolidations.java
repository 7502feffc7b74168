package org.massbalance.engine.processors;

import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.internal.SiteFigures;
import org.massbalance.engine.domain.Decimals;
import org.massbalance.engine.domain.Unit;

/** The consolidated snapshot of a product and period: sums of the latest site figures. */
public final class Consolidations {

  private Consolidations() {}

  /** Sums the site figures stored under {@code product|period|} into a consolidated snapshot. */
  public static ConsolidatedSnapshot of(
      ReadOnlyKeyValueStore<String, SiteFigures> sites,
      String product,
      String period,
      int revision,
      Unit unit) {
    BigDecimal[] sums = new BigDecimal[10];
    Arrays.fill(sums, BigDecimal.ZERO);
    int count = 0;
    try (KeyValueIterator<String, SiteFigures> it =
        sites.prefixScan(product + "|" + period + "|", new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, SiteFigures> kv = it.next();
        SiteFigures f = kv.value;
        String[] v = {
          f.getOpeningKg(),
          f.getReceiptsKg(),
          f.getSalesKg(),
          f.getWasteKg(),
          f.getTransfersInKg(),
          f.getTransfersOutKg(),
          f.getAdjustmentsKg(),
          f.getExpectedClosingKg(),
          f.getCountVarianceKg(),
          f.getClosingKg()
        };
        for (int i = 0; i < v.length; i++) {
          sums[i] = sums[i].add(new BigDecimal(v[i]));
        }
        count++;
      }
    }
    return ConsolidatedSnapshot.newBuilder()
        .setProductId(product)
        .setPeriod(period)
        .setRevision(revision)
        .setUnit(unit.symbol())
        .setSites(count)
        .setOpening(Decimals.presentKg(sums[0], unit))
        .setReceipts(Decimals.presentKg(sums[1], unit))
        .setSales(Decimals.presentKg(sums[2], unit))
        .setWaste(Decimals.presentKg(sums[3], unit))
        .setTransfersIn(Decimals.presentKg(sums[4], unit))
        .setTransfersOut(Decimals.presentKg(sums[5], unit))
        .setAdjustments(Decimals.presentKg(sums[6], unit))
        .setExpectedClosing(Decimals.presentKg(sums[7], unit))
        .setCountVariance(Decimals.presentKg(sums[8], unit))
        .setClosing(Decimals.presentKg(sums[9], unit))
        .build();
  }
}
