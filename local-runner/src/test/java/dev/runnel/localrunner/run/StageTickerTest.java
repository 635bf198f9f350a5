package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.TickReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The runner's per-stage ticker, with stand-in tick functions. */
class StageTickerTest {
  private static final Duration OFTEN = Duration.ofMillis(2);
  private static final ClassLoader LOADER = StageTickerTest.class.getClassLoader();

  private final AtomicLong fired = new AtomicLong();
  private final AtomicReference<List<ShardProgress>> published = new AtomicReference<>(List.of());

  private StageTicker ticker(TickFunction function) {
    return new StageTicker("s-2", function, fired::get, published::get, OFTEN, LOADER);
  }

  @Test
  void ticksOfAStageNeverOverlapAndRunWithTheJobsClassLoader() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicReference<ClassLoader> loader = new AtomicReference<>();
    try (StageTicker ticker = ticker(() -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      loader.set(Thread.currentThread().getContextClassLoader());
      sleep(5);
      running.decrementAndGet();
      return TickReport.CLEAN;
    })) {
      ticker.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> ticker.ticks() >= 10);
    }
    assertThat(most.get()).isEqualTo(1);
    assertThat(loader.get()).isSameAs(LOADER);
  }

  @Test
  void aFailedTickIsCountedAndTheNextOneRetries() {
    AtomicInteger calls = new AtomicInteger();
    try (StageTicker ticker = ticker(() -> {
      if (calls.incrementAndGet() <= 3) {
        throw new IllegalStateException("throttled");
      }
      return TickReport.CLEAN;
    })) {
      ticker.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> ticker.quietTicksStartedAfter(Long.MIN_VALUE / 2) >= 2);
      assertThat(ticker.failures()).isEqualTo(3);
      assertThat(ticker.fatal()).isNull();
    }
  }

  @Test
  void anErrorStopsTheTickerAndIsReported() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    try (StageTicker ticker = ticker(() -> {
      calls.incrementAndGet();
      throw new OutOfMemoryError("simulated");
    })) {
      ticker.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> ticker.fatal() != null);
      Thread.sleep(50);
      assertThat(calls.get()).isEqualTo(1);
      assertThat(ticker.fatal()).hasMessage("simulated");
    }
  }

  @Test
  void aTickIsQuietOnlyWhenItFiredNothingMovedNoWatermarkAndMetNoConflict() throws InterruptedException {
    AtomicReference<Runnable> effect = new AtomicReference<>(() -> { });
    AtomicInteger conflicts = new AtomicInteger();
    try (StageTicker ticker = ticker(() -> {
      effect.getAndSet(() -> { }).run();
      return new TickReport(conflicts.getAndSet(0), 0);
    })) {
      ticker.start();
      // The first tick is noisy: nothing is known yet about the published watermarks.
      long start = System.nanoTime();
      awaitQuiet(ticker, start);

      long beforeFiring = System.nanoTime();
      effect.set(() -> fired.addAndGet(3));
      await().atMost(Duration.ofSeconds(10)).until(() -> ticker.noisySince(beforeFiring));
      awaitQuiet(ticker, System.nanoTime());

      long beforeAdvance = System.nanoTime();
      effect.set(() -> published.set(List.of(new ShardProgress("s-2", "shardId-0", 5, 1))));
      await().atMost(Duration.ofSeconds(10)).until(() -> ticker.noisySince(beforeAdvance));
      awaitQuiet(ticker, System.nanoTime());

      long beforeConflict = System.nanoTime();
      conflicts.set(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> ticker.noisySince(beforeConflict));
      assertThat(ticker.conflicts()).isEqualTo(1);
      awaitQuiet(ticker, System.nanoTime());

      long quietSince = System.nanoTime();
      Thread.sleep(30);
      assertThat(ticker.noisySince(quietSince)).isFalse();
      assertThat(ticker.quietTicksStartedAfter(quietSince)).isGreaterThanOrEqualTo(Quiescence.QUIET_TICKS);
    }
  }

  /**
   * A tick that deferred a shard to a recent batch checked nothing there (a round a crashed invocation left pending
   * stays pending): it is not quiet, or a run could end before any tick completed that round.
   */
  @Test
  void aTickThatDeferredAShardIsNotQuiet() throws InterruptedException {
    AtomicInteger deferred = new AtomicInteger(1);
    try (StageTicker ticker = ticker(() -> new TickReport(0, deferred.get()))) {
      ticker.start();
      long start = System.nanoTime();
      await().atMost(Duration.ofSeconds(10)).until(() -> ticker.ticks() >= 20);
      assertThat(ticker.quietTicksStartedAfter(start)).isZero();
      assertThat(ticker.noisySince(start)).as("the first tick is noisy, a deferring one is not").isTrue();

      deferred.set(0);
      awaitQuiet(ticker, System.nanoTime());
    }
  }

  /**
   * A run that went quiet finishes its tickers: a tick that failed as the schedule stopped (a crash after pinning a
   * round) leaves its work to the next tick, so finishing ticks again until one succeeds, as the schedule would have.
   */
  @Test
  void finishingAfterAFailedTickTicksAgainUntilOneSucceeds() {
    AtomicInteger finishingTicks = new AtomicInteger();
    StageTicker ticker = ticker(() -> {
      if (Thread.currentThread().getName().startsWith("tick-")) {
        throw new IllegalStateException("crashed after pinning a round");
      }
      finishingTicks.incrementAndGet();
      return TickReport.CLEAN;
    });
    ticker.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> ticker.failures() >= 2);
    ticker.finish();
    assertThat(finishingTicks.get()).as("ticks after the schedule stopped").isEqualTo(1);
    assertThat(ticker.fatal()).isNull();
  }

  private static void awaitQuiet(StageTicker ticker, long since) {
    await().atMost(Duration.ofSeconds(10))
        .until(() -> ticker.quietTicksStartedAfter(since) >= Quiescence.QUIET_TICKS);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
