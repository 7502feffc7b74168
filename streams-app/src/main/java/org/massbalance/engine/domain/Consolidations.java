package org.massbalance.engine.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.internal.ConsolidatedState;
import org.massbalance.avro.internal.SiteFigures;

/**
 * Running sums of a product's site figures for one period label: a site's new figures replace its
 * old ones by adding the difference, so a consolidation costs the same however many sites there
 * are.
 */
public final class Consolidations {

  private static final int FIELDS = 10;

  private Consolidations() {}

  /**
   * The sums after {@code site}'s figures changed from {@code previous} (null: a new site); a
   * withdrawn site's figures leave the sums.
   */
  public static ConsolidatedState update(
      ConsolidatedState state, SiteFigures previous, SiteFigures site) {
    List<String> sums = new ArrayList<>(FIELDS);
    BigDecimal[] now = site.getWithdrawn() ? null : values(site);
    BigDecimal[] before = previous == null || previous.getWithdrawn() ? null : values(previous);
    for (int i = 0; i < FIELDS; i++) {
      BigDecimal s = state == null ? BigDecimal.ZERO : new BigDecimal(state.getSumsKg().get(i));
      if (now != null) {
        s = s.add(now[i]);
      }
      if (before != null) {
        s = s.subtract(before[i]);
      }
      sums.add(s.toPlainString());
    }
    int sites =
        (state == null ? 0 : state.getSites()) + (now != null ? 1 : 0) - (before != null ? 1 : 0);
    return ConsolidatedState.newBuilder()
        .setRevision(state == null ? 1 : state.getRevision() + 1)
        .setSites(sites)
        .setSumsKg(sums)
        .build();
  }

  /** The consolidated snapshot of {@code state}, in {@code unit}. */
  public static ConsolidatedSnapshot snapshot(
      String product, String period, ConsolidatedState state, Unit unit) {
    List<String> s = state.getSumsKg();
    return ConsolidatedSnapshot.newBuilder()
        .setProductId(product)
        .setPeriod(period)
        .setRevision(state.getRevision())
        .setUnit(unit.symbol())
        .setSites(state.getSites())
        .setOpening(p(s.get(0), unit))
        .setReceipts(p(s.get(1), unit))
        .setSales(p(s.get(2), unit))
        .setWaste(p(s.get(3), unit))
        .setTransfersIn(p(s.get(4), unit))
        .setTransfersOut(p(s.get(5), unit))
        .setAdjustments(p(s.get(6), unit))
        .setExpectedClosing(p(s.get(7), unit))
        .setCountVariance(p(s.get(8), unit))
        .setClosing(p(s.get(9), unit))
        .build();
  }

  private static String p(String kg, Unit unit) {
    return Decimals.presentKg(new BigDecimal(kg), unit);
  }

  private static BigDecimal[] values(SiteFigures f) {
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
    BigDecimal[] out = new BigDecimal[FIELDS];
    for (int i = 0; i < FIELDS; i++) {
      out[i] = new BigDecimal(v[i]);
    }
    return out;
  }
}
