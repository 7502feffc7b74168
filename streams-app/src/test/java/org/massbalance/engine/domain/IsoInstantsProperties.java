package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract's outputs write instants as {@code Instant.toString()} does; {@link IsoInstants}
 * writes and reads them without a formatter, and must agree with the JDK on every instant.
 */
class IsoInstantsProperties {

  @Property(tries = 3000)
  void shouldWriteEveryInstantAsInstantToStringDoes(@ForAll("instants") Instant t) {
    assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
  }

  @Property(tries = 3000)
  void shouldReadBackTheMillisecondsInstantParseReads(@ForAll("instants") Instant t) {
    assertThat(IsoInstants.epochMillis(t.toString()))
        .isEqualTo(Instant.parse(t.toString()).toEpochMilli());
  }

  @Example
  void shouldReadOtherIsoFormsAsTheJdkDoes() {
    for (String text :
        new String[] {
          "2026-11-30T16:40:50.1Z",
          "2026-11-30T16:40:50.12345Z",
          "2026-11-30T16:40:50+02:00",
          "1969-12-31T23:59:59.999Z",
          "2024-02-29T00:00:00Z",
          "2026-11-30T24:00:00Z"
        }) {
      assertThat(IsoInstants.epochMillis(text)).isEqualTo(Instant.parse(text).toEpochMilli());
    }
  }

  @Example
  void shouldRefuseWhatIsNotAnInstant() {
    for (String text :
        new String[] {"2026-02-30T00:00:00Z", "2026-11-30T25:00:00Z", "2026-11-30", "yesterday"}) {
      assertThatThrownBy(() -> IsoInstants.epochMillis(text)).isInstanceOf(DateTimeException.class);
    }
  }

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds =
        Arbitraries.oneOf(
            Arbitraries.longs().between(-62_167_219_200L - 1_000_000L, 253_402_300_799L + 1_000L),
            Arbitraries.longs().between(1_600_000_000L, 1_900_000_000L),
            Arbitraries.longs().between(-100_000_000_000_000L, 100_000_000_000_000L));
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.just(0),
            Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
            Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
            Arbitraries.integers().between(0, 999_999_999));
    return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
  }
}
