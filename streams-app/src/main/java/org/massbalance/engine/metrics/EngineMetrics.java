package org.massbalance.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.massbalance.engine.domain.AlertType;

/**
 * The engine's domain meters: movements by type, alerts by type, rejected records by reason,
 * duplicates, and the latency from a movement's ingestion to its alert.
 */
public final class EngineMetrics {

  /** Counter of movements applied to a ledger, tagged {@code type}. */
  public static final String MOVEMENTS = "massbalance.movements";

  /** Counter of alerts raised, tagged {@code type}. */
  public static final String ALERTS = "massbalance.alerts";

  /** Counter of rejected records, tagged {@code reason}. */
  public static final String REJECTED = "massbalance.rejected";

  /** Counter of outputs not written (too large), tagged {@code topic}. */
  public static final String OUTPUT_DROPPED = "massbalance.output.dropped";

  /**
   * Counter of reference records (sites, products, certificates) that cannot be read, tagged {@code
   * topic}.
   */
  public static final String REFERENCE_UNREADABLE = "massbalance.reference.unreadable";

  /**
   * Counter of records on internal topics that could not be read (the engine stops), tagged {@code
   * topic}.
   */
  public static final String INTERNAL_UNDECODABLE = "massbalance.internal.undecodable";

  /** Counter of identical repeats applied once. */
  public static final String DUPLICATES = "massbalance.duplicates";

  /** Counter of snapshots published, tagged {@code kind} (closed, restated). */
  public static final String SNAPSHOTS = "massbalance.snapshots";

  /** Counter of sign-offs, tagged {@code outcome} (signed, repeated). */
  public static final String SIGNOFFS = "massbalance.signoffs";

  /** Counter of transformations, tagged {@code stage} (received, completed). */
  public static final String TRANSFORMATIONS = "massbalance.transformations";

  /** Timer from a movement's ingestion (producer time) to the alert it raised. */
  public static final String ALERT_LATENCY = "massbalance.alert.latency";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  // the two counters every movement touches, by type alone: no key to build per increment
  private final Map<String, Counter> movementsByType = new ConcurrentHashMap<>();
  private final Map<String, Counter> alertsByType = new ConcurrentHashMap<>();
  private final Timer alertLatency;

  /** Meters registered in {@code registry}. */
  public EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.alertLatency =
        Timer.builder(ALERT_LATENCY)
            .description("Time from a movement's ingestion to the alert it raised")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
  }

  /** Meters kept in memory only (tests, tools). */
  public static EngineMetrics inMemory() {
    return new EngineMetrics(new SimpleMeterRegistry());
  }

  /** The registry the meters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** A movement of {@code type} was applied. */
  public void movement(String type) {
    movementsByType.computeIfAbsent(type, t -> counter(MOVEMENTS, "type", t)).increment();
  }

  /** An alert of {@code type} was raised; the meter carries its type and its severity. */
  public void alert(String type) {
    alertsByType
        .computeIfAbsent(
            type,
            t ->
                counters.computeIfAbsent(
                    ALERTS + "|type|" + t,
                    k ->
                        Counter.builder(ALERTS)
                            .tag("type", t)
                            .tag("severity", severityOf(t))
                            .register(registry)))
        .increment();
  }

  private static String severityOf(String type) {
    try {
      return AlertType.valueOf(type).severity().name();
    } catch (IllegalArgumentException e) {
      return "UNKNOWN";
    }
  }

  /** A record was rejected for {@code reason} (a short code). */
  public void rejected(String reason) {
    counter(REJECTED, "reason", reason).increment();
  }

  /** An output to {@code topic} could not be written (a rejected record says so). */
  public void outputDropped(String topic) {
    counter(OUTPUT_DROPPED, "topic", topic).increment();
  }

  /**
   * A reference record of {@code topic} could not be read (defaults apply, the record is logged).
   */
  public void referenceUnreadable(String topic) {
    counter(REFERENCE_UNREADABLE, "topic", topic).increment();
  }

  /** A record of the internal {@code topic} could not be read. */
  public void internalUndecodable(String topic) {
    counter(INTERNAL_UNDECODABLE, "topic", topic).increment();
  }

  /** A snapshot was published: {@code kind} closed or restated. */
  public void snapshot(String kind) {
    counter(SNAPSHOTS, "kind", kind).increment();
  }

  /** A sign-off: {@code outcome} signed (a month signed) or repeated (signed already). */
  public void signOff(String outcome) {
    counter(SIGNOFFS, "outcome", outcome).increment();
  }

  /** A transformation reached {@code stage}: received (inputs sent), completed (outputs sent). */
  public void transformation(String stage) {
    counter(TRANSFORMATIONS, "stage", stage).increment();
  }

  /** An identical repeat of a movement was recognised. */
  public void duplicate() {
    counter(DUPLICATES, null, null).increment();
  }

  /** Latency of one alert from its movement's ingestion. */
  public void alertLatency(long millis) {
    if (millis >= 0) {
      alertLatency.record(Duration.ofMillis(millis));
    }
  }

  /** Current count of a counter (0 when never incremented); for tests and summaries. */
  public long count(String name, String tag, String value) {
    Counter c = counters.get(name + "|" + tag + "|" + value);
    return c == null ? 0 : (long) c.count();
  }

  private Counter counter(String name, String tag, String value) {
    return counters.computeIfAbsent(
        name + "|" + tag + "|" + value,
        k -> {
          Counter.Builder b = Counter.builder(name);
          if (tag != null) {
            b.tag(tag, value);
          }
          return b.register(registry);
        });
  }
}
