package org.massbalance.engine.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Product;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.AuditData.Allocation;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;

/** The demo's November 2025 as audit rows: the contract's almonds month and OAKLAND's pecans. */
final class AuditFixtures {

  static final String NOP = "8150000016";
  static final String LOT_OCT = "ALM-20251014-001";
  static final String LOT_NOV = "ALM-20251109-001";
  static final String LOT_NOV20 = "ALM-20251120-001";

  private AuditFixtures() {}

  static Snapshot almonds() {
    return Snapshot.newBuilder()
        .setSiteId("FRESNO")
        .setProductId("ALMONDS")
        .setPeriod("2025-11")
        .setRevision(1)
        .setUnit("lb")
        .setOpening("500")
        .setReceipts("1750")
        .setSales("1500")
        .setWaste("30")
        .setTransfersIn("0")
        .setTransfersOut("0")
        .setAdjustments("0")
        .setExpectedClosing("720")
        .setCounted("715")
        .setCountVariance("-5")
        .setVariancePct("-0.694444")
        .setClosing("715")
        .setWastePct("1.333333")
        .setStatus("WITHIN_TOLERANCE")
        .setExpectedAtCount("720")
        .setClosedAt("2026-11-30T08:00:00Z")
        .build();
  }

  static Snapshot pecans() {
    return Snapshot.newBuilder(almonds())
        .setSiteId("OAKLAND")
        .setProductId("PECANS")
        .setUnit("kg")
        .setOpening("0")
        .setReceipts("800")
        .setSales("200")
        .setWaste("0")
        .setExpectedClosing("600")
        .setCounted("540")
        .setCountVariance("-60")
        .setVariancePct("-10")
        .setClosing("540")
        .setWastePct("0")
        .setStatus("INVESTIGATE")
        .setExpectedAtCount("600")
        .build();
  }

  static TracedLot lot(String id, String qty, String supplierLot, String receivedAt) {
    return new TracedLot(
        id, new BigDecimal(qty), receivedAt, "VNG", supplierLot, NOP, true, null, null);
  }

  static TracedMovement sale(
      String id, String at, String qty, String party, String doc, List<TracedLot> lots) {
    return new TracedMovement(
        "FRESNO",
        "ALMONDS",
        id,
        "SALE",
        at,
        "2025-11",
        new BigDecimal(qty),
        "lb",
        BigDecimal.ZERO,
        party,
        doc,
        null,
        null,
        lots);
  }

