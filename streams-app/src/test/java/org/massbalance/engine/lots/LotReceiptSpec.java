package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.testing.EngineDriver;

/** Lots and traceability: one lot per RECEIPT, with an engine-assigned id when none is given. */
class LotReceiptSpec {

  static final String FRESNO = "FRESNO";
  static final String OATS = "OATS";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(FRESNO, "America/Los_Angeles", "US").product(OATS, "kg", "5.0", "OAT");
    engine.certificate("1000000001", "CERTIFIED", "2020-01-01", null);
    return engine;
  }

  @Test
  void shouldNumberEngineAssignedLotsPerSiteProductAndDayFrom001() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, OATS, "10", "kg")
              .id("r1")
              .at("2025-11-09T08:00")
              .supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "20", "kg")
              .id("r2")
              .at("2025-11-09T09:00")
              .supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "30", "kg")
              .id("r3")
              .at("2025-11-10T09:00")
              .supplier("S", "1000000001"));

      assertThat(engine.onHand(FRESNO, OATS))
          .containsExactly(
              java.util.Map.entry("OAT-20251109-001", "10"),
              java.util.Map.entry("OAT-20251109-002", "20"),
              java.util.Map.entry("OAT-20251110-001", "30"));
    }
  }

  @Test
  void shouldContinueTheDaysSequenceAfterTheEarlierLotsAreUsedUp() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, OATS, "10", "kg")
              .id("r1")
              .at("2025-11-09T08:00")
              .supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "20", "kg")
              .id("r2")
              .at("2025-11-09T09:00")
              .supplier("S", "1000000001"),
          sale(FRESNO, OATS, "30", "kg").id("s1").at("2025-11-09T10:00"),
          receipt(FRESNO, OATS, "5", "kg")
              .id("r3")
              .at("2025-11-09T11:00")
              .supplier("S", "1000000001"));

      assertThat(engine.onHand(FRESNO, OATS)).containsExactly(Map.entry("OAT-20251109-003", "5"));
    }
  }

  @Test
  void shouldDateAssignedLotsInTheSiteZoneNotUtc() {
    try (EngineDriver engine = engine()) {
      // 03:30 UTC on Nov 10 is 19:30 on Nov 9 in Fresno
      engine.send(
          receipt(FRESNO, OATS, "10", "kg")
              .id("r1")
              .at("2025-11-10T03:30Z")
              .supplier("S", "1000000001"));

      assertThat(engine.onHand(FRESNO, OATS)).containsOnlyKeys("OAT-20251109-001");
    }
  }

  @Test
  void shouldUseTheProductIdAsLotPrefixOfAnUnknownProduct() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, "RYE", "10", "kg").id("r1").at("2025-11-09").supplier("S", "1000000001"));

      assertThat(engine.onHand(FRESNO, "RYE")).containsOnlyKeys("RYE-20251109-001");
    }
  }

  @Test
  void shouldKeepAnExplicitLotIdAndSkipItWhenAssigning() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, OATS, "10", "kg")
              .id("r1")
              .at("2025-11-09")
              .lot("OAT-20251109-001")
              .supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "20", "kg").id("r2").at("2025-11-09").supplier("S", "1000000001"));

      assertThat(engine.onHand(FRESNO, OATS))
          .containsExactly(
              java.util.Map.entry("OAT-20251109-001", "10"),
              java.util.Map.entry("OAT-20251109-002", "20"));
    }
  }

  @Test
  void shouldRejectAReceiptNamingALotIdTheSiteAlreadyHolds() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, OATS, "10", "kg").id("r1").lot("L-1").supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "99", "kg").id("r2").lot("L-1").supplier("S", "1000000001"));

      assertThat(engine.rejected())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getReason()).isEqualTo("lot_id already received");
                assertThat(r.getMovementId()).isEqualTo("r2");
              });
      assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("10");
      assertThat(engine.lot(FRESNO, OATS, "L-1").received()).isEqualByComparingTo("10");
      assertThat(
              engine
                  .metrics()
                  .count(
                      org.massbalance.engine.metrics.EngineMetrics.REJECTED,
                      "reason",
                      "lot_already_received"))
          .isEqualTo(1);
    }
  }

  @Test
  void shouldRejectALotIdEvenWhenTheLotIsUsedUp() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, OATS, "10", "kg").id("r1").lot("L-1").supplier("S", "1000000001"),
          org.massbalance.engine.testing.MovementBuilder.sale(FRESNO, OATS, "10", "kg").id("s1"),
          receipt(FRESNO, OATS, "5", "kg").id("r2").lot("L-1").supplier("S", "1000000001"));

      assertThat(engine.rejected()).extracting(RejectedRecord::getMovementId).containsExactly("r2");
    }
  }

  @Test
  void shouldAcceptTheRejectedMovementIdOnceCorrected() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, OATS, "10", "kg").id("r1").lot("L-1").supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "99", "kg").id("r2").lot("L-1").supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "99", "kg").id("r2").lot("L-2").supplier("S", "1000000001"));

      assertThat(engine.rejected()).hasSize(1);
      assertThat(engine.onHand(FRESNO, OATS)).containsOnlyKeys("L-1", "L-2");
    }
  }

  @Test
  void shouldApplyAnIdenticalRepeatOfAReceiptWithALotIdOnce() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, OATS, "10", "kg").id("r1").lot("L-1").supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "10", "kg").id("r1").lot("L-1").supplier("S", "1000000001"));

      assertThat(engine.rejected()).isEmpty();
      assertThat(engine.lot(FRESNO, OATS, "L-1").received()).isEqualByComparingTo("10");
    }
  }

  @Test
  void shouldAllowTheSameLotIdAtAnotherSiteOrForAnotherProduct() {
    try (EngineDriver engine = engine()) {
      engine.send(
          receipt(FRESNO, OATS, "10", "kg").id("r1").lot("L-1").supplier("S", "1000000001"),
          receipt("OAKLAND", OATS, "10", "kg").id("r2").lot("L-1").supplier("S", "1000000001"),
          receipt(FRESNO, "RYE", "10", "kg").id("r3").lot("L-1").supplier("S", "1000000001"));

      assertThat(engine.rejected()).isEmpty();
    }
  }

  @Test
  void shouldDateLotsBySiteLocalDayAcrossTheEndOfDaylightSaving() {
    try (EngineDriver engine = engine()) {
      // Nov 2 starts at 07:00Z (PDT) and ends at 08:00Z on Nov 3 (PST): a 25-hour day
      engine.send(
          receipt(FRESNO, OATS, "10", "kg")
              .id("r1")
              .at("2025-11-02T06:59Z")
              .supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "10", "kg")
              .id("r2")
              .at("2025-11-02T07:00Z")
              .supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "10", "kg")
              .id("r3")
              .at("2025-11-02T01:30")
              .supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "10", "kg")
              .id("r4")
              .at("2025-11-03T07:59Z")
              .supplier("S", "1000000001"),
          receipt(FRESNO, OATS, "10", "kg")
              .id("r5")
              .at("2025-11-03T08:00Z")
              .supplier("S", "1000000001"));

      assertThat(engine.onHand(FRESNO, OATS))
          .containsOnlyKeys(
              "OAT-20251101-001",
              "OAT-20251102-001",
              "OAT-20251102-002",
              "OAT-20251102-003",
              "OAT-20251103-001");
      assertThat(engine.lot(FRESNO, OATS, "OAT-20251102-003").receivedAt())
          .isEqualTo("2025-11-03T07:59:00Z");
    }
  }
}
