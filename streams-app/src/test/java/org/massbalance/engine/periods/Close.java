package org.massbalance.engine.periods;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.massbalance.avro.Alert;
import org.massbalance.avro.ConsolidatedSnapshot;
import org.massbalance.avro.Snapshot;
import org.massbalance.engine.testing.EngineDriver;

/**
 * Small readers of the monthly close for the period specs: keyed snapshot and consolidated topics,
 * latest revision per key, and the contract's presentation of quantities (half-even, 6 places,
 * trailing zeros stripped), worked out here and not by engine code.
 */
final class Close {

  static final String LONDON = "LONDON"; // UTC
  static final String BERLIN = "BERLIN"; // UTC as well (same zone, transfers within a month)
  static final String OATS = "OATS"; // kg, tolerance 5.0

  private Close() {}

  /** The snapshot topic, read with keys. Use it instead of {@link EngineDriver#snapshots()}. */
  static TestOutputTopic<String, Snapshot> snapshotTopic(EngineDriver engine) {
    return engine
        .raw()
        .createOutputTopic(
            engine.topics().snapshots().name(),
            Serdes.String().deserializer(),
            engine.topics().snapshots().valueSerde().deserializer());
  }

  /**
   * The consolidated topic, read with keys. Use it instead of {@link EngineDriver#consolidated()}.
   */
  static TestOutputTopic<String, ConsolidatedSnapshot> consolidatedTopic(EngineDriver engine) {
    return engine
        .raw()
        .createOutputTopic(
            engine.topics().consolidated().name(),
            Serdes.String().deserializer(),
            engine.topics().consolidated().valueSerde().deserializer());
  }

  static <V> List<TestRecord<String, V>> drain(TestOutputTopic<String, V> topic) {
    return new ArrayList<>(topic.readRecordsToList());
  }

  /** Advances the wall clock well past the idle close (30 s, checked every 5 s). */
  static void idle(EngineDriver engine) {
    engine.advanceWallClock(Duration.ofSeconds(40));
  }

  /** Latest snapshot per site|product|period, from a list of published snapshots. */
  static Map<String, Snapshot> latest(List<Snapshot> published) {
    Map<String, Snapshot> out = new LinkedHashMap<>();
    for (Snapshot s : published) {
      String k = s.getSiteId() + "|" + s.getProductId() + "|" + s.getPeriod();
      Snapshot prev = out.get(k);
      if (prev == null || prev.getRevision() <= s.getRevision()) {
        out.put(k, s);
      }
    }
    return out;
  }

  static Map<String, ConsolidatedSnapshot> latestConsolidated(List<ConsolidatedSnapshot> list) {
    Map<String, ConsolidatedSnapshot> out = new LinkedHashMap<>();
    for (ConsolidatedSnapshot s : list) {
      String k = s.getProductId() + "|" + s.getPeriod();
      ConsolidatedSnapshot prev = out.get(k);
      if (prev == null || prev.getRevision() <= s.getRevision()) {
        out.put(k, s);
      }
    }
    return out;
  }

  /** Latest snapshot of site|product in {@code period} (yyyy-MM), or null. */
  static Snapshot of(Map<String, Snapshot> latest, String site, String product, String period) {
    return latest.get(site + "|" + product + "|" + period);
  }

  /** The contract's presentation: half-even to 6 places, trailing zeros stripped, plain. */
  static String fmt(BigDecimal v) {
    BigDecimal r = v.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    if (r.signum() == 0) {
      return "0";
    }
    return r.toPlainString();
  }

  static String fmt(String v) {
    return fmt(new BigDecimal(v));
  }

  /** 100 * a / b, exact enough to round to 6 places. */
  static String pct(BigDecimal a, BigDecimal b) {
    return fmt(
        a.multiply(BigDecimal.valueOf(100)).divide(b, new MathContext(40, RoundingMode.HALF_EVEN)));
  }

  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  static List<Alert> ofType(List<Alert> alerts, String type) {
    return alerts.stream().filter(a -> a.getType().equals(type)).toList();
  }
}
