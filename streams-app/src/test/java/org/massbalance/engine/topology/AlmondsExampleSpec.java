package org.massbalance.engine.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.query.AllocationView;
import org.massbalance.engine.query.LotOnHand;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.query.TraceView;
import org.massbalance.engine.testing.EngineDriver;

/** The contract's worked example: the almonds month at FRESNO (examples/almonds-2025-11.csv). */
class AlmondsExampleSpec {

  static final String FRESNO = "FRESNO";
  static final String ALMONDS = "ALMONDS";

  /** sites.csv, products.csv, certificates.csv, then almonds-2025-11.csv. */
  static void loadExample(EngineDriver engine) {
    engine.site(FRESNO, "America/Los_Angeles", "US").product(ALMONDS, "lb", "5.0", "ALM");
    engine.certificate("8150000016", "CERTIFIED", "2019-04-01", null);
    engine.send(
        receipt(FRESNO, ALMONDS, "500", "lb")
            .id("m-001")
            .at("2025-10-14")
            .supplier("VNG", "8150000016")
            .supplierLot("VNG-7731")
            .document("PO-1001"),
        receipt(FRESNO, ALMONDS, "1000", "lb")
            .id("m-002")
            .at("2025-11-09")
            .supplier("VNG", "8150000016")
            .supplierLot("VNG-7802")
            .document("PO-1017"),
        sale(FRESNO, ALMONDS, "600", "lb")
            .id("m-003")
            .at("2025-11-12")
            .counterparty("CUST-21")
            .document("SO-5501"),
        sale(FRESNO, ALMONDS, "500", "lb")
            .id("m-004")
            .at("2025-11-18")
            .counterparty("CUST-34")
            .document("SO-5523"),
        receipt(FRESNO, ALMONDS, "750", "lb")
            .id("m-005")
            .at("2025-11-20")
            .supplier("VNG", "8150000016")
            .supplierLot("VNG-7840")
            .document("PO-1029"),
        waste(FRESNO, ALMONDS, "30", "lb")
            .id("m-006")
            .at("2025-11-22")
            .document("WD-0042")
            .reason("moisture damage"),
        sale(FRESNO, ALMONDS, "400", "lb")
            .id("m-007")
            .at("2025-11-25")
            .counterparty("CUST-21")
            .document("SO-5560"),
        count(FRESNO, ALMONDS, "715", "lb")
            .id("m-008")
            .at("2025-11-30")
            .document("CC-2025-11")
            .reason("month-end count"));
  }

  @Test
  void shouldEndTheMonthWith715PoundsOnTheBookAndRaiseNoAlert() {
    try (EngineDriver engine = new EngineDriver()) {
      loadExample(engine);

      assertThat(engine.book(FRESNO, ALMONDS, Unit.LB)).isEqualByComparingTo(new BigDecimal("715"));
      assertThat(engine.alerts()).isEmpty();
      assertThat(engine.rejected()).isEmpty();
    }
  }

  @Test
  void shouldAssignTheExampleLotIdsFromTheSiteLocalReceiptDates() {
    try (EngineDriver engine = new EngineDriver()) {
      loadExample(engine);

      assertThat(engine.lots().lot(FRESNO, ALMONDS, "ALM-20251014-001"))
          .get()
          .satisfies(
              lot -> {
                assertThat(lot.received()).isEqualByComparingTo("500");
                assertThat(lot.remaining()).isEqualByComparingTo("0");
                assertThat(lot.supplierId()).isEqualTo("VNG");
                assertThat(lot.supplierLot()).isEqualTo("VNG-7731");
                assertThat(lot.supplierNopId()).isEqualTo("8150000016");
                assertThat(lot.certifiedAtReceipt()).isTrue();
                assertThat(lot.unit()).isEqualTo(Unit.LB);
              });
      assertThat(engine.lots().lot(FRESNO, ALMONDS, "ALM-20251109-001").map(LotView::received))
          .get()
          .satisfies(q -> assertThat(q).isEqualByComparingTo("1000"));
      assertThat(engine.lots().lot(FRESNO, ALMONDS, "ALM-20251120-001").map(LotView::received))
          .get()
          .satisfies(q -> assertThat(q).isEqualByComparingTo("750"));
    }
  }

  @Test
  void shouldDrawTheExampleFirstInFirstOutAndEndWith715PoundsInTheLastLot() {
    try (EngineDriver engine = new EngineDriver()) {
      loadExample(engine);

      assertThat(allocations(engine, "ALM-20251014-001"))
          .containsExactly(tuple("m-003", "SALE", "500", "SO-5501", "CUST-21"));
      assertThat(allocations(engine, "ALM-20251109-001"))
          .containsExactly(
              tuple("m-003", "SALE", "100", "SO-5501", "CUST-21"),
              tuple("m-004", "SALE", "500", "SO-5523", "CUST-34"),
              tuple("m-006", "WASTE", "30", "WD-0042", null),
              tuple("m-007", "SALE", "370", "SO-5560", "CUST-21"));
      assertThat(allocations(engine, "ALM-20251120-001"))
          .containsExactly(
              tuple("m-007", "SALE", "30", "SO-5560", "CUST-21"),
              tuple("m-008", "COUNT", "5", "CC-2025-11", null));
      assertThat(engine.lots().lotsOnHand(FRESNO, ALMONDS))
          .extracting(LotOnHand::lotId, l -> l.remaining().stripTrailingZeros().toPlainString())
          .containsExactly(tuple("ALM-20251120-001", "715"));
    }
  }

  @Test
  void shouldTraceSo5501BackToBothLotsAndTheirSupplier() {
    try (EngineDriver engine = new EngineDriver()) {
      loadExample(engine);

      TraceView trace = engine.lots().trace(FRESNO, ALMONDS, "m-003").orElseThrow();

      assertThat(trace.uncovered()).isEqualByComparingTo("0");
      assertThat(trace.lots())
          .extracting(
              t -> t.allocation().lotId(),
              t -> t.allocation().quantity().stripTrailingZeros().toPlainString(),
              t -> t.lot().supplierLot(),
              t -> t.lot().supplierNopId(),
              t -> t.lot().certifiedAtReceipt())
          .containsExactly(
              tuple("ALM-20251014-001", "500", "VNG-7731", "8150000016", true),
              tuple("ALM-20251109-001", "100", "VNG-7802", "8150000016", true));
    }
  }

  private static java.util.List<org.assertj.core.groups.Tuple> allocations(
      EngineDriver engine, String lotId) {
    return engine.lots().lot(FRESNO, ALMONDS, lotId).orElseThrow().allocations().stream()
        .map(
            (AllocationView a) ->
                tuple(
                    a.movementId(),
                    a.type(),
                    a.quantity().stripTrailingZeros().toPlainString(),
                    a.documentRef(),
                    a.counterpartyId()))
        .toList();
  }
}
