package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Movement types and units are read case-insensitively and trimmed of white space (a control
 * character is not white space: the value is refused); the names as the contract writes them take a
 * shortcut that must give the same answer.
 */
class NamesParseTest {

  @ParameterizedTest
  @EnumSource(MovementType.class)
  void shouldReadEachMovementTypeHoweverItIsWritten(MovementType type) {
    String name = type.name();

    assertThat(MovementType.parse(name)).contains(type);
    assertThat(MovementType.parse(name.toLowerCase(java.util.Locale.ROOT))).contains(type);
    assertThat(MovementType.parse("  " + name + "\t")).contains(type);
  }

  @ParameterizedTest
  @EnumSource(Unit.class)
  void shouldReadEachUnitHoweverItIsWritten(Unit unit) {
    String symbol = unit.symbol();

    assertThat(Unit.parse(symbol)).contains(unit);
    assertThat(Unit.parse(symbol.toUpperCase(java.util.Locale.ROOT))).contains(unit);
    assertThat(Unit.parse(" " + symbol + " ")).contains(unit);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "RECEIPTS",
        "SOLD",
        "kgs",
        "pound",
        "RECEIPT|SALE",
        "\u0010g",
        "SALE\u0000"
      })
  void shouldReadNoTypeOrUnitFromOtherText(String text) {
    assertThat(MovementType.parse(text)).isEmpty();
    assertThat(Unit.parse(text)).isEmpty();
  }
}
