package org.massbalance.engine.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.testing.MovementBuilder.adjustment;
import static org.massbalance.engine.testing.MovementBuilder.count;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.sale;
import static org.massbalance.engine.testing.MovementBuilder.transfer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.config.TopologySettings;
import org.massbalance.engine.query.LotView;
import org.massbalance.engine.query.TraceView;
import org.massbalance.engine.stores.KeyState;
import org.massbalance.engine.stores.KeyStateSerde;
import org.massbalance.engine.stores.StoreNames;
import org.massbalance.engine.testing.EngineDriver;

/**
 * A key holding many more lots on hand than its record keeps (ADR 18; the bound is 4 here): the
 * oldest stay in the record, the newer ones are spilled to {@code lots-open-spill-store}, and
 * nothing the contract shows changes. Draws follow first-in first-out over all the lots on hand, a
 * late receipt of an older lot takes its FIFO place, named lots, COUNTs and transfers reach the
 * spilled lots, the lot queries, traces and SUPPLIER_STATUS_CHANGED list them, and the record never
 * holds more than the bound.
 */
class LotSpillSpec {

  static final String SITE = "DEPOT";
  static final String OATS = "OATS";
  static final int BOUND = 4;
  static final String NOP = "8150000016";

  private static EngineDriver engine() {
    EngineDriver engine =
        new EngineDriver(
            EngineDriver.DEFAULT_WALL_CLOCK, Map.of(), s -> s.withOpenLotsInRecord(BOUND));
    engine.product(OATS, "kg", false);
    return engine;
  }

  /** Ten lots of 10 kg, L01 on 1 November to L10 on 10 November, each checked against the bound. */
  private static void tenLots(EngineDriver engine) {
    for (int i = 1; i <= 10; i++) {
      engine.send(
          receipt(SITE, OATS, "10", "kg")
              .id(String.format("r%02d", i))
              .at(String.format("2025-11-%02d", i))
              .lot(String.format("L%02d", i)));
      assertRecordWithinBound(engine, SITE);
    }
  }

