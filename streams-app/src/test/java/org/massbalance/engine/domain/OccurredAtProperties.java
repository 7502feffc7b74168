package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract's {@code occurred_at} grammar, {@code YYYY-MM-DD} or {@code
 * YYYY-MM-DDThh:mm[:ss[.fraction]]} with an optional {@code Z} or {@code ±hh:mm}, written here as
 * the regular expression PRODUCT.md's grammar reads as: {@link OccurredAt} reads it by hand and
 * must give what the expression and {@code java.time} give, instant or refusal, for every text.
 */
class OccurredAtProperties {

  private static final Pattern GRAMMAR =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})"
              + "(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:\\d{2})?)?");

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("Europe/London"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneOffset.ofHoursMinutes(5, 45));

  @Property(tries = 5000)
  void shouldReadEveryTextAsTheGrammarAndJavaTimeDo(
      @ForAll("texts") String text, @ForAll("zones") ZoneId zone, @ForAll boolean count) {
    assertThat(OccurredAt.parse(text, zone, count)).isEqualTo(byGrammar(text, zone, count));
  }

  @Example
  void shouldReadTheContractsFormsAndRefuseTheirNeighbours() {
    ZoneId london = ZoneId.of("Europe/London");
    for (String text :
        new String[] {
          "2026-11-30",
          "2026-03-29T01:30",
          "2026-10-25T01:30:00",
          "2026-11-30T16:40:50.123456789Z",
          "2026-11-30T16:40:50.1+05:30",
          "2026-11-30T16:40-00:30",
          "0000-01-01T00:00Z",
          "2026-11-30T16:40:50.1234567890Z",
          "2026-11-30T16:40:50.Z",
          "2026-11-30T16:40:5Z",
          "2026-11-30T16:40+18:01",
          "2026-11-30T16:40+1:00",
          "2026-02-29",
          "2026-11-30T24:00",
          "2026-11-30 16:40",
          "2026-11-30Z",
          "２０２６-11-30",
          "",
          "2026-11-3"
        }) {
      for (boolean count : new boolean[] {false, true}) {
        assertThat(OccurredAt.parse(text, london, count))
            .as(text)
            .isEqualTo(byGrammar(text, london, count));
      }
    }
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES);
  }

  /** Texts of the grammar, near misses, and texts of its characters in any order. */
  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> digit = Arbitraries.strings().withCharRange('0', '9').ofLength(1);
    Arbitrary<String> two = Arbitraries.integers().between(0, 99).map(i -> "%02d".formatted(i));
    Arbitrary<String> fraction =
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(0).ofMaxLength(11);
    Arbitrary<String> offset =
        Arbitraries.oneOf(
            Arbitraries.of("", "Z", "z", "+00:00", "-00:00", "+18:00", "-18:00", "+5:30"),
            Combinators.combine(Arbitraries.of("+", "-"), two, two)
                .as((s, h, m) -> s + h + ":" + m));
    Arbitrary<String> date =
        Combinators.combine(
                Arbitraries.integers().between(0, 9999).map(y -> "%04d".formatted(y)),
                Arbitraries.integers().between(0, 13).map(m -> "%02d".formatted(m)),
                Arbitraries.integers().between(0, 32).map(d -> "%02d".formatted(d)))
            .as((y, m, d) -> y + "-" + m + "-" + d);
    Arbitrary<String> time =
        Combinators.combine(
                two,
                two,
                Arbitraries.oneOf(Arbitraries.just(""), two.map(s -> ":" + s)),
                Arbitraries.oneOf(Arbitraries.just(""), fraction.map(f -> "." + f)),
                offset)
            .as((h, m, s, f, o) -> "T" + h + ":" + m + s + (s.isEmpty() ? "" : f) + o);
    Arbitrary<String> grammatical =
        Combinators.combine(date, Arbitraries.oneOf(Arbitraries.just(""), time))
            .as((d, t) -> d + t);
    Arbitrary<String> mutated =
        Combinators.combine(
                grammatical,
                Arbitraries.integers().between(0, 40),
                Arbitraries.of("", "0", "-", ":", "T", ".", "Z", "+", " ", "x"),
                Arbitraries.integers().between(0, 2))
            .as(
                (g, at, with, drop) -> {
                  int i = Math.min(at, g.length());
                  int j = Math.min(g.length(), i + drop);
                  return g.substring(0, i) + with + g.substring(j);
                });
    Arbitrary<String> shuffled =
        Arbitraries.strings().withChars("0123456789-:T.Z+").ofMinLength(0).ofMaxLength(30);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, grammatical),
        net.jqwik.api.Tuple.of(4, mutated),
        net.jqwik.api.Tuple.of(1, shuffled),
        net.jqwik.api.Tuple.of(1, digit));
  }

  /** The instant by the grammar's regular expression and {@code java.time}'s own parsers. */
  private static Optional<Instant> byGrammar(String text, ZoneId zone, boolean count) {
    Matcher m = GRAMMAR.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      if (m.group(4) == null) {
        return Optional.of(
            count
                ? date.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1)
                : date.atStartOfDay(zone).toInstant());
      }
      int nanos =
          m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
      LocalDateTime local =
          LocalDateTime.of(
              date,
              LocalTime.of(
                  Integer.parseInt(m.group(4)),
                  Integer.parseInt(m.group(5)),
                  m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                  nanos));
      return Optional.of(
          m.group(8) == null
              ? ZonedDateTime.ofLocal(local, zone, null).toInstant()
              : local.toInstant(ZoneOffset.of(m.group(8))));
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
