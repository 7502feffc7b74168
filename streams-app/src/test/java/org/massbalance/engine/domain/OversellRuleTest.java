package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.Movement;
import org.massbalance.avro.internal.LedgerInput;

/**
 * OVERSELL: an outbound movement takes more than the book at its place in the order (the current
 * book after the last COUNT; before it, the book over the processed movements before it).
 */
class OversellRuleTest {

  static final Instant AT = Instant.parse("2025-11-01T09:00:00Z");
  static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
  static final SiteInfo LONDON = SiteInfo.defaults("LONDON");
  static final ProductInfo OATS = ProductInfo.defaults("OATS");
  static final ProductInfo ALMONDS =
      new ProductInfo("ALMONDS", Unit.LB, true, new BigDecimal("5.0"), "ALM");

  static LedgerMovement movement(String type, String kg, boolean arrival) {
    Movement m =
        Movement.newBuilder()
            .setMovementId("m-1")
            .setType(type)
            .setOccurredAt(AT.toString())
            .setSiteId("LONDON")
            .setProductId("OATS")
            .setQuantity(kg)
            .setUnit("kg")
            .setToSiteId(type.equals("TRANSFER") ? "FRESNO" : null)
            .build();
    return LedgerMovement.of(
        LedgerInput.newBuilder()
            .setMovement(m)
            .setEpochSecond(AT.getEpochSecond())
            .setNano(AT.getNano())
            .setQuantityKg(kg)
            .setArrival(arrival)
            .setSourceTopic("inventory-movements")
            .setSourcePartition(0)
            .setSourceOffset(0)
            .build());
  }

  @Test
  void shouldJudgeAMovementAfterTheLastCountAgainstTheCurrentBookWithoutReadingTheHistory() {
    AtomicInteger reads = new AtomicInteger();
    BigDecimal book =
        OversellRule.bookAtPlace(
            true,
            new BigDecimal("100"),
            () -> {
              reads.incrementAndGet();
              return new BigDecimal("200");
            });
    assertThat(book).isEqualByComparingTo("100");
    assertThat(reads).hasValue(0);
  }

  @Test
  void shouldJudgeAMovementBeforeTheLastCountAgainstTheBookBeforeIt() {
    assertThat(OversellRule.bookAtPlace(false, new BigDecimal("100"), () -> new BigDecimal("200")))
        .isEqualByComparingTo("200");
  }

  @Test
  void shouldFindNoShortfallWhenTheBookCoversTheOutbound() {
    assertThat(OversellRule.shortfall(new BigDecimal("200"), new BigDecimal("200"))).isEmpty();
    assertThat(OversellRule.shortfall(new BigDecimal("150"), new BigDecimal("200"))).isEmpty();
  }

  @Test
  void shouldTakeTheShortfallAsOutboundMinusAPositiveBook() {
    assertThat(OversellRule.shortfall(new BigDecimal("250"), new BigDecimal("200")))
        .hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo("50"));
    assertThat(OversellRule.shortfall(new BigDecimal("10.000001"), new BigDecimal("10")))
        .hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo("0.000001"));
  }

  @Test
  void shouldTakeTheWholeOutboundAsShortfallWhenTheBookIsNotPositive() {
    assertThat(OversellRule.shortfall(new BigDecimal("3"), new BigDecimal("-5")))
        .hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo("3"));
    assertThat(OversellRule.shortfall(new BigDecimal("3"), BigDecimal.ZERO))
        .hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo("3"));
  }

  @Test
  void shouldRaiseOversellForEachOutboundTypeThatTakesMoreThanTheBook() {
    for (LedgerMovement mv :
        new LedgerMovement[] {
          movement("SALE", "250", false),
          movement("WASTE", "250", false),
          movement("TRANSFER", "250", false),
          movement("ADJUSTMENT", "-250", false)
        }) {
      assertThat(OversellRule.judge(mv, new BigDecimal("200"), false, LONDON, OATS, NOW))
          .as(mv.type().name())
          .hasValueSatisfying(
              a -> {
                assertThat(a.getType()).isEqualTo("OVERSELL");
                assertThat(a.getSeverity()).isEqualTo("CRITICAL");
                assertThat(a.getQuantity()).isEqualTo("50");
                assertThat(a.getUnit()).isEqualTo("kg");
                assertThat(a.getMovementId()).isEqualTo("m-1");
                assertThat(a.getPeriod()).isEqualTo("2025-11");
                assertThat(a.getDetails())
                    .containsEntry("requested", "250")
                    .containsEntry("book_balance", "200");
              });
    }
  }

  @Test
  void shouldNeverRaiseOversellForInboundMovements() {
    for (LedgerMovement mv :
        new LedgerMovement[] {
          movement("RECEIPT", "250", false),
          movement("ADJUSTMENT", "250", false),
          movement("TRANSFER", "250", true),
          movement("COUNT", "250", false)
        }) {
      assertThat(OversellRule.judge(mv, new BigDecimal("-10"), false, LONDON, OATS, NOW))
          .as(mv.type().name() + (mv.arrival() ? " arrival" : ""))
          .isEmpty();
    }
  }

  @Test
  void shouldSayWhichBookJudgedAMovementBeforeTheLastCount() {
    Alert late =
        OversellRule.judge(
                movement("SALE", "250", false), new BigDecimal("200"), true, LONDON, OATS, NOW)
            .orElseThrow();
    assertThat(late.getMessage())
        .isEqualTo(
            "SALE m-1 takes 250 kg of OATS at LONDON but the book balance at its place in the"
                + " order (before the last COUNT) is 200 kg: 50 kg short.");
    assertThat(late.getDetails()).containsEntry("book_at", "its place before the last COUNT");

    Alert current =
        OversellRule.judge(
                movement("SALE", "250", false), new BigDecimal("200"), false, LONDON, OATS, NOW)
            .orElseThrow();
    assertThat(current.getMessage())
        .isEqualTo(
            "SALE m-1 takes 250 kg of OATS at LONDON but the book balance is 200 kg: 50 kg short.");
    assertThat(current.getDetails()).doesNotContainKey("book_at");
  }

  @Test
  void shouldGiveTheSameAlertIdWhicheverBookJudgedTheMovement() {
    LedgerMovement mv = movement("SALE", "250", false);
    String id = AlertIds.of(AlertType.OVERSELL, "m-1", "LONDON", "OATS", null, "2025-11", null);
    assertThat(OversellRule.judge(mv, new BigDecimal("200"), true, LONDON, OATS, NOW))
        .hasValueSatisfying(a -> assertThat(a.getAlertId()).isEqualTo(id));
    assertThat(OversellRule.judge(mv, BigDecimal.ZERO, false, LONDON, OATS, NOW))
        .hasValueSatisfying(a -> assertThat(a.getAlertId()).isEqualTo(id));
  }

  @Test
  void shouldReportTheShortfallInTheProductsUnit() {
    LedgerMovement mv = movement("SALE", "0.45359237", false); // 1 lb
    assertThat(OversellRule.judge(mv, BigDecimal.ZERO, false, LONDON, ALMONDS, NOW))
        .hasValueSatisfying(
            a -> {
              assertThat(a.getQuantity()).isEqualTo("1");
              assertThat(a.getUnit()).isEqualTo("lb");
            });
  }
}
