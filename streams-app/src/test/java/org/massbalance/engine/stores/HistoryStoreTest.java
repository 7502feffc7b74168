package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.domain.OrderKey;

/**
 * The history store derives its de-duplication index from each history entry alone, in normal
 * writes and in a restore, and keeps the index out of every history range.
 */
class HistoryStoreTest {

  private static final String KEY = "LONDON|OATS";
  private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
  private static final byte[] DIGEST = digest(7);

  @Test
  void shouldDeriveTheIndexEntryOfADeduplicatedMovementFromItsHistoryEntry() {
    Bytes key = LedgerKeys.history(KEY, OrderKey.of(AT, OrderKey.RANK_OUTBOUND, "so-1", null));
    byte[] value =
        new HistoryEntry(false, new BigDecimal("-2.5"))
            .seen(1_700_000_000_000L, DIGEST)
            .withTrace(new byte[] {9, 9})
            .encode();

    List<KeyValue<Bytes, byte[]>> written = HistoryStore.withIndex(key, value);

    assertThat(written).hasSize(2);
    assertThat(written.get(0).key).isEqualTo(key);
    assertThat(written.get(1).key).isEqualTo(LedgerKeys.dedup(KEY, "so-1"));
    byte[] index = written.get(1).value;
    assertThat(HistoryEntry.seenAtOfIndexValue(index)).isEqualTo(1_700_000_000_000L);
    assertThat(HistoryEntry.digestOfIndexValue(index)).isEqualTo(DIGEST);
  }

  @Test
  void shouldKeepTheQuantityAndTraceReadableBesideTheSighting() {
    byte[] value =
        new HistoryEntry(true, new BigDecimal("12.000001"))
            .seen(5L, DIGEST)
            .withTrace(new byte[] {1, 2, 3})
            .encode();

    HistoryEntry read = HistoryEntry.decode(value);

    assertThat(read.count()).isTrue();
    assertThat(read.kg()).isEqualByComparingTo("12.000001");
    assertThat(HistoryEntry.traceOf(value)).containsExactly(1, 2, 3);
    assertThat(HistoryEntry.traceOf(new HistoryEntry(false, BigDecimal.ONE).encode())).isNull();
  }

  @Test
  void shouldNotIndexATransfersArrivalWhichIsNotDeduplicated() {
    Bytes key = LedgerKeys.history(KEY, OrderKey.of(AT, OrderKey.RANK_INBOUND, "tr-1", "PARIS"));
    byte[] value = new HistoryEntry(false, new BigDecimal("3")).encode();

    assertThat(HistoryStore.withIndex(key, value)).hasSize(1);
  }

  @Test
  void shouldIndexTheMovementIdOfAnArrivalsKeyWithoutItsOriginSite() {
    Bytes key = LedgerKeys.history(KEY, OrderKey.of(AT, OrderKey.RANK_INBOUND, "tr-1", "PARIS"));

    assertThat(LedgerKeys.dedupOfHistory(key)).isEqualTo(LedgerKeys.dedup(KEY, "tr-1"));
  }

  @Test
  void shouldAddTheIndexEntriesToARestoredBatch() {
    Bytes key = LedgerKeys.history(KEY, OrderKey.of(AT, OrderKey.RANK_INBOUND, "po-9", null));
    byte[] value = new HistoryEntry(false, BigDecimal.TEN).seen(42L, DIGEST).encode();
    ConsumerRecord<byte[], byte[]> changelog =
        new ConsumerRecord<>("app-ledger-history-store-changelog", 3, 17L, key.get(), value);

    List<ConsumerRecord<byte[], byte[]>> restored =
        List.copyOf(HistoryStore.withIndex(List.of(changelog)));

    assertThat(restored).hasSize(2);
    assertThat(restored.get(0)).isSameAs(changelog);
    ConsumerRecord<byte[], byte[]> index = restored.get(1);
    assertThat(index.key()).isEqualTo(LedgerKeys.dedup(KEY, "po-9").get());
    assertThat(HistoryEntry.seenAtOfIndexValue(index.value())).isEqualTo(42L);
    assertThat(index.partition()).isEqualTo(3);
    assertThat(index.offset()).isEqualTo(17L);
  }

  @Test
  void shouldKeepIndexKeysOutOfEveryHistoryRange() {
    Bytes index = LedgerKeys.dedup(KEY, "so-1");
    Bytes latest =
        LedgerKeys.history(
            KEY, OrderKey.of(Instant.parse("9999-12-31T23:59:59Z"), 2, "zzzz", null));

    assertThat(index.compareTo(LedgerKeys.historyEnd(KEY))).isPositive();
    assertThat(index.compareTo(latest)).isPositive();
    // a longer product id of the same site sorts after the whole key, index included
    assertThat(index.compareTo(LedgerKeys.historyStart(KEY + "2"))).isNegative();
  }

  @Test
  void shouldRefuseToDeleteAHistoryEntry() {
    Bytes key = LedgerKeys.history(KEY, OrderKey.of(AT, OrderKey.RANK_INBOUND, "po-1", null));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HistoryStore.withIndex(key, null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static byte[] digest(int seed) {
    byte[] d = new byte[32];
    Arrays.fill(d, (byte) seed);
    return d;
  }
}
