package org.massbalance.engine.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.periods.Close.BERLIN;
import static org.massbalance.engine.periods.Close.LONDON;
import static org.massbalance.engine.periods.Close.OATS;
import static org.massbalance.engine.periods.Close.consolidatedTopic;
import static org.massbalance.engine.periods.Close.d;
import static org.massbalance.engine.periods.Close.drain;
import static org.massbalance.engine.periods.Close.fmt;
import static org.massbalance.engine.periods.Close.idle;
import static org.massbalance.engine.periods.Close.latest;
import static org.massbalance.engine.periods.Close.latestConsolidated;
import static org.massbalance.engine.periods.Close.of;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;

/**
 * "A TRANSFER is outbound at site_id and arrives at to_site_id at the same instant." "Consolidated
 * (product, period): the sums of the site snapshots with that period label, with the number of
 * sites; updated (revision + 1) whenever one of them is. Transfers in and out cancel, except when a
 * transfer crosses a month boundary between time zones."
 */
class ConsolidationSpec {

  static final String FRESNO = "FRESNO";

  private static EngineDriver engine() {
    EngineDriver engine = new EngineDriver();
    engine.site(LONDON, "UTC", "GB").site(BERLIN, "UTC", "DE");
    engine.site(FRESNO, "America/Los_Angeles", "US");
    engine.product(OATS, "kg", "5.0", "OAT");
    return engine;
  }

  private static void londonToBerlin(EngineDriver engine) {
    engine.send(
        receipt(LONDON, OATS, "100", "kg").id("oct").at("2025-10-05"),
        transfer(LONDON, BERLIN, OATS, "40", "kg").id("t").at("2025-11-05"),
        sale(BERLIN, OATS, "10", "kg").id("s").at("2025-11-10"));
  }

  @Test
  void shouldCountATransferOutAtTheSourceAndInAtTheDestination() {
    try (EngineDriver engine = engine()) {
      londonToBerlin(engine);
      idle(engine);
      Map<String, Snapshot> latest = latest(engine.snapshots());
      Snapshot london = of(latest, LONDON, OATS, "2025-11");
      assertThat(london.getTransfersOut()).isEqualTo("40");
      assertThat(london.getTransfersIn()).isEqualTo("0");
      assertThat(london.getClosing()).isEqualTo("60");
      Snapshot berlin = of(latest, BERLIN, OATS, "2025-11");
      assertThat(berlin.getTransfersIn()).isEqualTo("40");
      assertThat(berlin.getTransfersOut()).isEqualTo("0");
      assertThat(berlin.getOpening()).isEqualTo("0");
      assertThat(berlin.getClosing()).isEqualTo("30");
    }
  }

