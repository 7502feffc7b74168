package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** Every composite key the engine writes, and its parsing back into parts. */
class KeysTest {

  private static final String LEDGER = "SITE-LONDON|OATS-ROLLED";

  @Test
  void shouldBuildTheLedgerKeySiteBarProductAndParseItBack() {
    assertThat(Keys.ledger("SITE-LONDON", "OATS-ROLLED")).isEqualTo(LEDGER);
    Keys.SiteProduct parts = Keys.parseLedger(LEDGER);
    assertThat(parts.siteId()).isEqualTo("SITE-LONDON");
    assertThat(parts.productId()).isEqualTo("OATS-ROLLED");
    assertThat(parts.key()).isEqualTo(LEDGER);
  }

  @Test
  void shouldBuildThePeriodKeySiteProductMonthAndParseItBack() {
    assertThat(Keys.period("SITE-LONDON", "OATS-ROLLED", YearMonth.of(2026, 3)))
        .isEqualTo("SITE-LONDON|OATS-ROLLED|2026-03");
    assertThat(Keys.period("SITE-LONDON", "OATS-ROLLED", "2026-03"))
        .isEqualTo("SITE-LONDON|OATS-ROLLED|2026-03");
    Keys.SitePeriod parts = Keys.parsePeriod("SITE-LONDON|OATS-ROLLED|2026-03");
    assertThat(parts.siteId()).isEqualTo("SITE-LONDON");
    assertThat(parts.productId()).isEqualTo("OATS-ROLLED");
    assertThat(parts.period()).isEqualTo(YearMonth.of(2026, 3));
    assertThat(parts.key()).isEqualTo("SITE-LONDON|OATS-ROLLED|2026-03");
    Keys.LedgerMonth split = Keys.splitPeriod("SITE-LONDON|OATS-ROLLED|2026-03");
    assertThat(split.ledgerKey()).isEqualTo(Keys.ledger("SITE-LONDON", "OATS-ROLLED"));
    assertThat(split.month()).isEqualTo(YearMonth.of(2026, 3).toString());
  }

  @Test
  void shouldBuildTheConsolidationKeysProductMonthThenSite() {
    String key = Keys.productPeriod("OATS-ROLLED", YearMonth.of(2026, 12));
    assertThat(key).isEqualTo("OATS-ROLLED|2026-12");
    assertThat(Keys.productPeriod("OATS-ROLLED", "2026-12")).isEqualTo(key);
    assertThat(Keys.productPeriodSite(key, "SITE-LONDON"))
        .isEqualTo("OATS-ROLLED|2026-12|SITE-LONDON");
  }

  @Test
  void shouldBuildTheKeysUnderALedgerKeyWithinItsRange() {
    assertThat(Keys.lot(LEDGER, "LOT-7")).isEqualTo("SITE-LONDON|OATS-ROLLED|LOT-7");
    assertThat(Keys.day(LEDGER, "20260301")).isEqualTo("SITE-LONDON|OATS-ROLLED|20260301");
    assertThat(Keys.movement(LEDGER, "M-1")).isEqualTo("SITE-LONDON|OATS-ROLLED|M-1");
    assertThat(Keys.under(LEDGER)).isEqualTo("SITE-LONDON|OATS-ROLLED|");
    assertThat(Keys.lot(LEDGER, "LOT-7")).startsWith(Keys.under(LEDGER));
    assertThat(Keys.under(LEDGER)).isLessThan(Keys.lot(LEDGER, "0"));
    assertThat(Keys.ofSite("SITE-LONDON")).isEqualTo("SITE-LONDON|");
    assertThat(LEDGER).startsWith(Keys.ofSite("SITE-LONDON"));
  }

  @Test
  void shouldBuildTheExpiryWarningKeyCertificateDateDays() {
    assertThat(Keys.expiryWarning("1234567890", LocalDate.of(2026, 4, 30), 30))
        .isEqualTo("1234567890|2026-04-30|30");
  }

  @Test
  void shouldRefuseToParseAKeyWithoutItsParts() {
    assertThatThrownBy(() -> Keys.parseLedger("SITE-LONDON"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keys.parsePeriod("2026-03"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
