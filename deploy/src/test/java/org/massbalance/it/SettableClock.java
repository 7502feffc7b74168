package org.massbalance.it;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A wall clock for the engine under test that starts at a chosen instant, ticks with the system
 * clock, and can be set forward: what the engine closes "by the wall clock" then follows the test's
 * data, not the day the test runs.
 */
final class SettableClock extends Clock {

  private final AtomicLong offsetMs = new AtomicLong();

  private SettableClock() {}

  /** A clock that reads {@code now} at this moment and ticks on from there. */
  static SettableClock startingAt(Instant now) {
    SettableClock clock = new SettableClock();
    clock.set(now);
    return clock;
  }

  /** From now on the clock reads {@code now}, ticking on from there. */
  void set(Instant now) {
    offsetMs.set(now.toEpochMilli() - System.currentTimeMillis());
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMs.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a UTC clock");
  }
}
