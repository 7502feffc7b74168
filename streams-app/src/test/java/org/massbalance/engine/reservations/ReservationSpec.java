package org.massbalance.engine.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.ReservationResult;
import org.massbalance.engine.metrics.EngineMetrics;
import org.massbalance.engine.stores.Availability;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Before each sale: availability and reservations (the contract's section of that name). A key's
 * reservations are judged one at a time in arrival order against its certified lots on hand less
 * its open reservations; an accepted one holds its quantity until its expires_at (wall clock) or
 * until a SALE naming it consumes it; lots not certified at receipt are never available.
 */
class ReservationSpec {

  static final String LONDON = "LONDON";
  static final String OATS = "OATS";
  static final String NOP = "8150000016";

  /** Ten minutes after the driver's wall clock. */
  static final String IN_10_MIN = "2026-01-15T00:10:00Z";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(LONDON, "UTC", "GB").product(OATS, "kg", "5.0", "OAT");
    engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
    return engine;
  }

  private static EngineDriver withCertified(String kg) {
    EngineDriver engine = engine();
    engine.send(
        receipt(LONDON, OATS, kg, "kg").id("r1").lot("L1").at("2025-11-05").supplier("S", NOP));
    return engine;
  }

  private static double count(EngineDriver engine, String outcome) {
    var c = engine.metrics().registry().find(EngineMetrics.RESERVATIONS).tag("outcome", outcome);
    return c.counter() == null ? 0 : c.counter().count();
  }

  @Test
  void shouldAcceptExactlyOneOfTwoReservationsForTheLast10Kg() {
    try (EngineDriver engine = withCertified("10")) {
      TestOutputTopic<String, ReservationResult> results = engine.reservationResults();

      engine.reserve(LONDON, OATS, "order-1", "10", "kg", IN_10_MIN);
      engine.reserve(LONDON, OATS, "order-2", "10", "kg", IN_10_MIN);

      List<KeyValue<String, ReservationResult>> out = results.readKeyValuesToList();
      assertThat(out).extracting(kv -> kv.key).containsExactly("order-1", "order-2");
      assertThat(out.get(0).value.getStatus()).isEqualTo("ACCEPTED");
      assertThat(out.get(0).value.getAvailable()).isEqualTo("10");
      assertThat(out.get(1).value.getStatus()).isEqualTo("REFUSED");
      assertThat(out.get(1).value.getAvailable()).isEqualTo("0");
      assertThat(out.get(1).value.getReason())
          .isEqualTo("insufficient certified stock: 0 kg available, 10 kg asked");
      Availability a = engine.availability(LONDON, OATS);
      assertThat(a.reservedKg()).isEqualByComparingTo("10");
      assertThat(a.availableKg()).isEqualByComparingTo("0");
      assertThat(count(engine, "accepted")).isEqualTo(1);
      assertThat(count(engine, "refused")).isEqualTo(1);
    }
  }

  @Test
  void shouldAnswerARepeatedReservationIdWithItsFirstAnswerAndHoldNothingTwice() {
    try (EngineDriver engine = withCertified("10")) {
      TestOutputTopic<String, ReservationResult> results = engine.reservationResults();

      engine.reserve(LONDON, OATS, "order-1", "4", "kg", IN_10_MIN);
      engine.reserve(LONDON, OATS, "order-1", "4", "kg", IN_10_MIN);

      assertThat(results.readValuesToList())
          .extracting(ReservationResult::getStatus, ReservationResult::getAvailable)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("ACCEPTED", "10"),
              org.assertj.core.groups.Tuple.tuple("ACCEPTED", "10"));
      assertThat(engine.availability(LONDON, OATS).reservedKg()).isEqualByComparingTo("4");
    }
  }

  @Test
  void shouldFreeAnExpiredReservationsQuantityByTheWallClock() {
    try (EngineDriver engine = withCertified("10")) {
      TestOutputTopic<String, ReservationResult> results = engine.reservationResults();
      engine.reserve(LONDON, OATS, "order-1", "10", "kg", IN_10_MIN);
      engine.advanceWallClock(Duration.ofMinutes(9));
      engine.reserve(LONDON, OATS, "order-2", "10", "kg", "2026-01-15T01:00:00Z");

      engine.advanceWallClock(Duration.ofMinutes(2));
      engine.reserve(LONDON, OATS, "order-3", "10", "kg", "2026-01-15T01:00:00Z");

      assertThat(results.readValuesToList())
          .extracting(ReservationResult::getStatus)
          .containsExactly("ACCEPTED", "REFUSED", "ACCEPTED");
      assertThat(count(engine, "expired")).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseAReservationWhoseExpiryHasPassed() {
    try (EngineDriver engine = withCertified("10")) {
      TestOutputTopic<String, ReservationResult> results = engine.reservationResults();

      engine.reserve(LONDON, OATS, "late", "1", "kg", "2026-01-14T00:00:00Z");

      ReservationResult r = results.readValue();
      assertThat(r.getStatus()).isEqualTo("REFUSED");
      assertThat(r.getReason()).isEqualTo("expires_at 2026-01-14T00:00:00Z has passed");
    }
  }

  @Test
  void shouldLetASaleNamingAReservationConsumeIt() {
    try (EngineDriver engine = withCertified("10")) {
      TestOutputTopic<String, ReservationResult> results = engine.reservationResults();
      engine.reserve(LONDON, OATS, "order-1", "6", "kg", IN_10_MIN);

      engine.send(sale(LONDON, OATS, "6", "kg").id("s1").at("2025-11-20").reservation("order-1"));

      Availability a = engine.availability(LONDON, OATS);
      assertThat(a.reservedKg()).isEqualByComparingTo("0");
      assertThat(a.certifiedKg()).isEqualByComparingTo("4");
      assertThat(a.availableKg()).isEqualByComparingTo("4");
      assertThat(count(engine, "consumed")).isEqualTo(1);
      engine.reserve(LONDON, OATS, "order-2", "4", "kg", IN_10_MIN);
      assertThat(results.readValuesToList())
          .extracting(ReservationResult::getStatus)
          .containsExactly("ACCEPTED", "ACCEPTED");
    }
  }

  /** ADR 32: the sale is booked; the holds stay; nothing more is available until stock returns. */
  @Test
  void shouldBookASaleNamingNoReservationOutOfReservedStockAndKeepTheHolds() {
    try (EngineDriver engine = withCertified("10")) {
      TestOutputTopic<String, ReservationResult> results = engine.reservationResults();
      engine.reserve(LONDON, OATS, "order-1", "8", "kg", IN_10_MIN);
      engine.alerts();

      engine.send(sale(LONDON, OATS, "5", "kg").id("walk-in").at("2025-11-20"));

      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("5");
      Availability a = engine.availability(LONDON, OATS);
      assertThat(a.reservedKg()).isEqualByComparingTo("8");
      assertThat(a.availableKg()).isEqualByComparingTo(BigDecimal.ZERO);
      assertThat(engine.alerts()).isEmpty();
      engine.reserve(LONDON, OATS, "order-2", "1", "kg", IN_10_MIN);
      assertThat(results.readValuesToList())
          .extracting(ReservationResult::getStatus)
          .containsExactly("ACCEPTED", "REFUSED");
    }
  }

  @Test
  void shouldNeverCountUncertifiedLotsAsAvailable() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, ReservationResult> results = engine.reservationResults();
      engine.send(
          receipt(LONDON, OATS, "10", "kg").id("r1").lot("C").at("2025-11-05").supplier("S", NOP),
          receipt(LONDON, OATS, "50", "kg").id("r2").lot("U").at("2025-11-06").supplier("X", null));

      engine.reserve(LONDON, OATS, "order-1", "11", "kg", IN_10_MIN);
      engine.reserve(LONDON, OATS, "order-2", "10", "lb", IN_10_MIN);

      Availability a = engine.availability(LONDON, OATS);
      assertThat(a.onHandKg()).isEqualByComparingTo("60");
      assertThat(a.certifiedKg()).isEqualByComparingTo("10");
      List<ReservationResult> out = results.readValuesToList();
      assertThat(out)
          .extracting(ReservationResult::getStatus)
          .containsExactly("REFUSED", "ACCEPTED");
      assertThat(out.get(1).getUnit()).isEqualTo("lb");
      assertThat(out.get(1).getAvailable()).isEqualTo("22.046226");
    }
  }

  @Test
  void shouldRejectABadReservationWithEveryReason() {
    try (EngineDriver engine = withCertified("10")) {
      engine.reserve(LONDON, OATS, "bad id!", "-1", "stone", "tomorrow");

      assertThat(engine.rejected())
          .extracting(r -> r.getReason())
          .containsExactly(
              "sale-reservation: reservation_id: 'bad id!' does not match [A-Za-z0-9._-]{1,64};"
                  + " quantity: must be positive for a reservation; unit: 'stone' is not one of"
                  + " kg, g, t, lb, oz; expires_at: 'tomorrow' is not an ISO-8601 instant");
      assertThat(engine.reservationResults().isEmpty()).isTrue();
    }
  }
}
