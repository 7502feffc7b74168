package org.massbalance.engine.processors.reference;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.massbalance.engine.stores.ReferenceStoreLayer;

/**
 * What was decoded from a global store's records, by id, kept with the stored bytes it was read
 * from: an entry answers only while the store still holds those bytes, so a record written again is
 * decoded again. An entry also remembers the store's change count ({@link
 * ReferenceStoreLayer#changes()}) at which its bytes were last read, when no change was being made
 * during that read: while the count stays there it answers without the store being read (ADR 24).
 * Safe to share between the processors, tasks and threads of one topology (an answer from an
 * unchanged store only reads the map; an answer after a change re-stamps the entry); beyond a limit
 * it is emptied and fills again, which costs a decode per id and never a wrong answer.
 *
 * @param <T> the decoded value (immutable)
 */
final class DecodedCache<T> {

  /**
   * A decoded value, its bytes, and the store and change count at which those bytes were read from
   * it (store null: never trusted without reading).
   */
  private record Entry<T>(byte[] raw, T value, ReferenceStoreLayer store, long changes) {

    /** This entry, or {@code newer} when that one was stamped later or by another store. */
    Entry<T> or(Entry<T> newer) {
      return store != null && store == newer.store && changes > newer.changes ? this : newer;
    }
  }

  private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>(256);
  private final int limit;

  /** A cache of at most {@code limit} entries. */
  DecodedCache(int limit) {
    this.limit = limit;
  }

  /**
   * The value of {@code id} when its bytes were read from {@code store} at change count {@code
   * changes} (an even count, read before a read of the store would be made), or null: then the
   * store must be read.
   */
  T unchanged(String id, ReferenceStoreLayer store, long changes) {
    if (store == null || !ReferenceStoreLayer.steady(changes)) {
      return null;
    }
    Entry<T> e = entries.get(id);
    return e != null && e.store() == store && e.changes() == changes ? e.value() : null;
  }

  /**
   * The value decoded from {@code raw} for {@code id}, or null when not decoded from these bytes.
   */
  T get(String id, byte[] raw) {
    Entry<T> e = entries.get(id);
    return e != null && Arrays.equals(e.raw(), raw) ? e.value() : null;
  }

  /**
   * As {@link #get(String, byte[])}; a value found is then stamped as {@code store}'s at change
   * count {@code changes}, for {@link #unchanged} to answer. The caller passes a store only when
   * the same even count was read before and after reading {@code raw} (else null: no stamp).
   */
  T get(String id, byte[] raw, ReferenceStoreLayer store, long changes) {
    Entry<T> e = entries.get(id);
    if (e == null || !Arrays.equals(e.raw(), raw)) {
      return null;
    }
    if (store != null && (e.store() != store || e.changes() < changes)) {
      keep(id, new Entry<>(e.raw(), e.value(), store, changes));
    }
    return e.value();
  }

  /** Keeps {@code value} as decoded from {@code raw} for {@code id}. */
  void put(String id, byte[] raw, T value) {
    put(id, raw, value, null, 0L);
  }

  /**
   * Keeps {@code value} as decoded from {@code raw} for {@code id}, stamped as {@code store}'s at
   * change count {@code changes} (store null: no stamp; see {@link #get(String, byte[],
   * ReferenceStoreLayer, long)}).
   */
  void put(String id, byte[] raw, T value, ReferenceStoreLayer store, long changes) {
    if (entries.size() >= limit) {
      entries.clear();
    }
    keep(id, new Entry<>(raw, value, store, changes));
  }

  /** Keeps {@code entry} unless a later stamp of the same store is there already. */
  private void keep(String id, Entry<T> entry) {
    entries.merge(id, entry, Entry::or);
  }
}
