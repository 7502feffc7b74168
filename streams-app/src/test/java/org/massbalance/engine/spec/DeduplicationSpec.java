package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;
import org.massbalance.engine.testing.MovementBuilder;

/**
 * De-duplication per (site, product): a repeat of a movement_id with the same content (the parsed
 * contract fields, quantity compared in kg) is applied once and counted in metrics; one with
 * different content is rejected ("conflicting duplicate"), the first processed winning. Repeats are
 * recognised within a horizon (default 35 days of wall clock since the first).
 */
class DeduplicationSpec extends FreshEngine {

  static final String ID = "po-1001";

  @Test
  void shouldApplyAnIdenticalRepeatOnceAndCountIt() {
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID).document("PO-1"));
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID).document("PO-1"));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
    assertThat(engine.rejected()).isEmpty();
    assertThat(duplicatesCounted()).isEqualTo(1.0);
  }

  @Test
  void shouldNotRaiseASecondAlertForAnIdenticalRepeat() {
    engine.send(sale(LONDON, OATS, "5", "kg").at(NOV_05).id("so-1"));
    engine.send(sale(LONDON, OATS, "5", "kg").at(NOV_05).id("so-1"));
    assertThat(ofType(engine.alerts(), OVERSELL)).hasSize(1);
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("-5");
  }

  @ParameterizedTest(name = "{0} {1} then {2} {3}")
  @CsvSource({
    "1, kg, 1000, g",
    "1, t, 1000, kg",
    "1, lb, 16, oz",
    "1, lb, 453.59237, g",
    "1, kg, 1.000000, KG",
    "2.5, kg, +2.5, kg"
  })
  void shouldTreatTheSameQuantityInAnotherUnitAsIdentical(
      String q1, String u1, String q2, String u2) {
    engine.send(receipt(LONDON, OATS, q1, u1).at(NOV_01).id(ID));
    var first = engine.bookKg(LONDON, OATS);
    engine.send(receipt(LONDON, OATS, q2, u2).at(NOV_01).id(ID));
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo(first);
    assertThat(duplicatesCounted()).isEqualTo(1.0);
  }

  @ParameterizedTest(name = "{0} then {1}")
  @CsvSource({
    "2025-11-01T08:00:00Z, 2025-11-01T08:00Z",
    "2025-11-01T08:00:00Z, 2025-11-01T09:00:00+01:00",
    "2025-11-01T08:00:00Z, 2025-11-01T08:00:00.000Z",
    "2025-11-01T08:00:00Z, 2025-11-01T08:00"
  })
  void shouldTreatTheSameInstantWrittenDifferentlyAsIdentical(String at1, String at2) {
    engine.send(receipt(LONDON, OATS, "5", "kg").at(at1).id(ID));
    engine.send(receipt(LONDON, OATS, "5", "kg").at(at2).id(ID));
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
    assertThat(duplicatesCounted()).isEqualTo(1.0);
  }

  @Test
  void shouldTreatADifferentTypeSpellingAndPaddingAsIdentical() {
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    engine.send(receipt(LONDON, OATS, " 5 ", "kg").type("receipt").at(NOV_01).id(ID));
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
    assertThat(duplicatesCounted()).isEqualTo(1.0);
  }

  @Test
  void shouldIgnoreTheProducersIngestionTimeWhichIsNotAContractField() {
    Movement m = receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID).build();
    engine.send(Movement.newBuilder(m).setIngestedAt(1_000L).build());
    engine.send(Movement.newBuilder(m).setIngestedAt(2_000L).build());
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
    assertThat(duplicatesCounted()).isEqualTo(1.0);
  }

  MovementBuilder firstReceipt() {
    return receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID).document("PO-1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"quantity", "unit", "type", "occurred_at", "document_ref", "lot_id", "supplier"})
  void shouldRejectARepeatWithDifferentContentAsConflictingDuplicateAndKeepTheFirst(String field) {
    engine.send(firstReceipt());
    MovementBuilder second =
        switch (field) {
          case "quantity" -> firstReceipt().quantity("6");
          case "unit" -> firstReceipt().unit("lb");
          case "type" -> firstReceipt().type("ADJUSTMENT");
          case "occurred_at" -> firstReceipt().at(NOV_05);
          case "document_ref" -> firstReceipt().document("PO-2");
          case "lot_id" -> firstReceipt().lot("LOT-9");
          case "supplier" -> firstReceipt().supplier("VNG", "8150000016");
          default -> throw new IllegalArgumentException(field);
        };
    engine.send(second);
    List<RejectedRecord> rejected = engine.rejected();
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).getReason()).contains("conflicting duplicate");
    assertThat(rejected.get(0).getMovementId()).isEqualTo(ID);
    assertThat(rejected.get(0).getOriginalValue()).isNotNull();
    assertThat(rejectedCounted()).isEqualTo(1.0);
    // the first processed wins
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
  }

  @Test
  void shouldLetTheFirstProcessedWinEvenIfTheSecondIsDatedEarlier() {
    engine.send(receipt(LONDON, OATS, "7", "kg").at(NOV_10).id(ID));
    engine.send(receipt(LONDON, OATS, "3", "kg").at(NOV_01).id(ID));
    assertThat(engine.rejected())
        .extracting(RejectedRecord::getReason)
        .singleElement()
        .asString()
        .contains("conflicting duplicate");
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("7");
  }

  @Test
  void shouldTreatTheSameMovementIdAtAnotherSiteOrProductAsAnotherMovement() {
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    engine.send(receipt(FRESNO, OATS, "6", "kg").at(NOV_01).id(ID));
    engine.send(receipt(LONDON, RICE, "7", "kg").at(NOV_01).id(ID));
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
    assertThat(engine.bookKg(FRESNO, OATS)).isEqualByComparingTo("6");
    assertThat(engine.bookKg(LONDON, RICE)).isEqualByComparingTo("7");
    assertThat(duplicatesCounted()).isZero();
  }

  @Test
  void shouldRecogniseARepeatAsADuplicateNotAsALateMovement() {
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    engine.send(count(LONDON, OATS, "5", "kg").at(NOV_15).id("c-1"));
    engine.alerts();
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    assertThat(ofType(engine.alerts(), LATE_MOVEMENT)).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
    assertThat(duplicatesCounted()).isEqualTo(1.0);
  }

  @Test
  void shouldStillRecogniseARepeatWithinTheHorizon() {
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    engine.advanceWallClock(Duration.ofDays(34));
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    engine.send(receipt(LONDON, OATS, "9", "kg").at(NOV_01).id(ID));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
    assertThat(duplicatesCounted()).isEqualTo(1.0);
    assertThat(engine.rejected()).hasSize(1);
  }

  @Test
  void shouldApplyARepeatAgainAfterTheHorizon() {
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    engine.advanceWallClock(Duration.ofDays(36));
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    assertThat(engine.rejected()).isEmpty();
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("10");
    assertThat(duplicatesCounted()).isZero();
  }

  @Test
  void shouldMeasureTheHorizonFromTheFirstNotFromTheLatestRepeat() {
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    engine.advanceWallClock(Duration.ofDays(30));
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID)); // duplicate
    engine.advanceWallClock(Duration.ofDays(6)); // 36 days since the first
    engine.send(receipt(LONDON, OATS, "5", "kg").at(NOV_01).id(ID));
    assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("10");
    assertThat(duplicatesCounted()).isEqualTo(1.0);
  }
}
