package dev.runnel.localrunner.run;

import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.TickReport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks one stage on a fixed delay, as the stage's EventBridge schedule does in AWS: one {@link TickFunction} call
 * per period, on one thread, so ticks of a stage never overlap (they may overlap the stage's batches; the protocol
 * fences that). A tick that throws a {@link RuntimeException} is logged and counted, and the next one retries; an
 * {@link Error} stops the ticker and is reported by {@link #fatal()}.
 *
 * <p>For deciding that a run has gone quiet, each tick is judged <em>quiet</em> when it succeeded, no shard
 * conflicted, the stage's records fired by windows and timers did not change ({@code StageMetrics.fired}) and the
 * stage's rows in the progress table (its published watermarks) did not change. A tick that deferred a shard (a batch
 * with records committed there in the last two seconds) is neither: it checked nothing there, and that shard may
 * still hold a round a crashed invocation left pending, or a watermark only a tick would move, so it does not count
 * towards quiet. Any other tick is <em>noisy</em>.
 */
final class StageTicker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StageTicker.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int KEPT_QUIET_TICKS = 8;
  /** Ticks {@link #finish()} may add after a failed last tick. */
  private static final int FINISHING_TICKS = 10;

  private final String stageId;
  private final TickFunction function;
  private final LongSupplier fired;
  private final Supplier<List<ShardProgress>> published;
  private final Duration every;
  private final ClassLoader jobClassLoader;

  private ScheduledExecutorService scheduler;
  private List<ShardProgress> lastPublished;
  private boolean failing;
  private volatile Error fatal;

  // guarded by this
  private long ticks;
  private long conflicts;
  private long failures;
  private long advances;
  private boolean anyNoisy;
  private long lastNoisyEnd;
  private final Deque<Long> quietStarts = new ArrayDeque<>();

  /**
   * A ticker for one stage.
   *
   * @param stageId        the stage
   * @param function       its tick function
   * @param fired          the records the stage's windows and timers have fired so far, over all its instances
   * @param published      the stage's rows in the progress table, read now
   * @param every          the delay between the end of one tick and the start of the next
   * @param jobClassLoader the tick thread's context class loader (the job's code runs in ticks)
   */
  StageTicker(String stageId, TickFunction function, LongSupplier fired, Supplier<List<ShardProgress>> published,
      Duration every, ClassLoader jobClassLoader) {
    this.stageId = stageId;
    this.function = function;
    this.fired = fired;
    this.published = published;
    this.every = every;
    this.jobClassLoader = jobClassLoader;
  }

  /** The stage it ticks. */
  String stageId() {
    return stageId;
  }

  /** Starts ticking: the first tick after one period, then one period after each tick ends. */
  synchronized void start() {
    if (scheduler != null) {
      throw new IllegalStateException("ticker of " + stageId + " already started");
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tick-" + stageId);
      thread.setDaemon(true);
      thread.setContextClassLoader(jobClassLoader);
      return thread;
    });
    long period = every.toNanos();
    scheduler.scheduleWithFixedDelay(this::tickOnce, period, period, TimeUnit.NANOSECONDS);
  }

  /**
   * Stops ticking at the end of a run that went quiet: as {@link #close()}, then, if the last tick failed, ticks again
   * until one succeeds (at most {@value #FINISHING_TICKS} times), as the schedule would have. A tick in flight when the
   * run went quiet may fail after pinning a round (a crash injected by the fault harness, say), and its work is the
   * next tick's; without it the run would end with that round pending, and a round with due windows unfired.
   */
  void finish() {
    close();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(jobClassLoader);
    try {
      for (int tick = 0; tick < FINISHING_TICKS && failing && fatal == null; tick++) {
        tickOnce();
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Stops ticking after the tick in flight, if any, and waits for it (up to 30 s). */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = scheduler;
    }
    if (running == null || running.isShutdown()) {
      return;
    }
    running.shutdown();
    try {
      if (!running.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        running.shutdownNow();
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The error that stopped the ticker, or null. */
  Error fatal() {
    return fatal;
  }

  /** True when a noisy tick ended after {@code nanoTime} (a {@link System#nanoTime()} value). */
  synchronized boolean noisySince(long nanoTime) {
    return anyNoisy && lastNoisyEnd - nanoTime > 0;
  }

  /** How many quiet ticks in a row, since the last noisy one, started after {@code nanoTime}. */
  synchronized int quietTicksStartedAfter(long nanoTime) {
    return (int) quietStarts.stream().filter(start -> start - nanoTime > 0).count();
  }

  /** Ticks so far, failed ones included. */
  synchronized long ticks() {
    return ticks;
  }

  /** Shards that another invocation committed first, over all ticks so far. */
  synchronized long conflicts() {
    return conflicts;
  }

  /** Ticks that threw. */
  synchronized long failures() {
    return failures;
  }

  /** Ticks that succeeded and fired records or moved a published watermark: progress, as against failures. */
  synchronized long advances() {
    return advances;
  }

  private void tickOnce() {
    long start = System.nanoTime();
    boolean quiet = false;
    boolean deferred = false;
    try {
      long firedBefore = fired.getAsLong();
      TickReport report = function.tick();
      boolean firedSome = fired.getAsLong() != firedBefore;
      List<ShardProgress> rows = published.get();
      boolean advanced = !rows.equals(lastPublished);
      lastPublished = rows;
      quiet = report.conflicts() == 0 && !firedSome && !advanced;
      deferred = quiet && report.deferred() > 0;
      synchronized (this) {
        conflicts += report.conflicts();
        advances += firedSome || advanced ? 1 : 0;
      }
      if (failing) {
        LOG.info("ticks of stage {} succeed again", stageId);
        failing = false;
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        failures++;
      }
      if (!failing) {
        LOG.warn("a tick of stage {} failed; the next tick retries", stageId, e);
        failing = true;
      } else {
        LOG.debug("a tick of stage {} failed again: {}", stageId, e.toString());
      }
    } catch (Error e) {
      fatal = e;
      LOG.error("a tick of stage {} failed with an error; the stage is no longer ticked", stageId, e);
      throw e;
    } finally {
      settle(start, quiet, deferred);
    }
  }

  private synchronized void settle(long start, boolean quiet, boolean deferred) {
    ticks++;
    if (deferred) {
      return;
    }
    if (quiet) {
      quietStarts.addLast(start);
      if (quietStarts.size() > KEPT_QUIET_TICKS) {
        quietStarts.removeFirst();
      }
    } else {
      quietStarts.clear();
      anyNoisy = true;
      lastNoisyEnd = System.nanoTime();
    }
  }
}
