package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The stored forms of ADR 18: the record's spilled count, a spilled lot, the spill keys. */
class OpenLotsEncodingTest {

  private static KeyState.OpenLot lot(String id, long sec, int nano, long seq, String kg) {
    return new KeyState.OpenLot(id, sec, nano, seq, new BigDecimal(kg), null);
  }

  @Test
  void shouldStoreARecordWithoutSpilledLotsAsBeforeAndTheCountOnlyWhenPositive() {
    KeyState s = new KeyState();
    s.openLots.add(lot("A", 1_700_000_000L, 5, 1, "10.50"));
    byte[] without = KeyStateSerde.encode(s);
    assertThat(KeyStateSerde.decode(without).spilledLots).isZero();

    s.spilledLots = 300;
    byte[] with = KeyStateSerde.encode(s);
    assertThat(Arrays.copyOf(with, without.length)).isEqualTo(without);
    assertThat(with).hasSize(without.length + 2);
    assertThat(KeyStateSerde.decode(with).spilledLots).isEqualTo(300);
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
