package dev.runnel.inference.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory bucket on a fake clock that its sleeps move forward. */
class InMemoryTokenBucketTest {
  private final FakeClock clock = new FakeClock(1_700_000_000_000L);

  @Test
  void neverAdmitsMoreThanTheBurstPlusTheRateInAnyWindow() throws InterruptedException {
    InMemoryTokenBucket bucket = new InMemoryTokenBucket(120, 0, clock, clock::advance);
    List<Long> times = new ArrayList<>();
    long start = clock.millis();

    for (int i = 0; i < 400; i++) {
      bucket.acquire(1, 0);
      times.add(clock.millis());
    }

    for (long window : new long[] {1_000, 5_000, 10_000, 60_000}) {
      assertThat(SlidingWindows.maxCount(times, window)).as("window %d ms", window)
          .isLessThanOrEqualTo((int) SlidingWindows.bound(120, window));
    }
    assertThat(SlidingWindows.maxCount(times, 60_000)).isLessThanOrEqualTo(120);
    long elapsed = clock.millis() - start;
    assertThat(elapsed).isBetween((long) (394 / 1.9 * 1000), (long) (394 / 1.9 * 1000) + 400); // not starved
  }

  @Test
  void limitsTokensPerMinute() throws InterruptedException {
    InMemoryTokenBucket bucket = new InMemoryTokenBucket(0, 6_000, clock, clock::advance);
    List<Long> times = new ArrayList<>();

    for (int i = 0; i < 200; i++) {
      bucket.acquire(1, 100);
      times.add(clock.millis());
    }

    // 100 tokens each: at most (300 + 5,700/60 s · w) / 100 acquires in any window of w.
    assertThat(SlidingWindows.maxCount(times, 60_000) * 100L).isLessThanOrEqualTo(6_000);
    assertThat(SlidingWindows.maxCount(times, 10_000) * 100L).isLessThanOrEqualTo(SlidingWindows.bound(6_000, 10_000));
  }

  @Test
  void sleepsAtMostOneSecondAtATime() throws InterruptedException {
    List<Long> sleeps = new ArrayList<>();
    InMemoryTokenBucket bucket = new InMemoryTokenBucket(1, 0, clock, millis -> {
      sleeps.add(millis);
      clock.advance(millis);
    });

    bucket.acquire(1, 0);
    bucket.acquire(1, 0);

    assertThat(sleeps).hasSize(60).allMatch(s -> s <= 1_000);
  }

  @Test
  void nothingToAcquireReturnsAtOnceAndNegativeAmountsAreRejected() throws InterruptedException {
    InMemoryTokenBucket bucket = new InMemoryTokenBucket(1, 1, clock, millis -> {
      throw new AssertionError("must not sleep");
    });

    bucket.acquire(0, 0);
    new InMemoryTokenBucket(0, 0, clock).acquire(1_000, 1_000_000);

    assertThatThrownBy(() -> bucket.acquire(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
