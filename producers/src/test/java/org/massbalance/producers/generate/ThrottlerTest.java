package org.massbalance.producers.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottlerTest {

  /** Time moves only when the throttler sleeps. */
  static final class FakeTicker implements Throttler.Ticker {
    long now = 1_000_000_000L;
    int sleeps;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      sleeps++;
      now += nanos;
    }
  }

  @Test
  void one_thousand_records_at_100_per_second_take_about_ten_seconds() {
    FakeTicker t = new FakeTicker();
    Throttler th = new Throttler(100, t);
    for (int i = 0; i < 1000; i++) {
      th.acquire();
    }
    double seconds = (t.now - 1_000_000_000L) / 1e9;
    assertThat(seconds).isBetween(9.98, 10.0);
    assertThat(t.sleeps).isLessThanOrEqualTo(1000); // at most one sleep a record: no spinning
  }

  @Test
  void a_late_caller_gets_a_short_burst_then_the_rate() {
    FakeTicker t = new FakeTicker();
    Throttler th = new Throttler(10_000, t);
    t.now += 5_000_000_000L; // idle for 5 s: at most 10 ms worth (100 records) is saved up
    for (int i = 0; i < 100; i++) {
      th.acquire();
    }
    assertThat(t.sleeps).isZero();
    long before = t.now;
    for (int i = 0; i < 10_000; i++) {
      th.acquire();
    }
    assertThat((t.now - before) / 1e9).isBetween(0.99, 1.0);
  }

  @Test
  void rate_zero_never_sleeps() {
    FakeTicker t = new FakeTicker();
    Throttler th = new Throttler(0, t);
    for (int i = 0; i < 100_000; i++) {
      th.acquire();
    }
    assertThat(t.sleeps).isZero();
    assertThat(t.now).isEqualTo(1_000_000_000L);
  }
}
