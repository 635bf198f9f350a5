package dev.runnel.functions.time;

import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.plan.EventTimeSpec;
import java.util.List;
import java.util.Map;

/**
 * How one stage's shards advance their watermark (docs/time.md). A stage reading a source follows the highest event
 * time it has seen, minus the bound on out-of-orderness. Any other stage follows the minimum of the watermarks its
 * upstream stages published, leaving out source shards that have been idle for their {@code idleAfter}. Either way
 * a watermark never goes back.
 */
public final class Watermarks {
  private final EventTimeSpec source;
  private final ProgressStore progress;
  private final Map<String, Long> idleAfterByUpstream;

  /**
   * The watermarks of a stage.
   *
   * @param source              the event time of the source this stage reads, or null for a stage reading upstream
   *                            stages (or a source without event time)
   * @param progress            the progress table
   * @param idleAfterByUpstream each upstream stage and the idleness timeout of its shards (0: never idle)
   */
  public Watermarks(EventTimeSpec source, ProgressStore progress, Map<String, Long> idleAfterByUpstream) {
    this.source = source;
    this.progress = progress;
    this.idleAfterByUpstream = Map.copyOf(idleAfterByUpstream);
  }

  /** True for a stage that computes its watermark from its own records. */
  public boolean readsSource() {
    return idleAfterByUpstream.isEmpty();
  }

  /** The time after a batch whose records had these event times (NONE entries ignored), run at {@code nowMillis}. */
  public ShardTime afterRecords(ShardTime before, List<Long> eventTimes, long nowMillis) {
    long max = before.maxEventTime();
    for (long time : eventTimes) {
      if (time != StageClock.NONE) {
        max = Math.max(max, time);
      }
    }
    long watermark = before.watermark();
    if (source != null && max != ShardTime.NONE) {
      watermark = Math.max(watermark, max - source.maxOutOfOrdernessMillis());
    }
    return new ShardTime(watermark, before.processingTime(), before.pendingWatermark(),
        before.pendingProcessingTime(), max, nowMillis);
  }

  /**
   * The watermark a stage reading upstream stages may advance to at {@code nowMillis}: the minimum over the
   * published shards that are not idle, never below {@code current}; {@code current} when nothing is published or
   * every upstream shard is idle.
   */
  public long upstream(long current, long nowMillis) {
    long minimum = Long.MAX_VALUE;
    boolean any = false;
    for (Map.Entry<String, Long> upstream : idleAfterByUpstream.entrySet()) {
      for (ShardProgress shard : progress.read(upstream.getKey())) {
        long idleAfter = upstream.getValue();
        boolean idle = idleAfter > 0 && shard.lastRecordMillis() != ShardTime.NONE
            && nowMillis - shard.lastRecordMillis() > idleAfter;
        if (!idle && shard.watermark() != ShardTime.NONE) {
          minimum = Math.min(minimum, shard.watermark());
          any = true;
        } else if (!idle) {
          return current;
        }
      }
    }
    return any ? Math.max(current, minimum) : current;
  }
}
