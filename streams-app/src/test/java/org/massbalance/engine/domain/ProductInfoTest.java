package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Product;

/** A product record as the engine reads it, with the contract's defaults. */
class ProductInfoTest {

  private static Product.Builder almonds() {
    return Product.newBuilder().setProductId("ALMONDS");
  }

  @Test
  void shouldReadEveryFieldTheRecordGives() {
    ProductInfo p =
        ProductInfo.of(
            almonds()
                .setUnit("lb")
                .setOrganic(false)
                .setTolerancePct("2.5")
                .setLotPrefix(" ALM ")
                .build());

    assertThat(p)
        .isEqualTo(new ProductInfo("ALMONDS", Unit.LB, false, new BigDecimal("2.5"), "ALM"));
  }

  @Test
  void shouldGiveARecordWithoutFieldsTheDefaultsOfAnUnknownProduct() {
    assertThat(ProductInfo.of(almonds().build())).isEqualTo(ProductInfo.defaults("ALMONDS"));
    assertThat(
            ProductInfo.of(almonds().setUnit(" ").setTolerancePct("").setLotPrefix("  ").build()))
        .isEqualTo(ProductInfo.defaults("ALMONDS"));
  }

  @Test
  void shouldReportInKgWhenTheUnitIsUnknown() {
    assertThat(ProductInfo.of(almonds().setUnit("bushel").build()).unit()).isEqualTo(Unit.KG);
  }

  @Test
  void shouldKeepTheToleranceExactlyAsWrittenWhenItIsANumberFromZero() {
    assertThat(ProductInfo.parseTolerancePct(" 3 ")).contains(new BigDecimal("3"));
    assertThat(ProductInfo.parseTolerancePct("0")).contains(BigDecimal.ZERO);
    assertThat(ProductInfo.parseTolerancePct("0.000001")).contains(new BigDecimal("0.000001"));
    assertThat(ProductInfo.of(almonds().setTolerancePct("2.50").build()).tolerancePct())
        .isEqualTo(new BigDecimal("2.50"));
  }

  @Test
  void shouldUseFivePercentWhenTheToleranceIsAbsentBlankNotANumberOrNegative() {
    for (String t : new String[] {null, "", "  ", "five", "5%", "-1", "-0.5"}) {
      assertThat(ProductInfo.parseTolerancePct(t)).as(String.valueOf(t)).isEmpty();
      assertThat(ProductInfo.of(almonds().setTolerancePct(t).build()).tolerancePct())
          .as(String.valueOf(t))
          .isEqualTo(new BigDecimal("5.0"));
    }
  }

  @Test
  void shouldReadTheNameAndTheGtinInItsFourteenDigitForm() {
    ProductInfo p =
        ProductInfo.of(almonds().setName(" Organic almonds ").setGtin(" 4006381333931 ").build());

    assertThat(p.name()).isEqualTo("Organic almonds");
    assertThat(p.gtin()).isEqualTo("04006381333931");
    assertThat(ProductInfo.of(almonds().setGtin("09506000134352").build()).gtin())
        .isEqualTo("09506000134352");
  }

  @Test
  void shouldHaveNoGtinWhenTheRecordsGtinIsAbsentBlankOrInvalid() {
    for (String g :
        new String[] {null, "", " ", "09506000134353", "0950600013435", "ABC", "+9506000134352"}) {
      assertThat(ProductInfo.of(almonds().setGtin(g).build()).gtin())
          .as(String.valueOf(g))
          .isNull();
    }
    assertThat(ProductInfo.of(almonds().setGtin("09506000134353").build()))
        .as("an invalid GTIN changes nothing else")
        .isEqualTo(ProductInfo.defaults("ALMONDS"));
  }
}
