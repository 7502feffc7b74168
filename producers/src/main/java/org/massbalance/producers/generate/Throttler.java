package org.massbalance.producers.generate;

import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket: {@link #acquire()} returns at once while tokens last and otherwise sleeps (parks)
 * until the next token is due: never a busy spin. The bucket holds at most {@code burst} tokens (10
 * ms of rate, at least one) so that coarse sleeps are made up for without long bursts. A rate of 0
 * means unthrottled.
 */
public final class Throttler {

  /** Time source and sleeper; the real one is {@link #SYSTEM}, tests pass a fake. */
  public interface Ticker {
    /** Monotonic nanoseconds. */
    long nanoTime();

    /** Sleeps about this long. */
    void sleepNanos(long nanos);
  }

  /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
  public static final Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) {
          LockSupport.parkNanos(nanos);
        }
      };

  private final double ratePerNano;
  private final double burst;
  private final Ticker ticker;
  private double tokens;
  private long last;

  /**
   * A throttler.
   *
   * @param recordsPerSecond rate; 0 = unthrottled
   * @param ticker time source
   */
  public Throttler(double recordsPerSecond, Ticker ticker) {
    if (recordsPerSecond < 0) {
      throw new IllegalArgumentException("rate must be >= 0");
    }
    this.ratePerNano = recordsPerSecond / 1e9;
    this.burst = Math.max(1.0, recordsPerSecond / 100.0);
    this.ticker = ticker;
    this.tokens = 1.0;
    this.last = ticker.nanoTime();
  }

  /** Waits, if need be, until one record may go. */
  public void acquire() {
    if (ratePerNano == 0) {
      return;
    }
    while (true) {
      long now = ticker.nanoTime();
      tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
      last = now;
      if (tokens >= 1.0) {
        tokens -= 1.0;
        return;
      }
      long wait = (long) Math.ceil((1.0 - tokens) / ratePerNano);
      ticker.sleepNanos(Math.max(1, wait));
    }
  }
}
