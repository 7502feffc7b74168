package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The stored forms of ADR 18: the record's spilled count, a spilled lot, the spill keys. */
class OpenLotsEncodingTest {

  private static KeyState.OpenLot lot(String id, long sec, int nano, long seq, String kg) {
    return new KeyState.OpenLot(id, sec, nano, seq, new BigDecimal(kg), null);
  }

  @Test
  void shouldKeepTheSpilledCountTheSignedMonthAndTheReservationsInTheRecordsTrailer() {
    KeyState s = new KeyState();
    s.openLots.add(lot("A", 1_700_000_000L, 5, 1, "10.50"));
    byte[] without = KeyStateSerde.encode(s);
    KeyState back = KeyStateSerde.decode(without);
    assertThat(back.spilledLots).isZero();
    assertThat(back.signedThrough).isNull();
    assertThat(back.reservations).isEmpty();

    s.spilledLots = 300;
    s.signedThrough = "2025-10";
    s.reservations.add(new KeyState.Reservation("R-1", new BigDecimal("2.5"), 1_765_000_000_000L));
    back = KeyStateSerde.decode(KeyStateSerde.encode(s));
    assertThat(back.spilledLots).isEqualTo(300);
    assertThat(back.signedThrough).isEqualTo("2025-10");
    assertThat(back.reservations)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id).isEqualTo("R-1");
              assertThat(r.kg).isEqualByComparingTo("2.5");
              assertThat(r.expiresAtMs).isEqualTo(1_765_000_000_000L);
            });
  }

  @Test
  void shouldReadTheFirstFormatsSpilledCountOnlyWhenItWasWritten() {
    KeyState s = new KeyState();
    s.openLots.add(lot("A", 1_700_000_000L, 5, 1, "10.50"));
    byte[] now = KeyStateSerde.encode(s);
    // the first format: no certification byte after the lot, the trailer only for a positive count
    int lotEnd = now.length - 1 - 3 - 1; // before the certification byte, periods (0) and trailer
    byte[] first = new byte[lotEnd + 1];
    System.arraycopy(now, 0, first, 0, lotEnd);
    first[0] = KeyStateSerde.FORMAT_1;
    first[lotEnd] = 0; // no open period
    assertThat(KeyStateSerde.decode(first).spilledLots).isZero();
    assertThat(KeyStateSerde.decode(first).openLots)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.lotId).isEqualTo("A");
              assertThat(l.certification).isEqualTo(KeyState.OpenLot.CERTIFICATION_UNKNOWN);
            });
    byte[] withCount = java.util.Arrays.copyOf(first, first.length + 2);
    withCount[first.length] = (byte) 0xd8; // 300, zig-zag, 7 bits a byte
    withCount[first.length + 1] = 0x04;
    assertThat(KeyStateSerde.decode(withCount).spilledLots).isEqualTo(300);
  }

  @Test
  void shouldKeepEveryFieldOfASpilledLotAndTheScaleOfItsRemainingQuantity() {
    KeyState.OpenLot l =
        new KeyState.OpenLot("L-1", -5L, 999_999_999, 42, new BigDecimal("4.5359237000"), "815");
    KeyState.OpenLot back = KeyStateSerde.decodeLot(KeyStateSerde.encodeLot(l));
    assertThat(back.lotId).isEqualTo("L-1");
    assertThat(back.epochSecond).isEqualTo(-5L);
    assertThat(back.nano).isEqualTo(999_999_999);
    assertThat(back.sequence).isEqualTo(42);
    assertThat(back.remainingKg).isEqualTo(new BigDecimal("4.5359237000"));
    assertThat(back.nopId).isEqualTo("815");
  }

  @Test
  void shouldOrderSpillKeysAsFirstInFirstOutWithinTheKeysRange() {
    List<KeyState.OpenLot> lots =
        new ArrayList<>(
            List.of(
                lot("a", -10, 0, 9, "1"),
                lot("b", -1, 999_999_999, 1, "1"),
                lot("c", 0, 0, 3, "1"),
                lot("d", 0, 0, 4, "1"),
                lot("e", 0, 1, 2, "1"),
                lot("f", 1_700_000_000L, 0, 1, "1"),
                lot("g", 1_700_000_000L, 0, 1_000, "1")));
    List<KeyState.OpenLot> byKey = new ArrayList<>(lots);
    java.util.Collections.shuffle(byKey, new java.util.Random(7));
    byKey.sort((x, y) -> OpenLots.spillKey("S|P", x).compareTo(OpenLots.spillKey("S|P", y)));
    assertThat(byKey).extracting(l -> l.lotId).containsExactly("a", "b", "c", "d", "e", "f", "g");

    Bytes start = OpenLots.spillStart("S|P");
    Bytes end = OpenLots.spillEnd("S|P");
    for (KeyState.OpenLot l : lots) {
      Bytes k = OpenLots.spillKey("S|P", l);
      assertThat(k.compareTo(start)).isPositive();
      assertThat(k.compareTo(end)).isNegative();
      Bytes other = OpenLots.spillKey("S|PX", l);
      assertThat(other.compareTo(start) > 0 && other.compareTo(end) < 0)
          .as("a key of S|PX in the range of S|P")
          .isFalse();
    }
  }
}
