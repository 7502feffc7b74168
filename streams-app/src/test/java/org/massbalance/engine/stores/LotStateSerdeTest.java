package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.massbalance.avro.internal.LotFacts;
import org.massbalance.avro.internal.LotState;

/** A lot reads back from {@code lots-store} exactly as it was written, every field. */
class LotStateSerdeTest {

  static LotState lot(Boolean certified) {
    LotFacts f =
        LotFacts.newBuilder()
            .setLotId("ALM-20251109-001@FRESNO")
            .setOriginSiteId("FRESNO")
            .setOriginLotId("ALM-20251109-001")
            .setReceivedEpochSecond(-62_135_596_800L)
            .setReceivedNano(999_999_999)
            .setAdjustment(false)
            .setReceiptMovementId("po-1")
            .setSupplierId("SUP-ÄÖ")
            .setSupplierLot(null)
            .setSupplierNopId("1234567890")
            .setCertifiedAtReceipt(certified)
            .setImportCertificate("123-1234567890-123456")
            .setOriginCountry("NL")
            .build();
    return LotState.newBuilder()
        .setFacts(f)
        .setSiteId("OAKLAND")
        .setProductId("ALMONDS")
        .setReceivedKg("45.3592370000")
        .setRemainingKg("0E-10")
        .setSequence(Long.MAX_VALUE)
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "true", "false"})
  void shouldReadBackEveryFieldAsWritten(String certified) {
    LotState written = lot(certified.equals("null") ? null : Boolean.valueOf(certified));

    LotState read = LotStateSerde.decode(LotStateSerde.encode(written));

    assertThat(read).isEqualTo(written);
    assertThat(read.getRemainingKg()).as("the exact decimal string").isEqualTo("0E-10");
  }

  @Test
  void shouldReadBackAnAdjustmentLotWithoutSupplier() {
    LotState written = lot(null);
    written.getFacts().setAdjustment(true);
    written.getFacts().setReceiptMovementId(null);
    written.getFacts().setSupplierId(null);
    written.getFacts().setSupplierNopId(null);
    written.getFacts().setImportCertificate(null);
    written.getFacts().setOriginCountry(null);

    assertThat(LotStateSerde.decode(LotStateSerde.encode(written))).isEqualTo(written);
  }

  @Test
  void shouldRefuseBytesOfAnotherFormat() {
    assertThatThrownBy(() -> LotStateSerde.decode(new byte[] {0, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
