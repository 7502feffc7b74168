package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
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
  void shouldRefuseBytesOfAnotherFormat() {
    byte[] keyState = new KeyStateSerde().serializer().serialize("t", new KeyState());
    assertThatThrownBy(() -> InternalCodecs.decodeTrace(keyState))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