  @Test
  void shouldSumTheSiteSnapshotsIntoTheConsolidatedSnapshotWhereTransfersCancel() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, ConsolidatedSnapshot> topic = consolidatedTopic(engine);
      londonToBerlin(engine);
      idle(engine);
      Map<String, Snapshot> sites = latest(engine.snapshots());
      List<TestRecord<String, ConsolidatedSnapshot>> records = drain(topic);
      assertThat(records).extracting(TestRecord::key).contains("OATS|2025-11", "OATS|2025-12");
      Map<String, ConsolidatedSnapshot> c =
          latestConsolidated(records.stream().map(TestRecord::value).toList());
      ConsolidatedSnapshot nov = c.get("OATS|2025-11");
      Snapshot l = of(sites, LONDON, OATS, "2025-11");
      Snapshot b = of(sites, BERLIN, OATS, "2025-11");
      assertThat(nov.getSites()).isEqualTo(2);
      assertThat(nov.getUnit()).isEqualTo("kg");
      assertThat(nov.getOpening())
          .isEqualTo(fmt(d(l.getOpening()).add(d(b.getOpening()))))
          .isEqualTo("100");
      assertThat(nov.getReceipts()).isEqualTo("0");
      assertThat(nov.getSales()).isEqualTo("10");
      assertThat(nov.getWaste()).isEqualTo("0");
      assertThat(nov.getTransfersIn()).isEqualTo("40");
      assertThat(nov.getTransfersOut()).isEqualTo("40");
      assertThat(d(nov.getTransfersIn()).subtract(d(nov.getTransfersOut())))
          .as("transfers in and out cancel")
          .isZero();
      assertThat(nov.getAdjustments()).isEqualTo("0");
      assertThat(nov.getExpectedClosing()).isEqualTo("90");
      assertThat(nov.getCountVariance()).isEqualTo("0");
      assertThat(nov.getClosing())
          .isEqualTo(fmt(d(l.getClosing()).add(d(b.getClosing()))))
          .isEqualTo("90");
      ConsolidatedSnapshot dec = c.get("OATS|2025-12");
      assertThat(dec.getSites()).isEqualTo(2);
      assertThat(dec.getOpening()).isEqualTo("90");
      assertThat(dec.getClosing()).isEqualTo("90");
      ConsolidatedSnapshot oct = c.get("OATS|2025-10");
      assertThat(oct.getSites()).as("only LONDON has an October snapshot").isEqualTo(1);
      assertThat(oct.getClosing()).isEqualTo("100");
    }
  }

  @Test
  void shouldRaiseTheConsolidatedRevisionWhenASiteSnapshotIsRestated() {
    try (EngineDriver engine = engine()) {
      TestOutputTopic<String, ConsolidatedSnapshot> topic = consolidatedTopic(engine);
      londonToBerlin(engine);
      idle(engine);
      engine.snapshots();
      Map<String, ConsolidatedSnapshot> before =
          latestConsolidated(drain(topic).stream().map(TestRecord::value).toList());
      int novRevision = before.get("OATS|2025-11").getRevision();
      int decRevision = before.get("OATS|2025-12").getRevision();

      // when a late receipt of 5 lands at BERLIN in November
      engine.send(receipt(BERLIN, OATS, "5", "kg").id("late").at("2025-11-20"));

      // then BERLIN's November and December are restated
      assertThat(engine.snapshots())
          .extracting(s -> s.getSiteId() + "|" + s.getPeriod() + "|" + s.getRevision())
          .containsExactly("BERLIN|2025-11|2", "BERLIN|2025-12|2");
      // and each consolidated snapshot is published again with revision + 1
      List<TestRecord<String, ConsolidatedSnapshot>> again = drain(topic);
      assertThat(again).extracting(TestRecord::key).containsExactly("OATS|2025-11", "OATS|2025-12");
      ConsolidatedSnapshot nov = again.get(0).value();
      assertThat(nov.getRevision()).isEqualTo(novRevision + 1);
      assertThat(nov.getSites()).isEqualTo(2);
      assertThat(nov.getReceipts()).isEqualTo("5");
      assertThat(nov.getClosing()).isEqualTo("95");
      ConsolidatedSnapshot dec = again.get(1).value();
      assertThat(dec.getRevision()).isEqualTo(decRevision + 1);
      assertThat(dec.getOpening()).isEqualTo("95");
      assertThat(dec.getClosing()).isEqualTo("95");
    }
  }

  @Test
  void shouldNotCancelATransferThatCrossesAMonthBoundaryBetweenTimeZones() {
    try (EngineDriver engine = engine()) {
      // 2025-12-01T07:30Z is 30 November 23:30 in Fresno but 1 December in London
      engine.send(
          receipt(FRESNO, OATS, "100", "kg").id("oct").at("2025-10-05"),
          transfer(FRESNO, LONDON, OATS, "40", "kg").id("t").at("2025-12-01T07:30:00Z"));
      idle(engine);
      Map<String, Snapshot> sites = latest(engine.snapshots());
      assertThat(of(sites, FRESNO, OATS, "2025-11").getTransfersOut()).isEqualTo("40");
      assertThat(of(sites, LONDON, OATS, "2025-12").getTransfersIn()).isEqualTo("40");
      assertThat(of(sites, LONDON, OATS, "2025-11")).isNull();
      Map<String, ConsolidatedSnapshot> c = latestConsolidated(engine.consolidated());
      assertThat(c.get("OATS|2025-11").getTransfersOut()).isEqualTo("40");
      assertThat(c.get("OATS|2025-11").getTransfersIn()).isEqualTo("0");
      assertThat(c.get("OATS|2025-12").getTransfersIn()).isEqualTo("40");
      assertThat(c.get("OATS|2025-12").getTransfersOut()).isEqualTo("0");
      assertThat(c.get("OATS|2025-12").getClosing()).isEqualTo("100");
    }
  }
}
