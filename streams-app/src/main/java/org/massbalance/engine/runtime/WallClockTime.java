package org.massbalance.engine.runtime;

import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.common.utils.Time;

/**
 * Kafka's {@link Time} reading its wall clock from a {@link Clock}: the engine's wall clock (idle
 * close, the 24 h look-ahead of the validator, the de-duplication horizon, {@code detected_at},
 * certificate warnings) follows that clock, while elapsed-time measures keep the JVM's monotonic
 * clock. The system clock in production; a fixed or shifted one for tests and replays, so that what
 * closes does not depend on the day a test runs.
 */
final class WallClockTime implements Time {

  private final Clock clock;

  WallClockTime(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public long milliseconds() {
    return clock.millis();
  }

  @Override
  public long nanoseconds() {
    return System.nanoTime();
  }

  @Override
  public void sleep(long ms) {
    Time.SYSTEM.sleep(ms);
  }
}
