package org.massbalance.engine.signoffs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Period sign-off (the contract's section of that name): a closed month once signed never changes;
 * a movement dated in it (or before it) is booked as a correction into the first unsigned month
 * after the key's latest signed one, in that month's expected_closing and before its COUNT; the
 * book follows the movements as always.
 */
class PeriodSignOffSpec {

  static final String LONDON = "LONDON";
  static final String OATS = "OATS";
  static final String NOP = "8150000016";
  static final String SIGNED_AT = "2026-01-10T09:00:00Z";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(LONDON, "UTC", "GB").product(OATS, "kg", "5.0", "OAT");
    engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
    return engine;
  }

  /** October 100 in, November 30 out and a COUNT of 69, both months closed by the wall clock. */
  private static void octoberAndNovemberClosed(EngineDriver engine) {
    engine.send(
        receipt(LONDON, OATS, "100", "kg").id("oct").at("2025-10-05").supplier("S", NOP),
        sale(LONDON, OATS, "30", "kg").id("nov").at("2025-11-05"),
        count(LONDON, OATS, "69", "kg").id("nov-count").at("2025-11-28"));
    engine.advanceWallClock(Duration.ofSeconds(40));
    engine.alerts();
  }

  private static Map<String, KeyValue<String, byte[]>> latestBytes(
      TestOutputTopic<String, byte[]> topic, Map<String, KeyValue<String, byte[]>> into) {
    for (KeyValue<String, byte[]> kv : topic.readKeyValuesToList()) {
      into.put(kv.key, kv);
    }
    return into;
  }

  private static Snapshot decode(EngineDriver engine, byte[] bytes) {
    return engine.topics().snapshots().valueSerde().deserializer().deserialize("", bytes);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void shouldSignAClosedMonthWithItsRevisionAndTheSha256OfItsSnapshotsBytes() throws Exception {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, byte[]> snapshots = engine.snapshotBytesTopic();
      TestOutputTopic<String, PeriodSignOff> signed = engine.signedTopic();
      octoberAndNovemberClosed(engine);
      Map<String, KeyValue<String, byte[]>> published =
          latestBytes(snapshots, new LinkedHashMap<>());

      engine.signOff(LONDON, OATS, "2025-10", "auditor@example.org", SIGNED_AT);

      byte[] october = published.get("LONDON|OATS|2025-10").value;
      List<KeyValue<String, PeriodSignOff>> out = signed.readKeyValuesToList();
      assertThat(out)
          .singleElement()
          .satisfies(
              kv -> {
                assertThat(kv.key).isEqualTo("LONDON|OATS|2025-10");
                assertThat(kv.value.getRevision()).isEqualTo(1);
                assertThat(kv.value.getSignedBy()).isEqualTo("auditor@example.org");
                assertThat(kv.value.getSignedAt()).isEqualTo(SIGNED_AT);
                try {
                  assertThat(kv.value.getSnapshotSha256()).isEqualTo(sha256(october));
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              });
    }
  }

  @Test
  void shouldRejectASignOffOfAMonthNotClosedWithItsReason() {
    try (EngineDriver engine = engine()) {
      octoberAndNovemberClosed(engine);
      engine.send(receipt(LONDON, OATS, "5", "kg").id("jan").at("2026-01-05").supplier("S", NOP));

      engine.signOff(LONDON, OATS, "2026-01", "auditor", SIGNED_AT);
      engine.signOff(LONDON, OATS, "2026-13", "", SIGNED_AT);

      assertThat(engine.rejected())
          .extracting(r -> r.getReason())
          .containsExactly(
              "period-signoff: 2026-01 of LONDON|OATS is not closed",
              "period-signoff: period: '2026-13' is not yyyy-MM; signed_by: missing");
      assertThat(engine.signedTopic().isEmpty()).isTrue();
    }
  }

  @Test
  void shouldBookALateReceiptOfASignedMonthIntoTheFirstUnsignedMonthBeforeItsCount() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, byte[]> snapshots = engine.snapshotBytesTopic();
      octoberAndNovemberClosed(engine);
      Map<String, KeyValue<String, byte[]>> before = latestBytes(snapshots, new LinkedHashMap<>());
      engine.signOff(LONDON, OATS, "2025-10", "auditor", SIGNED_AT);

      engine.send(
          receipt(LONDON, OATS, "5", "kg").id("oct-late").at("2025-10-20").supplier("S", NOP));

      List<KeyValue<String, byte[]>> after = snapshots.readKeyValuesToList();
      // October is never published again; November is restated with the correction
      assertThat(after).extracting(kv -> kv.key).containsExactly("LONDON|OATS|2025-11");
      Snapshot nov = decode(engine, after.get(0).value);
      assertThat(nov.getRevision()).isEqualTo(2);
      assertThat(nov.getCorrections()).isEqualTo("5");
      assertThat(nov.getReceipts()).isEqualTo("0");
      assertThat(nov.getOpening()).isEqualTo("100");
      assertThat(nov.getExpectedClosing()).isEqualTo("75");
      // the correction counts before the COUNT: 100 + 5 - 30 expected at it, 69 counted
      assertThat(nov.getExpectedAtCount()).isEqualTo("75");
      assertThat(nov.getCountVariance()).isEqualTo("-6");
      assertThat(nov.getClosing()).isEqualTo("69");
      List<Alert> late = engine.alerts();
      assertThat(late)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("LATE_MOVEMENT");
                assertThat(a.getMovementId()).isEqualTo("oct-late");
                assertThat(a.getDetails())
                    .containsEntry("signed_period", "2025-10")
                    .containsEntry("corrected_in", "2025-11");
              });
      assertThat(before.get("LONDON|OATS|2025-10")).isNotNull();
      // the book follows the movements
      assertThat(engine.bookKg(LONDON, OATS)).isEqualByComparingTo("69");
    }
  }

  @Test
  void shouldChangeNothingWhenAMonthIsSignedAgain() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, PeriodSignOff> signed = engine.signedTopic();
      octoberAndNovemberClosed(engine);
      engine.signOff(LONDON, OATS, "2025-10", "auditor", SIGNED_AT);
      signed.readKeyValuesToList();

      engine.signOff(LONDON, OATS, "2025-10", "someone else", "2026-01-11T09:00:00Z");

      assertThat(signed.isEmpty()).isTrue();
      assertThat(engine.rejected()).isEmpty();
    }
  }

  @Test
  void shouldFollowTheOrderOfTheSignOffAndALateMovementOfTheKey() {
    try (EngineDriver lateFirst = engine();
        EngineDriver signFirst = engine()) {
      TestOutputTopic<String, PeriodSignOff> signedAfterLate = lateFirst.signedTopic();
      octoberAndNovemberClosed(lateFirst);
      octoberAndNovemberClosed(signFirst);

      // the late receipt first: October is restated, then its revision 2 is signed
      lateFirst.send(
          receipt(LONDON, OATS, "5", "kg").id("oct-late").at("2025-10-20").supplier("S", NOP));
      lateFirst.signOff(LONDON, OATS, "2025-10", "auditor", SIGNED_AT);
      assertThat(signedAfterLate.readValuesToList())
          .singleElement()
          .satisfies(s -> assertThat(s.getRevision()).isEqualTo(2));

      // the sign-off first: October stays at revision 1, November takes the correction
      signFirst.signOff(LONDON, OATS, "2025-10", "auditor", SIGNED_AT);
      TestOutputTopic<String, byte[]> snapshots = signFirst.snapshotBytesTopic();
      snapshots.readKeyValuesToList();
      signFirst.send(
          receipt(LONDON, OATS, "5", "kg").id("oct-late").at("2025-10-20").supplier("S", NOP));
      assertThat(snapshots.readKeyValuesToList())
          .extracting(kv -> kv.key)
          .containsExactly("LONDON|OATS|2025-11");

      assertThat(lateFirst.bookKg(LONDON, OATS)).isEqualByComparingTo("69");
      assertThat(signFirst.bookKg(LONDON, OATS)).isEqualByComparingTo("69");
    }
  }
}
