package org.massbalance.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo engine's wall clock: it starts at a chosen instant, ticks with the system clock, and the
 * demo moves it forward. What the engine decides by the wall clock (the idle close of months, the
 * look-ahead of movement dates, {@code signed_at}, {@code detected_at}) then follows the demo's
 * data, November 2025, and not the day the demo runs or how long each of its steps takes.
 */
final class DemoClock extends Clock {

  private final AtomicLong offsetMs = new AtomicLong();

  private DemoClock() {}

  /** A clock that reads {@code now} at this moment and ticks on from there. */
  static DemoClock startingAt(Instant now) {
    DemoClock clock = new DemoClock();
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
