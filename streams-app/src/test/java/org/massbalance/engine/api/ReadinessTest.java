package org.massbalance.engine.api;

import static org.apache.kafka.streams.KafkaStreams.State.CREATED;
import static org.apache.kafka.streams.KafkaStreams.State.ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_SHUTDOWN;
import static org.apache.kafka.streams.KafkaStreams.State.REBALANCING;
import static org.apache.kafka.streams.KafkaStreams.State.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** Ready means "can answer queries": a survivor stays ready while the group rebalances. */
class ReadinessTest {

  private static Readiness after(KafkaStreams.State... states) {
    Readiness r = new Readiness();
    for (KafkaStreams.State s : states) {
      r.changed(s);
    }
    return r;
  }

  @Test
  void shouldNotBeReadyBeforeTheFirstRunning() {
    assertThat(after().ready()).isFalse();
    assertThat(after(CREATED).ready()).isFalse();
    assertThat(after(REBALANCING).ready()).isFalse();
    assertThat(after(REBALANCING).reason()).contains("has not been RUNNING yet");
  }

  @Test
  void shouldBeReadyWhenRunning() {
    assertThat(after(REBALANCING, RUNNING).ready()).isTrue();
    assertThat(after(REBALANCING, RUNNING).reason()).isNull();
  }

  @Test
  void shouldStayReadyWhileRebalancingAfterHavingRun() {
    // another instance died: the survivor takes over its tasks and keeps answering
    Readiness r = after(REBALANCING, RUNNING, REBALANCING);
    assertThat(r.ready()).isTrue();
    assertThat(r.state()).isEqualTo(REBALANCING);
    r.changed(RUNNING);
    r.changed(REBALANCING);
    assertThat(r.ready()).isTrue();
  }

  @Test
  void shouldNotBeReadyWhenFailingOrStopping() {
    assertThat(after(REBALANCING, RUNNING, PENDING_ERROR).ready()).isFalse();
    assertThat(after(REBALANCING, RUNNING, PENDING_ERROR, ERROR).ready()).isFalse();
    assertThat(after(REBALANCING, RUNNING, PENDING_SHUTDOWN).ready()).isFalse();
    assertThat(after(REBALANCING, RUNNING, PENDING_SHUTDOWN, NOT_RUNNING).ready()).isFalse();
    assertThat(after(REBALANCING, RUNNING, PENDING_SHUTDOWN).reason())
        .isEqualTo("not ready: Kafka Streams is PENDING_SHUTDOWN");
  }
}
