package org.massbalance.engine.api;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether this instance can answer queries, for {@code /health/ready}. Ready means: Kafka Streams
 * has been RUNNING at least once since start (its first restore is over, so it holds the state of
 * what it owned then) and is RUNNING or REBALANCING. A rebalance, such as another instance's
 * failure, leaves a survivor ready: it keeps answering for the state it holds (what it owns, and
 * its standbys), and a load balancer does not remove every instance at the moment one dies. CREATED
 * and the first REBALANCING (restoring), PENDING_ERROR, ERROR, PENDING_SHUTDOWN and NOT_RUNNING are
 * not ready. Thread-safe.
 */
public final class Readiness {

  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.CREATED);
  private final AtomicBoolean hasRun = new AtomicBoolean();

  /** Records a Kafka Streams state change (call from the state listener). */
  public void changed(KafkaStreams.State now) {
    state.set(now);
    if (now == KafkaStreams.State.RUNNING) {
      hasRun.set(true);
    }
  }

  /** The last state recorded. */
  public KafkaStreams.State state() {
    return state.get();
  }

  /** True when the instance can answer queries (see the class comment). */
  public boolean ready() {
    KafkaStreams.State s = state.get();
    return s == KafkaStreams.State.RUNNING || (s == KafkaStreams.State.REBALANCING && hasRun.get());
  }

  /** Why the instance is not ready, for the 503 body; null when ready. */
  public String reason() {
    if (ready()) {
      return null;
    }
    KafkaStreams.State s = state.get();
    if (s == KafkaStreams.State.CREATED || s == KafkaStreams.State.REBALANCING) {
      return "not ready: Kafka Streams is " + s + " and has not been RUNNING yet (restoring)";
    }
    return "not ready: Kafka Streams is " + s;
  }
}
