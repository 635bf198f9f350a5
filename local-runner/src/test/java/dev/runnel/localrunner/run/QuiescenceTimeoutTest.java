package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.TickReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The quiet timeout counts time without progress: a run whose ticks keep failing fails after one timeout, a run that
 * keeps firing waits longer, up to {@link Quiescence#MAX_TIMEOUTS} timeouts in all. (Without a mapping, a run is
 * never quiet, so each wait here ends in a timeout.)
 */
class QuiescenceTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofMillis(400);
  private static final ClassLoader LOADER = QuiescenceTimeoutTest.class.getClassLoader();

  @Test
  void ticksThatKeepFailingAreNoProgressSoTheWaitFailsAfterOneTimeout() throws Exception {
    try (StageTicker ticker = new StageTicker("s-2", () -> {
      throw new IllegalStateException("throttled");
    }, () -> 0, List::of, Duration.ofMillis(20), LOADER)) {
      ticker.start();
      long started = System.nanoTime();
      assertThatThrownBy(() -> new Quiescence(List.of(), List.of(ticker)).await(TIMEOUT))
          .isInstanceOf(TimeoutException.class).hasMessageContaining("made no progress for 0.4 s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one timeout, not the limit in all")
          .isLessThan(TIMEOUT.multipliedBy(Quiescence.MAX_TIMEOUTS / 2));
    }
  }

  @Test
  void ticksThatKeepFiringAreProgressSoTheWaitGoesOnUpToTheLimitInAll() throws Exception {
    AtomicLong fired = new AtomicLong();
    AtomicLong watermark = new AtomicLong();
    try (StageTicker ticker = new StageTicker("s-2", () -> {
      fired.incrementAndGet();
      watermark.incrementAndGet();
      return TickReport.CLEAN;
    }, fired::get, () -> List.of(new ShardProgress("s-2", "shardId-0", watermark.get(), 1)), Duration.ofMillis(20),
        LOADER)) {
      ticker.start();
      long started = System.nanoTime();
      assertThatThrownBy(() -> new Quiescence(List.of(), List.of(ticker)).await(TIMEOUT))
          .isInstanceOf(TimeoutException.class).hasMessageContaining("kept making progress");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(TIMEOUT.multipliedBy(Quiescence.MAX_TIMEOUTS));
    }
  }
}
