package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.internal.PeriodState;

/**
 * A key state's open periods keep every figure through the stored form, those added after the first
 * format included; a key state stored in the first format is still read, with those figures at
 * zero.
 */
class KeyStateSerdeTest {

  @Test
  void shouldKeepTheFiguresAddedLaterInAnOpenPeriod() {
    KeyState s = new KeyState();
    PeriodState p = PeriodStates.empty(1_000L);
    p.setReceiptsKg("10");
    p.setProcessedKg("4.5");
    s.openPeriods.put("2025-11", p);

    KeyState back = KeyStateSerde.decode(KeyStateSerde.encode(s));

    PeriodState q = back.openPeriods.get("2025-11");
    assertThat(q).isEqualTo(p);
    assertThat(q.getProcessedKg()).isEqualTo("4.5");
    assertThat(q.getProducedKg()).isEqualTo("0");
  }

  @Test
  void shouldReadAKeyStateOfTheFirstFormatWithTheLaterFiguresAtZero() {
    KeyState s = new KeyState();
    s.netKg = new BigDecimal("3");
    PeriodState p = PeriodStates.empty(1_000L);
    p.setSalesKg("7");
    s.openPeriods.put("2025-11", p);
    byte[] now = KeyStateSerde.encode(s);
    // the first format: the same bytes without the count of later figures (0) after the period
    // and without the trailer (spilled count 0, no signed month, no reservation)
    byte[] first = new byte[now.length - 4];
    first[0] = KeyStateSerde.FORMAT_1;
    System.arraycopy(now, 1, first, 1, now.length - 5);

    KeyState back = KeyStateSerde.decode(first);

    assertThat(back.netKg).isEqualByComparingTo("3");
    assertThat(back.openPeriods.get("2025-11")).isEqualTo(p);
  }
}
