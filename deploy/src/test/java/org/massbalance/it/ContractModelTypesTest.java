package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.domain.MovementType;

/**
 * The reliability suites' model of the contract is written from the contract alone, not from the
 * engine's code (a rule copied from the engine would hide the engine's mistakes). What it takes
 * from the engine is only the list of movement types: those producers may write, and those a
 * transformation makes. A type added to the engine fails here until the model knows it too.
 */
class ContractModelTypesTest {

  @Test
  void shouldKnowEveryMovementTypeTheEngineTakesFromTheMovementsTopic() {
    assertThat(ContractModel.TYPES)
        .containsExactlyElementsOf(
            Arrays.stream(MovementType.values())
                .filter(MovementType::fromMovementsTopic)
                .map(Enum::name)
                .toList());
  }

  @Test
  void shouldKnowEveryMovementTypeATransformationMakes() {
    assertThat(ContractModel.PROCESS_TYPES)
        .containsExactlyElementsOf(
            Arrays.stream(MovementType.values())
                .filter(t -> !t.fromMovementsTopic())
                .map(Enum::name)
                .toList());
  }
}
