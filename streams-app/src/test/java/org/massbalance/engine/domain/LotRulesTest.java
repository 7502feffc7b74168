package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * A COUNT sets the lots on hand to max(book, 0); what no lot covers is UNTRACEABLE_OUTBOUND only
 * when no OVERSELL was raised for it, and a named unknown lot always is.
 */
class LotRulesTest {

  @Test
  void shouldSetTheLotsToTheBookAfterACountButNeverBelowZero() {
    assertThat(LotRules.onHandAfterCount(new BigDecimal("12.5"))).isEqualByComparingTo("12.5");
    assertThat(LotRules.onHandAfterCount(new BigDecimal("-3"))).isEqualByComparingTo("0");
  }

  @Test
  void shouldCallUncoveredQuantityUntraceableOnlyWithoutAnOversell() {
    BigDecimal none = BigDecimal.ZERO;
    BigDecimal some = BigDecimal.ONE;
    assertThat(LotRules.untraceable(false, some, false)).isTrue();
    assertThat(LotRules.untraceable(false, some, true)).isFalse();
    assertThat(LotRules.untraceable(false, none, false)).isFalse();
    assertThat(LotRules.untraceable(true, none, true)).isTrue();
  }
}
