package dev.runnel.functions.time;

import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a source shard's progress row looking active while one of its batches runs longer than a third of its
 * {@code idleAfter} (model calls under a rate limit, say): without it, readers would take the shard for idle in the
 * middle of its batch, run their watermark ahead on the other shards, and judge this batch's records late. A fast
 * batch costs nothing: the first beat comes only after a third of {@code idleAfter}.
 */
public final class ActivityHeartbeat {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityHeartbeat.class);
  private static final long MIN_PERIOD_MILLIS = 1_000;
  private static final ScheduledExecutorService BEATS = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "runnel-activity-heartbeat");
    thread.setDaemon(true);
    return thread;
  });

  private final ProgressStore progress;
  private final Clock clock;
  private final long idleAfterMillis;

  /** Beats into {@code progress} for shards idle after {@code idleAfterMillis} (0: never idle, no beats). */
  public ActivityHeartbeat(ProgressStore progress, Clock clock, long idleAfterMillis) {
    this.progress = progress;
    this.clock = clock;
    this.idleAfterMillis = idleAfterMillis;
  }

  /** One batch's beats; closing it stops them. */
  public interface Beating extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Starts beating for a batch of {@code shard} of {@code stage}, republishing its committed {@code watermark} with the
   * time now as its last activity, every third of {@code idleAfter} until closed.
   */
  public Beating start(String stage, String shard, long watermark) {
    if (idleAfterMillis <= 0) {
      return () -> { };
    }
    long period = Math.max(MIN_PERIOD_MILLIS, idleAfterMillis / 3);
    ScheduledFuture<?> beats = BEATS.scheduleAtFixedRate(() -> {
      try {
        progress.publish(new ShardProgress(stage, shard, watermark, clock.millis()));
      } catch (RuntimeException e) {
        LOG.warn("could not keep {} {} active in the progress table: {}", stage, shard, e.toString());
      }
    }, period, period, TimeUnit.MILLISECONDS);
    return () -> beats.cancel(false);
  }
}
