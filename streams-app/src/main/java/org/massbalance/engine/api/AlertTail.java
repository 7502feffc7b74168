package org.massbalance.engine.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.massbalance.avro.Alert;
import org.massbalance.engine.domain.IsoInstants;
import org.massbalance.engine.domain.Keys;

/**
 * The last alerts of each partition of the alert topic, in the order the topic holds them, at most
 * {@code keepPerPartition} of each: what the API lists as recent alerts. Thread-safe: one thread
 * adds, request threads read.
 */
final class AlertTail {

  /** Newest first: by detection time, then by alert id, both descending. */
  private static final Comparator<Entry> NEWEST_FIRST =
      Comparator.comparingLong(Entry::detectedMs)
          .thenComparing(e -> e.alert().getAlertId())
          .reversed();

  private record Entry(long detectedMs, Alert alert) {}

  private final int keepPerPartition;
  private final Map<Integer, ArrayDeque<Entry>> byPartition = new HashMap<>();

  AlertTail(int keepPerPartition) {
    this.keepPerPartition = keepPerPartition;
  }

  /**
   * Adds the next alert of {@code partition}, dropping that partition's oldest beyond the limit.
   */
  synchronized void add(int partition, Alert alert) {
    ArrayDeque<Entry> q = byPartition.computeIfAbsent(partition, p -> new ArrayDeque<>());
    q.addLast(new Entry(detectedMs(alert), alert));
    while (q.size() > keepPerPartition) {
      q.removeFirst();
    }
  }

  /** The alerts {@code filter} accepts, newest first, at most {@code max}. */
  synchronized List<Alert> newest(Predicate<Alert> filter, int max) {
    List<Entry> matching = new ArrayList<>();
    for (ArrayDeque<Entry> q : byPartition.values()) {
      for (Entry e : q) {
        if (filter.test(e.alert())) {
          matching.add(e);
        }
      }
    }
    matching.sort(NEWEST_FIRST);
    List<Alert> out = new ArrayList<>(Math.min(max, matching.size()));
    for (Entry e : matching.subList(0, Math.min(max, matching.size()))) {
      out.add(e.alert());
    }
    return out;
  }

  /**
   * Per {@code site|product}, the WARNING and CRITICAL alerts held: {all of them, the CRITICAL
   * ones}.
   */
  synchronized Map<String, long[]> warningCounts() {
    Map<String, long[]> out = new HashMap<>();
    for (ArrayDeque<Entry> q : byPartition.values()) {
      for (Entry e : q) {
        Alert a = e.alert();
        if ("INFO".equals(a.getSeverity())) {
          continue;
        }
        long[] n =
            out.computeIfAbsent(Keys.ledger(a.getSiteId(), a.getProductId()), k -> new long[2]);
        n[0]++;
        if ("CRITICAL".equals(a.getSeverity())) {
          n[1]++;
        }
      }
    }
    return out;
  }

  private static long detectedMs(Alert a) {
    try {
      return IsoInstants.epochMillis(a.getDetectedAt());
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
