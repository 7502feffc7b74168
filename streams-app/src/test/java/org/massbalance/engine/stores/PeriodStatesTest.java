package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.massbalance.avro.internal.PeriodState;

/** A period with no movement yet has every figure at the schema's default. */
class PeriodStatesTest {

  @Test
  void shouldMakeAnEmptyPeriodEqualToTheSchemaDefaults() {
    PeriodState expected = PeriodState.newBuilder().setEndMs(1_767_225_600_000L).build();

    assertThat(PeriodStates.empty(1_767_225_600_000L)).isEqualTo(expected);
  }

  @Test
  void shouldMakeIndependentEmptyPeriods() {
    PeriodState a = PeriodStates.empty(1L);
    a.setReceiptsKg("5");

    assertThat(PeriodStates.empty(1L).getReceiptsKg()).isEqualTo("0");
  }
}
