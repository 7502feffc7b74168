package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.internal.LotAllocation;
import org.massbalance.avro.internal.MovementTrace;

/**
 * A back trace and a recent alert read back exactly as written, every field, the alert's details in
 * their order.
 */
class InternalCodecsTest {

  static LotAllocation allocation(String lot, String kg, String counterparty) {
    return LotAllocation.newBuilder()
        .setMovementId("so-7")
        .setType("SALE")
        .setLotId(lot)
        .setQuantityKg(kg)
        .setEpochSecond(1_762_646_400L)
        .setNano(123)
        .setCounterpartyId(counterparty)
        .setDocumentRef(null)
        .setToSiteId(null)
        .build();
  }

  @Test
  void shouldReadBackABackTraceWithItsAllocations() {
    MovementTrace written =
        MovementTrace.newBuilder()
            .setMovementId("so-7")
            .setType("SALE")
            .setEpochSecond(-1L)
            .setNano(999_999_999)
            .setQuantityKg("45.3592370")
            .setAllocations(
                List.of(
                    allocation("ALM-20251109-001", "40", "CUST-Ü"),
                    allocation("L2@FRESNO", "5.3592370", null)))
            .setUncoveredKg("0")
            .setNamedLotId("ALM-20251109-001")
            .setNamedLotUnknown(true)
            .setCounterpartyId("CUST-Ü")
            .setDocumentRef("INV-1")
            .setToSiteId(null)
            .setReason("spoiled")
            .build();

    assertThat(InternalCodecs.decodeTrace(InternalCodecs.encodeTrace(written))).isEqualTo(written);
  }

  @Test
  void shouldReadBackATraceThatDrewNothing() {
    MovementTrace written =
        MovementTrace.newBuilder()
            .setMovementId("w-1")
            .setType("WASTE")
            .setEpochSecond(0L)
            .setNano(0)
            .setQuantityKg("2")
            .setAllocations(List.of())
            .setUncoveredKg("2")
            .build();

    assertThat(InternalCodecs.decodeTrace(InternalCodecs.encodeTrace(written))).isEqualTo(written);
  }

  @Test
  void shouldReadBackARecentAlertWithItsDetailsInOrder() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("requested", "10");
    details.put("book_balance", "-2.5");
    details.put("book_at", "its place before the last COUNT");
    Alert written =
        Alert.newBuilder()
            .setAlertId("a1b2")
            .setType("OVERSELL")
            .setSeverity("CRITICAL")
            .setSiteId("FRESNO")
            .setProductId("ALMONDS")
            .setLotId(null)
            .setMovementId("so-7")
            .setPeriod(null)
            .setQuantity("12.5")
            .setUnit("lb")
            .setOccurredAt("2025-11-09T08:00:00Z")
            .setDetectedAt("2026-01-15T00:00:00Z")
            .setMessage("SALE so-7 takes 10 lb …")
            .setDetails(details)
            .build();

    Alert read = InternalCodecs.decodeAlert(InternalCodecs.encodeAlert(written));

    assertThat(read).isEqualTo(written);
    assertThat(read.getDetails().keySet()).containsExactly("requested", "book_balance", "book_at");
  }

  @Test
  void shouldRefuseBytesOfAnotherFormat() {
    byte[] alert =
        InternalCodecs.encodeAlert(
            Alert.newBuilder()
                .setAlertId("x")
                .setType("T")
                .setSeverity("INFO")
                .setDetectedAt("d")
                .setMessage("m")
                .setDetails(Map.of())
                .build());
    assertThatThrownBy(() -> InternalCodecs.decodeTrace(alert))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
