package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The contract's lot ids. */
class LotIdsTest {

  @Test
  void shouldNumberADaysLotsWithAtLeastThreeDigits() {
    LocalDate day = LocalDate.parse("2025-11-09");
    assertThat(LotIds.assigned("ALM", day, 1)).isEqualTo("ALM-20251109-001");
    assertThat(LotIds.assigned("ALM", day, 999)).isEqualTo("ALM-20251109-999");
    assertThat(LotIds.assigned("ALM", day, 1000)).isEqualTo("ALM-20251109-1000");
    assertThat(LotIds.assigned("ALM", day, 42)).isEqualTo("ALM-20251109-042");
  }

  @Test
  void shouldWriteTheSiteLocalDayAsYyyyMmDd() {
    assertThat(LotIds.day(LocalDate.parse("2026-01-05"))).isEqualTo("20260105");
    assertThat(LotIds.day(LocalDate.parse("2026-12-31"))).isEqualTo("20261231");
    assertThat(LotIds.day(LocalDate.parse("0999-03-04"))).isEqualTo("09990304");
  }

  @Test
  void shouldNameTheMonthsAdjustmentLot() {
    assertThat(LotIds.adjustment("ALM", YearMonth.parse("2025-11"))).isEqualTo("ALM-ADJ-202511");
    assertThat(LotIds.adjustment("ALM", YearMonth.parse("2026-01"))).isEqualTo("ALM-ADJ-202601");
  }

  @Test
  void shouldRenameAnArrivingLotAfterItsOriginSite() {
    assertThat(LotIds.renamed("L-1", "FRESNO", 1)).isEqualTo("L-1@FRESNO");
    assertThat(LotIds.renamed("L-1", "FRESNO", 2)).isEqualTo("L-1@FRESNO-2");
  }

  @Test
  void shouldReadImportCertificateNumbersStrictly() {
    assertThat(Imports.validCertificate("123-4567890123-456789")).isTrue();
    assertThat(Imports.validCertificate("8150000016")).isFalse();
    assertThat(Imports.validCertificate("١٢٣-4567890123-456789")).isFalse();
    assertThat(Imports.validCertificate(" 123-4567890123-456789")).isFalse();
    assertThat(Imports.missing("  ")).isTrue();
  }
}
