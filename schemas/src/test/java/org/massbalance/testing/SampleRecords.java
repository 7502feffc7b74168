package org.massbalance.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.avro.Site;
import org.massbalance.avro.Snapshot;
import org.massbalance.avro.SupplierCertificate;

/** Sample instances of every generated record type, from the contract's almonds example. */
public final class SampleRecords {

  private SampleRecords() {}

  /** A receipt of 500 lb of almonds at Fresno. */
  public static Movement movement() {
    return Movement.newBuilder()
        .setMovementId("m-001")
        .setType("RECEIPT")
        .setOccurredAt("2025-10-14")
        .setSiteId("FRESNO")
        .setProductId("ALMONDS")
        .setQuantity("500")
        .setUnit("lb")
        .setSupplierId("VNG")
        .setSupplierLot("VNG-7731")
        .setSupplierNopId("8150000016")
        .setDocumentRef("PO-1001")
        .setIngestedAt(1_762_000_000_000L)
        .build();
  }

  /** An OVERSELL alert. */
  public static Alert alert() {
    return Alert.newBuilder()
        .setAlertId("OVERSELL|m-003|FRESNO|ALMONDS")
        .setType("OVERSELL")
        .setSeverity("CRITICAL")
        .setSiteId("FRESNO")
        .setProductId("ALMONDS")
        .setMovementId("m-003")
        .setPeriod("2025-11")
        .setQuantity("100.000000")
        .setUnit("lb")
        .setOccurredAt("2025-11-12T08:00:00Z")
        .setDetectedAt("2025-11-12T08:00:01Z")
        .setMessage("Sale m-003 takes 600 lb but the book holds 500 lb.")
        .setDetails(Map.of("book_balance", "500.000000"))
        .build();
  }

  /** The November 2025 snapshot of the seed example. */
  public static Snapshot snapshot() {
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
        .setClosedAt("2025-12-04T08:00:00Z")
        .build();
  }

  /** The consolidated November 2025 snapshot of almonds. */
  public static ConsolidatedSnapshot consolidated() {
    return ConsolidatedSnapshot.newBuilder()
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
  }

  /** A rejected record with its original bytes. */
  public static RejectedRecord rejected() {
    return RejectedRecord.newBuilder()
        .setReason("quantity: must be positive for SALE")
        .setSourceTopic("inventory-movements")
        .setSourcePartition(3)
        .setSourceOffset(42L)
        .setOriginalKey(ByteBuffer.wrap("FRESNO|ALMONDS".getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 2}))
        .setMovementId("m-009")
        .setSiteId("FRESNO")
        .setProductId("ALMONDS")
        .setRejectedAt("2025-11-12T08:00:01Z")
        .build();
  }

  /** The certificate of Valley Nut Growers. */
  public static SupplierCertificate certificate() {
    return SupplierCertificate.newBuilder()
        .setNopId("8150000016")
        .setOperationName("Valley Nut Growers")
        .setCertifier("CCOF Certification Services")
        .setStatus("CERTIFIED")
        .setStatusEffective("2019-04-01")
        .setScopes(List.of("CROPS", "HANDLING"))
        .setExpiresOn(null)
        .build();
  }

  /** The Fresno warehouse. */
  public static Site site() {
    return Site.newBuilder()
        .setSiteId("FRESNO")
        .setName("Fresno warehouse")
        .setTimeZone("America/Los_Angeles")
        .setCountry("US")
        .build();
  }

  /** Organic almonds. */
  public static Product product() {
    return Product.newBuilder()
        .setProductId("ALMONDS")
        .setName("Organic almonds")
        .setUnit("lb")
        .setOrganic(true)
        .setTolerancePct("5.0")
        .setLotPrefix("ALM")
        .build();
  }

  /** One sample of every generated record type. */
  public static List<SpecificRecord> all() {
    return List.of(
        movement(),
        alert(),
        snapshot(),
        consolidated(),
        rejected(),
        certificate(),
        site(),
        product());
  }
}
