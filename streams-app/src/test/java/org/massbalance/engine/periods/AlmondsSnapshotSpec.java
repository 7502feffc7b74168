package org.massbalance.engine.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;

/** The contract's worked example closes November 2025 with the expected snapshot. */
class AlmondsSnapshotSpec {

  static final String FRESNO = "FRESNO";
  static final String ALMONDS = "ALMONDS";

  private static void almondsMonth(EngineDriver engine) {
    engine.site(FRESNO, "America/Los_Angeles", "US").product(ALMONDS, "lb", "5.0", "ALM");
    engine.certificate("8150000016", "CERTIFIED", "2019-04-01", null);
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
        waste(FRESNO, ALMONDS, "30", "lb")
            .id("m-006")
            .at("2025-11-22")
            .reason("moisture damage")
            .document("WD-0042"),
        sale(FRESNO, ALMONDS, "400", "lb").id("m-007").at("2025-11-25"),
        count(FRESNO, ALMONDS, "715", "lb").id("m-008").at("2025-11-30"));
  }

  @Test
  void shouldPublishTheNovemberSnapshotOfTheExampleWhenTheIdlePartitionIsClosedByTheWallClock() {
    try (EngineDriver engine = new EngineDriver()) {
      almondsMonth(engine);
      List<Snapshot> byStreamTime = engine.snapshots();
      assertThat(byStreamTime)
          .as("November's movements move stream time past October's end plus grace")
          .extracting(Snapshot::getPeriod)
          .containsExactly("2025-10");

      engine.advanceWallClock(Duration.ofSeconds(40));

      Map<String, Snapshot> byPeriod =
          java.util.stream.Stream.concat(byStreamTime.stream(), engine.snapshots().stream())
              .collect(Collectors.toMap(Snapshot::getPeriod, Function.identity()));
      Snapshot nov = byPeriod.get("2025-11");
      assertThat(nov).isNotNull();
      assertThat(nov.getRevision()).isEqualTo(1);
      assertThat(nov.getUnit()).isEqualTo("lb");
      assertThat(nov.getOpening()).isEqualTo("500");
      assertThat(nov.getReceipts()).isEqualTo("1750");
      assertThat(nov.getSales()).isEqualTo("1500");
      assertThat(nov.getWaste()).isEqualTo("30");
      assertThat(nov.getTransfersIn()).isEqualTo("0");
      assertThat(nov.getTransfersOut()).isEqualTo("0");
      assertThat(nov.getAdjustments()).isEqualTo("0");
      assertThat(nov.getExpectedClosing()).isEqualTo("720");
      assertThat(nov.getCounted()).isEqualTo("715");
      assertThat(nov.getCountVariance()).isEqualTo("-5");
      assertThat(nov.getVariancePct()).isEqualTo("-0.694444");
      assertThat(nov.getClosing()).isEqualTo("715");
      assertThat(nov.getStatus()).isEqualTo("WITHIN_TOLERANCE");
      assertThat(nov.getWastePct()).isEqualTo("1.333333");

      Snapshot oct = byPeriod.get("2025-10");
      assertThat(oct.getOpening()).isEqualTo("0");
      assertThat(oct.getClosing()).isEqualTo("500");
      assertThat(oct.getStatus()).isEqualTo("NOT_COUNTED");
      assertThat(oct.getCounted()).isNull();
      assertThat(oct.getVariancePct()).isNull();

      Snapshot dec = byPeriod.get("2025-12");
      assertThat(dec)
          .as("a month without movements but a nonzero opening gets a snapshot")
          .isNotNull();
      assertThat(dec.getOpening()).isEqualTo("715");
      assertThat(dec.getClosing()).isEqualTo("715");
      assertThat(byPeriod).doesNotContainKey("2026-01");
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldCloseNovemberWhenStreamTimePassesItsEndPlusThreeDays() {
    try (EngineDriver engine = new EngineDriver()) {
      almondsMonth(engine);
      engine.send(receipt(FRESNO, ALMONDS, "1", "lb").id("m-dec").at("2025-12-04T07:59:59Z"));
      assertThat(engine.snapshots()).extracting(Snapshot::getPeriod).containsExactly("2025-10");

      engine.send(receipt(FRESNO, ALMONDS, "1", "lb").id("m-dec-2").at("2025-12-04T08:00:00Z"));
      List<Snapshot> closed = engine.snapshots();
      assertThat(closed).extracting(Snapshot::getPeriod).containsExactly("2025-11");
      assertThat(closed.get(0).getClosing()).isEqualTo("715");
    }
  }

  @Test
  void shouldRestateNovemberAndDecemberWhenALateReceiptLandsInNovember() {
    try (EngineDriver engine = new EngineDriver()) {
      almondsMonth(engine);
      engine.advanceWallClock(Duration.ofSeconds(40));
      engine.snapshots();

      engine.send(
          receipt(FRESNO, ALMONDS, "10", "lb")
              .id("m-late")
              .at("2025-11-29")
              .supplier("VNG", "8150000016"));

      List<Snapshot> restated = engine.snapshots();
      assertThat(restated).extracting(Snapshot::getPeriod).containsExactly("2025-11");
      Snapshot nov = restated.get(0);
      assertThat(nov.getRevision()).isEqualTo(2);
      assertThat(nov.getReceipts()).isEqualTo("1760");
      assertThat(nov.getCountVariance()).isEqualTo("-15");
      assertThat(nov.getClosing()).as("the count still sets the closing").isEqualTo("715");
      assertThat(engine.alerts()).extracting(a -> a.getType()).containsExactly("LATE_MOVEMENT");
    }
  }
}
