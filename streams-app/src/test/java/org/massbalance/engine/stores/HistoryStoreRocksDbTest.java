package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.engine.domain.OrderKey;

/**
 * The history store on a real RocksDB store: a put or a restored changelog batch writes the history
 * entry and the de-duplication index entry derived from it, and the index is what a repeat finds.
 */
class HistoryStoreRocksDbTest {

  private static final String KEY = "LONDON|OATS";
  private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

  @TempDir Path dir;

  private KeyValueStore<Bytes, byte[]> store;
  private RecordBatchingStateRestoreCallback restore;

  @BeforeEach
  void open() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "history-store-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    MockProcessorContext<Object, Object> context =
        new MockProcessorContext<>(config, new TaskId(0, 0), dir.toFile());
    store = HistoryStore.supplier("ledger-history-store").get();
    store.init(new Capturing(context.getStateStoreContext()), store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void shouldWriteTheIndexEntryWithTheHistoryEntry() {
    store.put(history("so-1"), entry(1_000L, 7));

    byte[] index = store.get(LedgerKeys.dedup(KEY, "so-1"));
    assertThat(index).isNotNull();
    assertThat(HistoryEntry.seenAtOfIndexValue(index)).isEqualTo(1_000L);
    assertThat(HistoryEntry.digestOfIndexValue(index)).isEqualTo(digest(7));
  }

  @Test
  void shouldIndexEveryEntryOfAPutAll() {
    store.putAll(
        List.of(
            KeyValue.pair(history("so-1"), entry(1L, 1)),
            KeyValue.pair(history("so-2"), entry(2L, 2))));

    assertThat(store.get(LedgerKeys.dedup(KEY, "so-1"))).isNotNull();
    assertThat(HistoryEntry.seenAtOfIndexValue(store.get(LedgerKeys.dedup(KEY, "so-2"))))
        .isEqualTo(2L);
  }

  @Test
  void shouldRebuildTheIndexFromARestoredChangelogBatch() {
    assertThat(restore).as("the restore callback RocksDB registered, wrapped").isNotNull();

    restore.restoreBatch(
        List.of(
            new ConsumerRecord<>("changelog", 0, 0L, history("po-1").get(), entry(5L, 3)),
            new ConsumerRecord<>("changelog", 0, 1L, history("po-2").get(), entry(6L, 4))));

    assertThat(store.get(history("po-1"))).isNotNull();
    assertThat(HistoryEntry.seenAtOfIndexValue(store.get(LedgerKeys.dedup(KEY, "po-2"))))
        .isEqualTo(6L);
  }

  @Test
  void shouldKeepTheIndexOutOfTheKeysHistoryRange() {
    store.put(history("so-1"), entry(1L, 1));

    try (var it = store.range(LedgerKeys.historyStart(KEY), LedgerKeys.historyEnd(KEY))) {
      assertThat(it.hasNext()).isTrue();
      assertThat(it.next().key).isEqualTo(history("so-1"));
      assertThat(it.hasNext()).as("only the history entry").isFalse();
    }
  }

  @Test
  void shouldRefuseToDeleteHistory() {
    store.put(history("so-1"), entry(1L, 1));

    assertThatThrownBy(() -> store.delete(history("so-1")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> store.put(history("so-1"), null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static Bytes history(String id) {
    return LedgerKeys.history(KEY, OrderKey.of(AT, OrderKey.RANK_OUTBOUND, id, null));
  }

  private static byte[] entry(long seenAt, int seed) {
    return new HistoryEntry(false, new BigDecimal("-1.5")).seen(seenAt, digest(seed)).encode();
  }

  private static byte[] digest(int seed) {
    byte[] d = new byte[32];
    Arrays.fill(d, (byte) seed);
    return d;
  }

  /** Kafka's test context, keeping the restore callback the store registers. */
  private final class Capturing extends DelegatingStateStoreContext {

    Capturing(StateStoreContext context) {
      super(context);
    }

    @Override
    protected StateRestoreCallback restoring(StateRestoreCallback callback) {
      restore = (RecordBatchingStateRestoreCallback) callback;
      return callback;
    }
  }
}
