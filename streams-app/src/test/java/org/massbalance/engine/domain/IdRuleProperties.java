package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * The id rule of the contract's Bad input section, {@code [A-Za-z0-9._-]{1,64}}, is checked on the
 * hot path without a regular expression: it must accept exactly what the pattern accepts.
 */
class IdRuleProperties {

  @Property(tries = 2000)
  void shouldAcceptExactlyWhatThePatternAcceptsForIdLikeStrings(
      @ForAll
          @StringLength(min = 0, max = 70)
          @Chars({'.', '_', '-', ' ', '|', '/', 'é', '\u0000', '\uFEFF'})
          @CharRange(from = 'a', to = 'z')
          @CharRange(from = 'A', to = 'Z')
          @CharRange(from = '0', to = '9')
          String value) {
    assertThat(MovementValidator.isId(value))
        .isEqualTo(MovementValidator.ID.matcher(value).matches());
  }

  @Property(tries = 2000)
  void shouldAcceptExactlyWhatThePatternAcceptsForAnyString(@ForAll String value) {
    assertThat(MovementValidator.isId(value))
        .isEqualTo(MovementValidator.ID.matcher(value).matches());
  }
}
