package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * The id and quantity rules of the contract's Bad input section, {@code [A-Za-z0-9._-]{1,64}} and
 * at most 6 decimals ({@code [+-]?[0-9]+(\.[0-9]{1,6})?}), are checked on the hot path without a
 * regular expression: each must accept exactly what its pattern accepts.
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

  @Property(tries = 3000)
  void shouldAcceptExactlyTheQuantitiesThePatternAccepts(
      @ForAll
          @StringLength(min = 0, max = 14)
          @Chars({'.', '+', '-', ' ', 'e', 'E', '٣', '\u0000'})
          @CharRange(from = '0', to = '9')
          String value) {
    assertThat(MovementValidator.isQuantity(value))
        .isEqualTo(MovementValidator.QUANTITY.matcher(value).matches());
  }

  @Property(tries = 2000)
  void shouldAcceptExactlyTheQuantitiesThePatternAcceptsForAnyString(@ForAll String value) {
    assertThat(MovementValidator.isQuantity(value))
        .isEqualTo(MovementValidator.QUANTITY.matcher(value).matches());
  }
}
