package org.massbalance.engine.runtime;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process (all tasks, window segments and
 * global stores) to one budget: a single block cache shared by all of them, which also holds index
 * and filter blocks and is charged for the memtables through one write buffer manager.
 *
 * <p>Without it, Kafka Streams gives each store instance its own 50 MB block cache and up to three
 * 16 MB memtables, so memory grows with stores x partitions (about 20 stores per task here) rather
 * than with what the machine has. The budget is {@code rocksdb.memory.mb} of the engine's settings;
 * half of it may be memtables. The cache and manager are shared by design and never closed.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** Streams setting carrying the budget in bytes (set from the engine's rocksdb.memory.mb). */
  public static final String MEMORY_BYTES_CONFIG = "massbalance.rocksdb.memory.bytes";

  /** Budget when none is given: 256 MB. */
  public static final long DEFAULT_MEMORY_BYTES = 256L * 1024 * 1024;

  private static final long MAX_MEMTABLE_BYTES = 16L * 1024 * 1024;

  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    long bytes = budgetOf(configs);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(shared(bytes));
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(writeBuffers);
    options.setWriteBufferSize(Math.min(MAX_MEMTABLE_BYTES, Math.max(1L << 20, bytes / 16)));
    options.setMaxWriteBufferNumber(2);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write buffer manager are shared by every store: never closed here
  }

  private static synchronized Cache shared(long bytes) {
    if (cache == null) { // the first budget configured in the process wins
      cache = new LRUCache(bytes, -1, false, 0.1);
      writeBuffers = new WriteBufferManager(bytes / 2, cache);
    }
    return cache;
  }

  /**
   * Bytes in use in the shared budget (block cache, memtables charged to it); 0 before the first
   * store opens or when a user's own config setter replaces this one.
   */
  public static synchronized long usedBytes() {
    return cache == null ? 0 : cache.getUsage();
  }

  private static long budgetOf(Map<String, Object> configs) {
    Object v = configs.get(MEMORY_BYTES_CONFIG);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v != null) {
      return Long.parseLong(v.toString().trim());
    }
    return DEFAULT_MEMORY_BYTES;
  }
}
