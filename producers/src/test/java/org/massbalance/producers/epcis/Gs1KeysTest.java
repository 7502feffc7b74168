package org.massbalance.producers.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Gs1KeysTest {

  @Test
  void shouldComputeTheGs1CheckDigit() {
    // GS1 General Specifications example: GTIN-13 629104150021 -> 3
    assertThat(Gs1Keys.checkDigit("629104150021")).isEqualTo(3);
    assertThat(Gs1Keys.checkDigitHolds("6291041500213")).isTrue();
    assertThat(Gs1Keys.checkDigitHolds("6291041500214")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "urn:epc:id:sgln:0614141.00001.0,0614141000012",
    "urn:epc:id:sgln:0614141.00001.7,0614141000012",
    "urn:epc:id:sgln:0614141.00001,0614141000012",
    "urn:epc:id:pgln:0614141.00077,0614141000777",
    "https://id.gs1.org/414/0614141000029,0614141000029",
    "https://example.com/gs1/414/0614141000029/254/7?x=1,0614141000029"
  })
  void shouldConvertLocationsAndPartiesToTheirGln(String id, String gln) {
    assertThat(Gs1Keys.gln(id)).isEqualTo(gln);
  }

  @Test
  void shouldRefuseAGlnWithAWrongCheckDigitOrAnUnknownForm() {
    assertThatThrownBy(() -> Gs1Keys.gln("https://id.gs1.org/414/0614141000013"))
        .hasMessageContaining("wrong check digit");
    assertThatThrownBy(() -> Gs1Keys.gln("urn:epc:id:sgln:0614141.0001.0"))
        .hasMessageContaining("not 12 digits");
    assertThatThrownBy(() -> Gs1Keys.gln("geo:36.1,-115.2"))
        .hasMessageContaining("is not an SGLN/PGLN URN or a GS1 Digital Link");
  }

  @ParameterizedTest
  @CsvSource({
    "urn:epc:class:lgtin:0614141.012345.ALM-L1,00614141123452,ALM-L1",
    "urn:epc:class:lgtin:0614141.012345.LOT%2F7,00614141123452,LOT/7",
    "urn:epc:idpat:sgtin:0614141.012345.*,00614141123452,",
    "urn:epc:id:sgtin:0614141.012345.400,00614141123452,",
    "https://id.gs1.org/01/00614141543212/10/WAL-7,00614141543212,WAL-7",
    "https://id.gs1.org/01/00614141543212,00614141543212,",
    "https://id.gs1.org/01/00614141123452/22/2A/10/LOT7,00614141123452,LOT7",
    "https://id.gs1.org/01/6291041500213/10/A%20B,06291041500213,A B"
  })
  void shouldConvertAnEpcClassToItsGtinAndLot(String epcClass, String gtin, String lot) {
    assertThat(Gs1Keys.itemClass(epcClass)).isEqualTo(new Gs1Keys.ItemClass(gtin, lot));
  }

  @Test
  void shouldRefuseAGtinWithAWrongCheckDigit() {
    assertThatThrownBy(() -> Gs1Keys.itemClass("https://id.gs1.org/01/00614141543213"))
        .hasMessageContaining("GTIN 00614141543213 has a wrong check digit");
  }
}