  private static Map<String, String> lots(String... idAndKg) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < idAndKg.length; i += 2) {
      out.put(idAndKg[i], idAndKg[i + 1]);
    }
    return out;
  }

  @Test
  void shouldKeepTheOldestLotsInTheRecordAndSpillTheNewerOnes() {
    try (EngineDriver engine = engine()) {
      tenLots(engine);

      assertThat(record(engine, SITE).openLots)
          .extracting(l -> l.lotId)
          .containsExactly("L01", "L02", "L03", "L04");
      assertThat(record(engine, SITE).spilledLots).isEqualTo(6);
      assertThat(spilled(engine, SITE)).containsExactly("L05", "L06", "L07", "L08", "L09", "L10");
      assertThat(engine.onHand(SITE, OATS))
          .containsExactlyEntriesOf(
              lots(
                  "L01", "10", "L02", "10", "L03", "10", "L04", "10", "L05", "10", "L06", "10",
                  "L07", "10", "L08", "10", "L09", "10", "L10", "10"));
      assertThat(engine.lot(SITE, OATS, "L09").remainingKg()).isEqualByComparingTo("10");
    }
  }

  @Test
  void shouldDrawFirstInFirstOutAcrossTheRecordAndTheSpilledLots() {
    try (EngineDriver engine = engine()) {
      tenLots(engine);

      engine.send(sale(SITE, OATS, "55", "kg").id("s1").at("2025-11-12"));
      assertRecordWithinBound(engine, SITE);

      assertThat(engine.alerts()).isEmpty();
      assertThat(engine.onHand(SITE, OATS))
          .containsExactlyEntriesOf(
              lots("L06", "5", "L07", "10", "L08", "10", "L09", "10", "L10", "10"));
      TraceView trace = engine.lots().trace(SITE, OATS, "s1").orElseThrow();
      assertThat(trace.lots())
          .extracting(
              t ->
                  t.allocation().lotId()
                      + " "
                      + t.allocation().quantity().stripTrailingZeros().toPlainString())
          .containsExactly("L01 10", "L02 10", "L03 10", "L04 10", "L05 10", "L06 5");
      assertThat(engine.drawsOf(SITE, OATS, "L06")).containsExactly("s1 SALE 5");
      assertThat(engine.lot(SITE, OATS, "L06").remainingKg()).isEqualByComparingTo("5");
      assertThat(engine.lot(SITE, OATS, "L05").remainingKg()).isEqualByComparingTo("0");

      engine.send(sale(SITE, OATS, "45", "kg").id("s2").at("2025-11-13"));

      assertThat(engine.alerts()).isEmpty();
      assertThat(engine.onHand(SITE, OATS)).isEmpty();
      assertThat(record(engine, SITE).spilledLots).isZero();
      assertThat(spilled(engine, SITE)).isEmpty();
      assertThat(engine.drawsOf(SITE, OATS, "L10")).containsExactly("s2 SALE 10");
    }
  }

  @Test
  void shouldPlaceALateReceiptOfAnOlderLotAtItsFirstInFirstOutPlace() {
    try (EngineDriver engine = engine()) {
      tenLots(engine);

      engine.send(
          receipt(SITE, OATS, "10", "kg").id("r-old").at("2025-10-31").lot("OLD"),
          receipt(SITE, OATS, "10", "kg").id("r-mid").at("2025-11-07T12:00:00Z").lot("MID"));
      assertRecordWithinBound(engine, SITE);

      assertThat(engine.onHand(SITE, OATS).keySet())
          .containsExactly(
              "OLD", "L01", "L02", "L03", "L04", "L05", "L06", "L07", "MID", "L08", "L09", "L10");
      assertThat(record(engine, SITE).openLots)
          .extracting(l -> l.lotId)
          .containsExactly("OLD", "L01", "L02", "L03");

      engine.send(sale(SITE, OATS, "85", "kg").id("s1").at("2025-11-12"));
      assertRecordWithinBound(engine, SITE);

      assertThat(engine.onHand(SITE, OATS))
          .containsExactlyEntriesOf(lots("MID", "5", "L08", "10", "L09", "10", "L10", "10"));
      assertThat(engine.drawsOf(SITE, OATS, "OLD")).containsExactly("s1 SALE 10");
      assertThat(engine.drawsOf(SITE, OATS, "MID")).containsExactly("s1 SALE 5");
    }
  }

  @Test
  void shouldDrawANamedSpilledLotFirstAndReceiveIntoASpilledLot() {
    try (EngineDriver engine = engine()) {
      tenLots(engine);

      engine.send(sale(SITE, OATS, "4", "kg").id("s1").at("2025-11-12").lot("L08"));
      assertThat(engine.alerts()).isEmpty();
      assertThat(engine.lot(SITE, OATS, "L08").remainingKg()).isEqualByComparingTo("6");
      assertThat(engine.drawsOf(SITE, OATS, "L08")).containsExactly("s1 SALE 4");

      engine.send(sale(SITE, OATS, "15", "kg").id("s2").at("2025-11-13").lot("L09"));
      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("LOT_OVERDRAWN");
                assertThat(a.getLotId()).isEqualTo("L09");
                assertThat(a.getQuantity()).isEqualTo("5");
              });
      assertThat(engine.lots().trace(SITE, OATS, "s2").orElseThrow().lots())
          .extracting(t -> t.allocation().lotId())
          .containsExactly("L09", "L01");
      assertThat(engine.onHand(SITE, OATS)).doesNotContainKey("L09").containsEntry("L01", "5");

      // the site's adjustment lot of November, created after L10 (spilled), then received into
      engine.send(
          adjustment(SITE, OATS, "5", "kg").id("a1").at("2025-11-14"),
          adjustment(SITE, OATS, "3", "kg").id("a2").at("2025-11-15"));
      assertRecordWithinBound(engine, SITE);
      List<String> ids = new ArrayList<>(engine.onHand(SITE, OATS).keySet());
      String adjustmentLot = ids.get(ids.size() - 1);
      assertThat(spilled(engine, SITE)).contains(adjustmentLot);
      assertThat(engine.onHand(SITE, OATS)).containsEntry(adjustmentLot, "8");
      LotView lot = engine.lot(SITE, OATS, adjustmentLot);
      assertThat(lot.adjustment()).isTrue();
      assertThat(lot.receivedKg()).isEqualByComparingTo("8");
      assertThat(lot.remainingKg()).isEqualByComparingTo("8");
    }
  }

  @Test
  void shouldSetTheLotsToACountAcrossTheSpilledLots() {
    try (EngineDriver engine = engine()) {
      tenLots(engine);

      engine.send(count(SITE, OATS, "35", "kg").id("c1").at("2025-11-12"));
      assertRecordWithinBound(engine, SITE);

      assertThat(engine.onHand(SITE, OATS))
          .containsExactlyEntriesOf(lots("L07", "5", "L08", "10", "L09", "10", "L10", "10"));
      assertThat(engine.drawsOf(SITE, OATS, "L07")).containsExactly("c1 COUNT 5");

      engine.send(
          receipt(SITE, OATS, "10", "kg").id("r11").at("2025-11-13").lot("L11"),
          count(SITE, OATS, "60", "kg").id("c2").at("2025-11-14"));
      assertRecordWithinBound(engine, SITE);

      Map<String, String> onHand = engine.onHand(SITE, OATS);
      assertThat(List.copyOf(onHand.keySet()).subList(0, 5))
          .containsExactly("L07", "L08", "L09", "L10", "L11");
      assertThat(List.copyOf(onHand.values())).containsExactly("5", "10", "10", "10", "10", "15");
      assertThat(record(engine, SITE).openLots)
          .extracting(l -> l.lotId)
          .containsExactly("L07", "L08");
      assertThat(spilled(engine, SITE)).hasSize(4).startsWith("L09", "L10", "L11");
    }
  }

  @Test
  void shouldCarrySpilledLotsOnATransferAndSpillThemAtTheDestination() {
    try (EngineDriver engine = engine()) {
      tenLots(engine);

      engine.send(transfer(SITE, "STORE", OATS, "75", "kg").id("t1").at("2025-11-12"));
      assertRecordWithinBound(engine, SITE);
      assertRecordWithinBound(engine, "STORE");

      assertThat(engine.onHand(SITE, OATS))
          .containsExactlyEntriesOf(lots("L08", "5", "L09", "10", "L10", "10"));
      assertThat(engine.onHand("STORE", OATS))
          .containsExactlyEntriesOf(
              lots(
                  "L01", "10", "L02", "10", "L03", "10", "L04", "10", "L05", "10", "L06", "10",
                  "L07", "10", "L08", "5"));
      assertThat(spilled(engine, "STORE")).containsExactly("L05", "L06", "L07", "L08");

      engine.send(sale("STORE", OATS, "72", "kg").id("s1").at("2025-11-13"));
      assertThat(engine.onHand("STORE", OATS)).containsExactlyEntriesOf(lots("L08", "3"));
      assertThat(engine.drawsOf("STORE", OATS, "L08")).containsExactly("s1 SALE 2");
      assertThat(engine.drawsOf(SITE, OATS, "L08")).containsExactly("t1 TRANSFER 5");
    }
  }

  @Test
  void shouldListSpilledLotsInTheLotPagesTheSupplierCountsAndSupplierStatusChanged() {
    try (EngineDriver engine =
        new EngineDriver(
            EngineDriver.DEFAULT_WALL_CLOCK, Map.of(), s -> s.withOpenLotsInRecord(BOUND))) {
      engine.product("ALMONDS", "kg", "5.0", "ALM");
      engine.certificate(NOP, "CERTIFIED", "2019-04-01", null);
      for (int i = 1; i <= 9; i++) {
        engine.send(
            receipt(SITE, "ALMONDS", String.valueOf(i), "kg")
                .id("r" + i)
                .at("2025-11-0" + i)
                .lot("A-" + i)
                .supplier("VNG", NOP));
      }
      engine.send(sale(SITE, "ALMONDS", "3", "kg").id("s1").at("2025-11-10"));
      engine.advanceWallClock(Duration.ofMinutes(1));
      engine.alerts();
      assertRecordWithinBound(engine, SITE, "ALMONDS");
      assertThat(record(engine, SITE, "ALMONDS").spilledLots).isPositive();

      assertThat(engine.lots().lotsOnHand(NOP)).isEqualTo(7);
      assertThat(engine.lots().lots(SITE, "ALMONDS", null, 100).items())
          .extracting(l -> l.lotId() + " " + l.remaining().stripTrailingZeros().toPlainString())
          .containsExactly(
              "A-1 0", "A-2 0", "A-3 3", "A-4 4", "A-5 5", "A-6 6", "A-7 7", "A-8 8", "A-9 9");

      engine.certificate(NOP, "SUSPENDED", "2025-12-01", null);
      engine.advanceWallClock(Duration.ofMinutes(1));

      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("SUPPLIER_STATUS_CHANGED");
                assertThat(a.getQuantity()).isEqualTo("42");
                assertThat(a.getDetails())
                    .containsEntry(
                        "lots",
                        "A-3 (3 kg), A-4 (4 kg), A-5 (5 kg), A-6 (6 kg), A-7 (7 kg), A-8 (8 kg),"
                            + " A-9 (9 kg)");
              });
    }
  }

  @Test
  void shouldRefillTheRecordFromTheSpilledLotsInBatches() {
    try (EngineDriver engine = engine()) {
      tenLots(engine);

      // one lot drawn: the record keeps three (at least half the bound), nothing moves back
      engine.send(sale(SITE, OATS, "10", "kg").id("s1").at("2025-11-12"));
      assertThat(record(engine, SITE).openLots)
          .extracting(l -> l.lotId)
          .containsExactly("L02", "L03", "L04");
      assertThat(spilled(engine, SITE)).hasSize(6);

      // two more: below half, refilled up to the bound from the spill's head
      engine.send(sale(SITE, OATS, "20", "kg").id("s2").at("2025-11-13"));
      assertThat(record(engine, SITE).openLots)
          .extracting(l -> l.lotId)
          .containsExactly("L04", "L05", "L06", "L07");
      assertThat(spilled(engine, SITE)).containsExactly("L08", "L09", "L10");
      assertThat(record(engine, SITE).spilledLots).isEqualTo(3);
    }
  }

  @Test
  void shouldKeepTheRecordOfAKeyWithHundredsOfLotsOnHandSmallWithTheDefaultBound() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.product(OATS, "kg", false);
      Instant day = Instant.parse("2025-01-01T00:00:00Z");
      for (int i = 1; i <= 300; i++) {
        engine.send(
            receipt(SITE, OATS, "1", "kg")
                .id("r" + i)
                .at(day.plus(Duration.ofHours(i)).toString())
                .lot(String.format("PALLET-%04d", i)));
      }
      KeyValueStore<String, KeyState> books = engine.raw().getKeyValueStore(StoreNames.BOOK);
      KeyState state = books.get(SITE + "|" + OATS);
      assertThat(state.openLots).hasSize(TopologySettings.DEFAULT_OPEN_LOTS_IN_RECORD);
      assertThat(state.spilledLots).isEqualTo(236);
      assertThat(KeyStateSerde.encode(state).length).isLessThan(4_096);

      engine.send(sale(SITE, OATS, "100.5", "kg").id("s1").at("2025-02-01"));

      Map<String, String> onHand = engine.onHand(SITE, OATS);
      assertThat(onHand).hasSize(200);
      assertThat(onHand.entrySet().iterator().next()).isEqualTo(Map.entry("PALLET-0101", "0.5"));
      assertThat(engine.drawsOf(SITE, OATS, "PALLET-0100")).containsExactly("s1 SALE 1");
      assertThat(engine.lot(SITE, OATS, "PALLET-0300").remainingKg()).isEqualByComparingTo("1");
      assertThat(books.get(SITE + "|" + OATS).openLots).hasSizeLessThanOrEqualTo(64);
    }
  }

  // ---------------------------------------------------------------- the stores, read directly

  private static void assertRecordWithinBound(EngineDriver engine, String site) {
    assertRecordWithinBound(engine, site, OATS);
  }

  private static void assertRecordWithinBound(EngineDriver engine, String site, String product) {
    KeyState state = record(engine, site, product);
    if (state != null) {
      assertThat(state.openLots)
          .as("lots in the record of %s", site)
          .hasSizeLessThanOrEqualTo(BOUND);
      assertThat(state.spilledLots)
          .as("spilled lots of %s", site)
          .isEqualTo(spilled(engine, site, product).size());
    }
  }

  private static KeyState record(EngineDriver engine, String site) {
    return record(engine, site, OATS);
  }

  private static KeyState record(EngineDriver engine, String site, String product) {
    KeyValueStore<String, KeyState> books = engine.raw().getKeyValueStore(StoreNames.BOOK);
    return books.get(site + "|" + product);
  }

  private static List<String> spilled(EngineDriver engine, String site) {
    return spilled(engine, site, OATS);
  }

  /** The ids of the spilled lots of site|product, in the store's (FIFO) order. */
  private static List<String> spilled(EngineDriver engine, String site, String product) {
    KeyValueStore<Bytes, byte[]> spill = engine.raw().getKeyValueStore(StoreNames.LOTS_SPILL);
    String prefix = site + "|" + product + "\0";
    List<String> out = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = spill.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        String key = new String(kv.key.get(), StandardCharsets.ISO_8859_1);
        if (key.startsWith(prefix)) {
          out.add(KeyStateSerde.decodeLot(kv.value).lotId);
        }
      }
    }
    return out;
  }
}
