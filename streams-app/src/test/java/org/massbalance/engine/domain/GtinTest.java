package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * GTINs and their check digits, against the examples GS1 publishes (General Specifications, the GS1
 * Digital Link standard's examples) and the best-known retail ones.
 */
class GtinTest {

  @Test
  void shouldAcceptTheGtinsOfGs1sExamples() {
    // GS1 Digital Link's example GTIN, and the GTIN-14 of GS1's check digit calculator page
    assertThat(Gtin.normalize("09506000134352")).contains("09506000134352");
    assertThat(Gtin.normalize("00012345600012")).contains("00012345600012");
    // A GTIN-13 (EAN-13) and a GTIN-12 (UPC-A) read zero-padded to 14 digits
    assertThat(Gtin.normalize("4006381333931")).contains("04006381333931");
    assertThat(Gtin.normalize("036000291452")).contains("00036000291452");
    // A GTIN-8 (EAN-8)
    assertThat(Gtin.normalize("96385074")).contains("00000096385074");
    // surrounding blanks are ignored
    assertThat(Gtin.normalize(" 00614141123452 ")).contains("00614141123452");
  }

  @Test
  void shouldComputeTheCheckDigitWithWeightsThreeAndOneFromTheRight() {
    assertThat(Gtin.checkDigit("0950600013435")).isEqualTo(2);
    assertThat(Gtin.checkDigit("0001234560001")).isEqualTo(2);
    assertThat(Gtin.checkDigit("400638133393")).isEqualTo(1);
    assertThat(Gtin.checkDigit("03600029145")).isEqualTo(2);
    assertThat(Gtin.checkDigit("9638507")).isEqualTo(4);
    // a sum that is already a multiple of 10 gives 0, not 10
    assertThat(Gtin.checkDigit("0000000000000")).isZero();
    assertThatThrownBy(() -> Gtin.checkDigit("12a")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseAWrongCheckDigitALengthOtherThanEightTwelveThirteenOrFourteenAndNonDigits() {
    assertThat(Gtin.normalize("09506000134353")).isEmpty(); // check digit off by one
    assertThat(Gtin.normalize("4006381333932")).isEmpty();
    assertThat(Gtin.normalize("950600013435")).isEmpty(); // 12 digits, wrong check digit
    assertThat(Gtin.normalize("1234567")).isEmpty(); // 7 digits
    assertThat(Gtin.normalize("000950600013435")).isEmpty(); // 15 digits
    assertThat(Gtin.normalize("0950600013435X")).isEmpty();
    assertThat(Gtin.normalize("０9506000134352")).isEmpty(); // a full-width digit
    assertThat(Gtin.normalize("")).isEmpty();
    assertThat(Gtin.normalize(null)).isEmpty();
    assertThat(Gtin.isValid("09506000134352")).isTrue();
    assertThat(Gtin.isValid("09506000134353")).isFalse();
  }
}
