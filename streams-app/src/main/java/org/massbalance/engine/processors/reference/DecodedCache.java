package org.massbalance.engine.processors.reference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a processor decoded from a global store's records, by id, kept with the stored bytes it was
 * read from: an entry answers only while the store still holds those bytes, so a record written
 * again is decoded again. The least recently used entries are dropped beyond a limit.
 *
 * @param <T> the decoded value
 */
final class DecodedCache<T> {

  private record Entry<T>(byte[] raw, T value) {}

  private final Map<String, Entry<T>> entries;

  /** A cache of at most {@code limit} entries. */
  DecodedCache(int limit) {
    this.entries =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry<T>> eldest) {
            return size() > limit;
          }
        };
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
    entries.put(id, new Entry<>(raw, value));
  }
}