  static AuditData data(Instant generatedAt) {
    List<TracedMovement> traces =
        List.of(
            sale(
                "m-003",
                "2025-11-12T08:00:00Z",
                "600",
                "CUST-21",
                "SO-5501",
                List.of(
                    lot(LOT_OCT, "500", "VNG-7731", "2025-10-14T07:00:00Z"),
                    lot(LOT_NOV, "100", "VNG-7802", "2025-11-09T08:00:00Z"))),
            sale(
                "m-004",
                "2025-11-18T08:00:00Z",
                "500",
                "CUST-34",
                "SO-5523",
                List.of(lot(LOT_NOV, "500", "VNG-7802", "2025-11-09T08:00:00Z"))),
            new TracedMovement(
                "FRESNO",
                "ALMONDS",
                "m-006",
                "WASTE",
                "2025-11-22T08:00:00Z",
                "2025-11",
                new BigDecimal("30"),
                "lb",
                BigDecimal.ZERO,
                null,
                "WD-0042",
                null,
                "moisture damage",
                List.of(lot(LOT_NOV, "30", "VNG-7802", "2025-11-09T08:00:00Z"))),
            sale(
                "m-007",
                "2025-11-25T08:00:00Z",
                "400",
                "=HYPERLINK(\"x\")",
                "-SO-5560",
                List.of(
                    lot(LOT_NOV, "370", "VNG-7802", "2025-11-09T08:00:00Z"),
                    lot(LOT_NOV20, "30", "VNG-7840", "2025-11-20T08:00:00Z"))),
            new TracedMovement(
                "OAKLAND",
                "WALNUTS",
                "d-002",
                "SALE",
                "2025-11-10T08:00:00Z",
                "2025-11",
                new BigDecimal("450"),
                "kg",
                new BigDecimal("50"),
                "CUST-55",
                "SO-7001",
                null,
                null,
                List.of(
                    new TracedLot(
                        "WAL-20251103-001",
                        new BigDecimal("400"),
                        "2025-11-03T07:00:00Z",
                        "VNG",
                        "VNG-7790",
                        NOP,
                        true,
                        null,
                        null))));
    List<LotRecord> lots =
        List.of(
            new LotRecord(
                "FRESNO",
                "ALMONDS",
                LOT_OCT,
                "lb",
                new BigDecimal("500"),
                BigDecimal.ZERO,
                "2025-10-14T07:00:00Z",
                "2025-10",
                "VNG",
                "VNG-7731",
                NOP,
                true,
                null,
                null,
                "FRESNO",
                false,
                List.of(
                    new Allocation(
                        "m-003",
                        "SALE",
                        new BigDecimal("500"),
                        "2025-11-12T08:00:00Z",
                        "CUST-21",
                        "SO-5501",
                        null))),
            new LotRecord(
                "FRESNO",
                "ALMONDS",
                LOT_NOV,
                "lb",
                new BigDecimal("1000"),
                BigDecimal.ZERO,
                "2025-11-09T08:00:00Z",
                "2025-11",
                "VNG",
                "VNG-7802",
                NOP,
                true,
                null,
                null,
                "FRESNO",
                false,
                List.of(
                    new Allocation(
                        "m-003",
                        "SALE",
                        new BigDecimal("100"),
                        "2025-11-12T08:00:00Z",
                        "CUST-21",
                        "SO-5501",
                        null),
                    new Allocation(
                        "m-004",
                        "SALE",
                        new BigDecimal("500"),
                        "2025-11-18T08:00:00Z",
                        "CUST-34",
                        "SO-5523",
                        null))),
            new LotRecord(
                "FRESNO",
                "ALMONDS",
                LOT_NOV20,
                "lb",
                new BigDecimal("750"),
                new BigDecimal("715"),
                "2025-11-20T08:00:00Z",
                "2025-11",
                "VNG",
                "VNG-7840",
                NOP,
                false,
                null,
                null,
                "FRESNO",
                false,
                List.of()));
    Alert oversell =
        Alert.newBuilder()
            .setAlertId("a-1")
            .setType("OVERSELL")
            .setSeverity("CRITICAL")
            .setSiteId("OAKLAND")
            .setProductId("WALNUTS")
            .setMovementId("d-002")
            .setPeriod("2025-11")
            .setQuantity("50")
            .setUnit("kg")
            .setOccurredAt("2025-11-10T08:00:00Z")
            .setDetectedAt("2026-11-30T08:00:00Z")
            .setMessage("SALE d-002 takes 450 kg of WALNUTS at OAKLAND ...")
            .setDetails(Map.of("book_balance", "400"))
            .build();
    SupplierCertificate vng =
        SupplierCertificate.newBuilder()
            .setNopId(NOP)
            .setOperationName("Valley Nut Growers")
            .setCertifier("CCOF Certification Services")
            .setStatus("CERTIFIED")
            .setStatusEffective("2019-04-01")
            .setScopes(List.of("CROPS", "HANDLING"))
            .build();
    Product almonds =
        Product.newBuilder().setProductId("ALMONDS").setUnit("lb").setTolerancePct("5.0").build();
    ConsolidatedSnapshot consolidated =
        ConsolidatedSnapshot.newBuilder()
            .setProductId("ALMONDS")
            .setPeriod("2025-11")
            .setRevision(1)
            .setUnit("lb")
            .setSites(1)
            .setOpening("500")
            .setReceipts("1750")
            .setSales("1500")
            .setWaste("30")
            .setTransfersIn("0")
            .setTransfersOut("0")
            .setAdjustments("0")
            .setExpectedClosing("720")
            .setCountVariance("-5")
            .setClosing("715")
            .build();
    return new AuditData(
        YearMonth.of(2025, 11),
        YearMonth.of(2025, 11),
        List.of(),
        generatedAt,
        List.of(pecans(), almonds()),
        List.of(consolidated),
        traces,
        lots,
        Map.of(NOP, vng),
        Map.of("ALMONDS", almonds),
        List.of(oversell));
  }
}
