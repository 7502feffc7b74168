package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ZoneOffsets} answers what {@code java.time} answers, for any instant or local time in
 * zones with and without daylight saving, half-hour shifts, changed rules and dateline jumps, in
 * any order: the stretch it remembers per zone must never leak into a time outside it.
 */
class ZoneOffsetsProperties {

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneOffset.ofHoursMinutes(-3, -30),
          ZoneId.of("Europe/London"),
          ZoneId.of("America/New_York"),
          ZoneId.of("America/Sao_Paulo"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("Pacific/Apia"),
          ZoneId.of("Africa/Casablanca"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("America/Havana"));

  /** 1890-01-01 to 2150-12-31, in seconds: before the epoch and far into rule-made years. */
  private static final long FROM = LocalDate.of(1890, 1, 1).toEpochDay() * 86_400L;

  private static final long TO = LocalDate.of(2150, 12, 31).toEpochDay() * 86_400L;

  @Property(tries = 20_000)
  void shouldGiveTheDateAndMonthJavaTimeGives(
      @ForAll("instants") Instant instant, @ForAll("zones") ZoneId zone) {
    ZonedDateTime expected = instant.atZone(zone);
    assertThat(ZoneOffsets.date(instant, zone)).isEqualTo(expected.toLocalDate());
    assertThat(ZoneOffsets.month(instant, zone)).isEqualTo(YearMonth.from(expected));
  }

  @Property(tries = 20_000)
  void shouldReadALocalTimeAsJavaTimeDoesInGapsAndOverlapsToo(
      @ForAll("instants") Instant near,
      @ForAll("shifts") long shiftSeconds,
      @ForAll("zones") ZoneId zone) {
    // a local time near one the zone really shows, so that many fall in or beside transitions
    LocalDateTime local = LocalDateTime.ofInstant(near, zone).plusSeconds(shiftSeconds);
    assertThat(ZoneOffsets.instant(local, zone))
        .isEqualTo(ZonedDateTime.ofLocal(local, zone, null).toInstant());
    LocalDate day = local.toLocalDate();
    assertThat(ZoneOffsets.startOfDay(day, zone)).isEqualTo(day.atStartOfDay(zone).toInstant());
  }

  @Example
  void shouldReadTheHoursAroundEachTransitionOfAYearAsJavaTimeDoes() {
    for (ZoneId zone : ZONES) {
      LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
      // every 20 minutes through a year, in order and then back: each transition is crossed
      for (int i = 0; i < 365 * 72; i++, t = t.plusMinutes(20)) {
        assertThat(ZoneOffsets.instant(t, zone))
            .isEqualTo(ZonedDateTime.ofLocal(t, zone, null).toInstant());
      }
      for (int i = 0; i < 365 * 72; i++, t = t.minusMinutes(20)) {
        Instant at = t.toInstant(ZoneOffset.UTC);
        assertThat(ZoneOffsets.date(at, zone)).isEqualTo(at.atZone(zone).toLocalDate());
      }
    }
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(FROM, TO)
        .flatMap(
            s ->
                Arbitraries.integers()
                    .between(0, 999_999_999)
                    .map(n -> Instant.ofEpochSecond(s, n)))
        .edgeCases(e -> e.add(Instant.ofEpochSecond(-1, 999_999_999)));
  }

  @Provide
  Arbitrary<Long> shifts() {
    return Arbitraries.longs().between(-3 * 86_400L, 3 * 86_400L);
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES);
  }
}
