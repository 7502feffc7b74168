package org.massbalance.engine.processors.reference;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was decoded from a global store's records, by id, kept with the stored bytes it was read
 * from: an entry answers only while the store still holds those bytes, so a record written again is
 * decoded again. Safe to share between the processors, tasks and threads of one topology (a hit
 * only reads the map); beyond a limit it is emptied and fills again, which costs a decode per id
 * and never a wrong answer.
 *
 * @param <T> the decoded value (immutable)
 */
final class DecodedCache<T> {

  private record Entry<T>(byte[] raw, T value) {}

  private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>(256);
  private final int limit;

  /** A cache of at most {@code limit} entries. */
  DecodedCache(int limit) {
    this.limit = limit;
  }

  /**
   * The value decoded from {@code raw} for {@code id}, or null when not decoded from these bytes.
   */
  T get(String id, byte[] raw) {
    Entry<T> e = entries.get(id);
    return e != null && Arrays.equals(e.raw(), raw) ? e.value() : null;
  }

  /** Keeps {@code value} as decoded from {@code raw} for {@code id}. */
  void put(String id, byte[] raw, T value) {
    if (entries.size() >= limit) {
      entries.clear();
    }
    entries.put(id, new Entry<>(raw, value));
  }
}
