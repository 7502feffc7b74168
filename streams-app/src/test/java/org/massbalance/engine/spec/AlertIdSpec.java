package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.engine.testing.EngineDriver;

/**
 * alert_id is deterministic, a function of what the alert is about (type, movement, site, product,
 * lot, period, threshold): the same input never yields two different ids.
 */
class AlertIdSpec {

  /** Input raising OVERSELL, VARIANCE_EXCEEDED, WASTE_UNDOCUMENTED and LATE_MOVEMENT. */
  static final Consumer<EngineDriver> SCENARIO =
      e ->
          e.send(
              receipt(LONDON, OATS, "100", "kg").at(NOV_01).id("r-1"),
              sale(LONDON, OATS, "150", "kg").at(NOV_05).id("s-1"),
              sale(LONDON, OATS, "10", "kg").at(NOV_10).id("s-2"),
              waste(LONDON, OATS, "1", "kg").at(NOV_10).id("w-1").reason(null),
              count(LONDON, OATS, "20", "kg").at(NOV_15).id("c-1"),
              receipt(LONDON, OATS, "3", "kg").at(NOV_10).id("r-late"),
              sale(FRESNO, ALMONDS, "1", "lb").at(NOV_05).id("s-1"),
              transfer(RENO, FRESNO, ALMONDS, "2", "lb").at(NOV_05).id("t-1"));

  /** alert type|movement -> alert_id */
  static Map<String, String> run(Instant wallClock) {
    try (EngineDriver engine = engine(wallClock)) {
      SCENARIO.accept(engine);
      return engine.alerts().stream()
          .collect(
              Collectors.toMap(
                  a ->
                      a.getType()
                          + "|"
                          + a.getSiteId()
                          + "|"
                          + a.getProductId()
                          + "|"
                          + a.getMovementId(),
                  Alert::getAlertId,
                  (x, y) -> x + "," + y,
                  TreeMap::new));
    }
  }

  @Test
  void shouldYieldTheSameAlertIdsForTheSameInputOnTwoFreshEngines() {
    Map<String, String> first = run(EngineDriver.DEFAULT_WALL_CLOCK);
    Map<String, String> second = run(EngineDriver.DEFAULT_WALL_CLOCK);
    assertThat(first).isNotEmpty();
    assertThat(first.keySet())
        .anyMatch(k -> k.startsWith(OVERSELL))
        .anyMatch(k -> k.startsWith(VARIANCE_EXCEEDED))
        .anyMatch(k -> k.startsWith(WASTE_UNDOCUMENTED))
        .anyMatch(k -> k.startsWith(LATE_MOVEMENT));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldYieldTheSameAlertIdsWhateverTheWallClockOfDetection() {
    Map<String, String> first = run(EngineDriver.DEFAULT_WALL_CLOCK);
    Map<String, String> later = run(EngineDriver.DEFAULT_WALL_CLOCK.plusSeconds(3 * 3600 + 7));
    assertThat(later).isEqualTo(first);
  }

  @Test
  void shouldGiveEveryDistinctAlertItsOwnId() {
    try (EngineDriver engine = engine()) {
      SCENARIO.accept(engine);
      List<Alert> alerts = engine.alerts();
      Set<String> ids = alerts.stream().map(Alert::getAlertId).collect(Collectors.toSet());
      assertThat(ids).hasSize(alerts.size());
    }
  }

  @Test
  void shouldGiveTheSameMovementIdAtAnotherSiteOrProductAnotherAlertId() {
    try (EngineDriver engine = engine()) {
      engine.send(
          sale(LONDON, OATS, "1", "kg").at(NOV_05).id("s-1"),
          sale(FRESNO, OATS, "1", "kg").at(NOV_05).id("s-1"),
          sale(LONDON, RICE, "1", "kg").at(NOV_05).id("s-1"));
      List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
      assertThat(oversells).hasSize(3);
      assertThat(oversells.stream().map(Alert::getAlertId).distinct()).hasSize(3);
    }
  }

  @Test
  void shouldGiveTwoMovementsOfOneKeyDifferentAlertIds() {
    try (EngineDriver engine = engine()) {
      engine.send(
          sale(LONDON, OATS, "1", "kg").at(NOV_05).id("s-1"),
          sale(LONDON, OATS, "1", "kg").at(NOV_05).id("s-2"));
      List<Alert> oversells = ofType(engine.alerts(), OVERSELL);
      assertThat(oversells).hasSize(2);
      assertThat(oversells.get(0).getAlertId()).isNotEqualTo(oversells.get(1).getAlertId());
    }
  }

  @Test
  void shouldGiveTwoAlertTypesOfOneMovementDifferentIds() {
    try (EngineDriver engine = engine()) {
      engine.send(waste(LONDON, OATS, "1", "kg").at(NOV_05).id("w-1").document(null));
      List<Alert> alerts = engine.alerts();
      assertThat(alerts).extracting(Alert::getType).contains(OVERSELL, WASTE_UNDOCUMENTED);
      assertThat(alerts.stream().map(Alert::getAlertId).distinct()).hasSize(alerts.size());
    }
  }
}
