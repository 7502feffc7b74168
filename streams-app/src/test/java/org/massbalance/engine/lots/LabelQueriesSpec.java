package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.query.LabelQueries;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Which books hold a lot id, for the GS1 Digital Link resolver: the distinct sites of a partition's
 * books are found by seeking from one site to the next (site ids that are prefixes of others
 * included), and each site's lots are looked up once per product.
 */
class LabelQueriesSpec {

  @Test
  void shouldFindEverySiteOnceWhateverItsIdPrefixes() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.product("OATS", "kg", false).product("RYE", "kg", false);
      for (String site : new String[] {"AB", "A", "ABC", "A-1", "A.B", "Z", "a"}) {
        engine.send(receipt(site, "OATS", "10", "kg").id("r-" + site).at("2025-11-02").lot("L1"));
        engine.send(
            receipt(site, "RYE", "10", "kg").id("q-" + site).at("2025-11-02").lot("R-" + site));
      }
      KeyValueStore<String, Object> books = engine.raw().getKeyValueStore(StoreNames.BOOK);

      // in the store's order: "A-1|..." < "A.B|..." < "ABC|..." < "AB|..." < "A|..." ('|' sorts
      // after every id character), each site once
      assertThat(LabelQueries.sitesIn(books))
          .containsExactly("A-1", "A.B", "ABC", "AB", "A", "Z", "a");
    }
  }

  @Test
  void shouldTellWhichBooksHoldALotIdOfTheProducts() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.product("OATS", "kg", false).product("RYE", "kg", false);
      engine.send(
          receipt("FRESNO", "OATS", "10", "kg").id("r1").at("2025-11-02").lot("L1"),
          receipt("OAKLAND", "OATS", "10", "kg").id("r2").at("2025-11-02").lot("L2"),
          receipt("OAKLAND", "RYE", "10", "kg").id("r3").at("2025-11-02").lot("L1"),
          receipt("SACRAMENTO", "OATS", "10", "kg").id("r4").at("2025-11-02").lot("L9"),
          // a lot carried elsewhere keeps its id: both sites hold it
          transfer("SACRAMENTO", "STOCKTON", "OATS", "4", "kg")
              .id("t1")
              .at("2025-11-03")
              .lot("L9"));
      KeyValueStore<String, Object> books = engine.raw().getKeyValueStore(StoreNames.BOOK);
      KeyValueStore<String, Object> lots = engine.raw().getKeyValueStore(StoreNames.LOTS);

      assertThat(LabelQueries.holding(books, lots, List.of("OATS"), "L1"))
          .containsExactly(new Keys.SiteProduct("FRESNO", "OATS"));
      assertThat(LabelQueries.holding(books, lots, List.of("OATS", "RYE"), "L1"))
          .containsExactly(
              new Keys.SiteProduct("FRESNO", "OATS"), new Keys.SiteProduct("OAKLAND", "RYE"));
      assertThat(LabelQueries.holding(books, lots, List.of("OATS"), "L9"))
          .containsExactly(
              new Keys.SiteProduct("SACRAMENTO", "OATS"), new Keys.SiteProduct("STOCKTON", "OATS"));
      assertThat(LabelQueries.holding(books, lots, List.of("OATS"), "NOPE")).isEmpty();
    }
  }
}
