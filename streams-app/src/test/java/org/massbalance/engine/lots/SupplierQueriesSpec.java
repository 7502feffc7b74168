package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.query.SupplierQueries;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.engine.testing.EngineDriver;

/**
 * The suppliers behind the dashboard's Suppliers page: every certificate record in NOP-ID order, a
 * page at a time, and the lots received from each supplier that still hold a quantity.
 */
class SupplierQueriesSpec {

  static final String VALLEY = "8150000016";
  static final String SIERRA = "8150000101";
  static final String NOBODY = "8150000999";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.product("ALMONDS", "kg", "5.0", "ALM");
    engine.certificate(SIERRA, "SUSPENDED", "2025-11-15", null);
    engine.certificate(VALLEY, "CERTIFIED", "2019-04-01", "2027-03-31");
    return engine;
  }

  @Test
  void shouldCountTheLotsOfASupplierThatStillHoldAQuantityOnEverySite() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt("FRESNO", "ALMONDS", "100", "kg")
              .id("r1")
              .at("2025-11-01")
              .lot("A-1")
              .supplier("VNG", VALLEY),
          receipt("FRESNO", "ALMONDS", "50", "kg")
              .id("r2")
              .at("2025-11-02")
              .lot("A-2")
              .supplier("VNG", VALLEY),
          receipt("FRESNO", "ALMONDS", "20", "kg")
              .id("r3")
              .at("2025-11-03")
              .lot("S-1")
              .supplier("SAC", SIERRA),
          // Draws A-1 to zero and 10 from A-2.
          sale("FRESNO", "ALMONDS", "110", "kg").id("s1").at("2025-11-04"),
          // Carries 5 of A-2 to OAKLAND: a lot of that supplier on hand there too.
          transfer("FRESNO", "OAKLAND", "ALMONDS", "5", "kg").id("t1").at("2025-11-05"));

      assertThat(engine.lots().lotsOnHand(VALLEY)).as("A-2 at FRESNO and at OAKLAND").isEqualTo(2);
      assertThat(engine.lots().lotsOnHand(SIERRA)).isEqualTo(1);
      assertThat(engine.lots().lotsOnHand(NOBODY)).isZero();
    }
  }

  @Test
  void shouldPageEveryCertificateRecordInNopIdOrder() {
    try (EngineDriver engine = engine()) {
      ReadOnlyKeyValueStore<String, byte[]> store =
          engine.raw().getKeyValueStore(StoreNames.CERTIFICATES);
      var certificates = engine.topics().certificates();
      SupplierQueries.Page first =
          SupplierQueries.page(
              store, certificates.valueSerde().deserializer(), certificates.name(), 0, 1);
      assertThat(first.total()).isEqualTo(2);
      assertThat(first.suppliers())
          .extracting(SupplierQueries.SupplierView::nopId)
          .containsExactly(VALLEY);
      SupplierQueries.Page second =
          SupplierQueries.page(
              store, certificates.valueSerde().deserializer(), certificates.name(), 1, 10);
      assertThat(second.suppliers()).hasSize(1);
      SupplierQueries.SupplierView sierra = second.suppliers().get(0);
      assertThat(sierra.nopId()).isEqualTo(SIERRA);
      assertThat(sierra.readable()).isTrue();
      assertThat(sierra.certificate().getStatus()).isEqualTo("SUSPENDED");
      assertThat(sierra.certificate().getStatusEffective()).isEqualTo("2025-11-15");
    }
  }
}
