package org.massbalance.engine.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.testing.EngineDriver;

/** The contract's worked example: the almonds month at FRESNO. */
class AlmondsExampleTest {

  static final String FRESNO = "FRESNO";
  static final String ALMONDS = "ALMONDS";

  @Test
  void shouldEndTheMonthWith715PoundsOnTheBookAndRaiseNoAlert() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.site(FRESNO, "America/Los_Angeles", "US").product(ALMONDS, "lb", "5.0", "ALM");
      engine.send(
          receipt(FRESNO, ALMONDS, "500", "lb")
              .id("m-001")
              .at("2025-10-14")
              .supplier("VNG", "8150000016"),
          receipt(FRESNO, ALMONDS, "1000", "lb")
              .id("m-002")
              .at("2025-11-09")
              .supplier("VNG", "8150000016"),
          sale(FRESNO, ALMONDS, "600", "lb").id("m-003").at("2025-11-12"),
          sale(FRESNO, ALMONDS, "500", "lb").id("m-004").at("2025-11-18"),
          receipt(FRESNO, ALMONDS, "750", "lb")
              .id("m-005")
              .at("2025-11-20")
              .supplier("VNG", "8150000016"),
          waste(FRESNO, ALMONDS, "30", "lb").id("m-006").at("2025-11-22"),
          sale(FRESNO, ALMONDS, "400", "lb").id("m-007").at("2025-11-25"),
          count(FRESNO, ALMONDS, "715", "lb").id("m-008").at("2025-11-30"));

      assertThat(engine.book(FRESNO, ALMONDS, Unit.LB)).isEqualByComparingTo(new BigDecimal("715"));
      assertThat(engine.alerts()).isEmpty();
      assertThat(engine.rejected()).isEmpty();
    }
  }
}
