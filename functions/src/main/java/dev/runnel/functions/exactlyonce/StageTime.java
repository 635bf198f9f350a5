package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.functions.operators.BoundStage;
import dev.runnel.functions.time.MarkerWriter;
import dev.runnel.functions.time.Watermarks;
import dev.runnel.statestore.timers.TimerIndex;
import java.time.Clock;

/**
 * What a stage of a job with event time or timers needs beyond the exactly-once protocol (docs/time.md).
 *
 * @param watermarks how the stage's watermark advances
 * @param progress   where shards publish their watermarks
 * @param index      the timer index, or null for a stage without windows or timers
 * @param bound      the stage's window operators and timer handlers
 * @param wallClock  processing time, read only when a round is pinned and for idleness
 * @param markers    announces the shard's watermark in-band to the stages it feeds
 */
public record StageTime(Watermarks watermarks, ProgressStore progress, TimerIndex index, BoundStage bound,
    Clock wallClock, MarkerWriter markers) {

  /** True when the stage has windows or timers, which fire in rounds. */
  public boolean fires() {
    return bound.fires();
  }

  /** True when the stage has timers or processing-time windows, so processing time matters. */
  public boolean hasTimers() {
    return bound.followsProcessingTime();
  }
}
