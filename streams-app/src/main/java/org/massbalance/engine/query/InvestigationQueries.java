package org.massbalance.engine.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.massbalance.avro.internal.InvestigationCase;
import org.massbalance.engine.domain.InvestigationRules;
import org.massbalance.engine.stores.StoreNames;

/**
 * The investigation cases of this instance's investigations store: those the contract lists (a
 * snapshot that closed with status INVESTIGATE, or a period an investigation was recorded for).
 */
public final class InvestigationQueries {

  private final StoreAccess stores;

  /** Queries over {@code stores}. */
  public InvestigationQueries(StoreAccess stores) {
    this.stores = stores;
  }

  /**
   * Every listed case held here ({@link InvestigationRules#listed}), of {@code site} and {@code
   * product} (null: any), in store order.
   */
  public List<InvestigationCase> listed(String site, String product) {
    List<InvestigationCase> out = new ArrayList<>();
    ReadOnlyKeyValueStore<String, InvestigationCase> cases =
        stores.kv(StoreNames.INVESTIGATIONS, false);
    try (KeyValueIterator<String, InvestigationCase> it = cases.all()) {
      while (it.hasNext()) {
        InvestigationCase c = it.next().value;
        if (!InvestigationRules.listed(c)
            || (site != null && !site.equals(c.getSiteId()))
            || (product != null && !product.equals(c.getProductId()))) {
          continue;
        }
        out.add(c);
      }
    }
    return out;
  }
}
