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
 * are. The sums are kept by position in {@code ConsolidatedState}, in the order of {@link
 * #COLUMNS}: the first ten as they always were, a figure added later after them (a stored state
 * shorter than the list reads 0 for what it lacks).
 */
public final class Consolidations {

  /**
   * The consolidated columns, by the name of their {@code ConsolidatedSnapshot} field (their {@code
   * SiteFigures} field adds {@code _kg}), in their stored order.
   */
  public static final List<String> COLUMNS = columns();

  private Consolidations() {}

  private static List<String> columns() {
    List<String> c = new ArrayList<>();
    c.add("opening");
    for (Figure f : Figure.PUBLISHED) {
      if (f.digestedByPosition()) {
        c.add(f.publishedField());
      }
    }
    c.add("expected_closing");
    c.add("count_variance");
    c.add("closing");
    for (Figure f : Figure.PUBLISHED) {
      if (!f.digestedByPosition()) {
        c.add(f.publishedField());
      }
    }
    return List.copyOf(c);
  }

  /**
   * The sums after {@code site}'s figures changed from {@code previous} (null: a new site); a
   * withdrawn site's figures leave the sums.
   */
  public static ConsolidatedState update(
      ConsolidatedState state, SiteFigures previous, SiteFigures site) {
    List<String> sums = new ArrayList<>(COLUMNS.size());
    BigDecimal[] now = site.getWithdrawn() ? null : values(site);
    BigDecimal[] before = previous == null || previous.getWithdrawn() ? null : values(previous);
    for (int i = 0; i < COLUMNS.size(); i++) {
      BigDecimal s = stored(state, i);
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
    ConsolidatedSnapshot c = new ConsolidatedSnapshot();
    c.setProductId(product);
    c.setPeriod(period);
    c.setRevision(state.getRevision());
    c.setUnit(unit.symbol());
    c.setSites(state.getSites());
    for (int i = 0; i < COLUMNS.size(); i++) {
      c.put(COLUMNS.get(i), Decimals.presentKg(stored(state, i), unit));
    }
    return c;
  }

  /** The stored sum of column {@code i}: 0 when the state is absent or was stored without it. */
  private static BigDecimal stored(ConsolidatedState state, int i) {
    if (state == null || i >= state.getSumsKg().size()) {
      return BigDecimal.ZERO;
    }
    return new BigDecimal(state.getSumsKg().get(i));
  }

  private static BigDecimal[] values(SiteFigures f) {
    BigDecimal[] out = new BigDecimal[COLUMNS.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = f.get(COLUMNS.get(i) + "_kg");
      out[i] = new BigDecimal(v.toString());
    }
    return out;
  }
}
