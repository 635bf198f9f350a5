package dev.runnel.localrunner.run;

import dev.runnel.functions.TickReport;

/**
 * The tick entry of one stage's function, as the EventBridge schedule invokes it in AWS: one call ticks every shard
 * of the stage's input stream (advances the watermark, fires due windows and timers). The runner calls it from one
 * thread, never twice at once; it may run while the stage's event source mapping delivers batches.
 */
@FunctionalInterface
public interface TickFunction {
  /**
   * Ticks every shard of the stage.
   *
   * @return how many shards another invocation committed first, and how many were left to a recent batch (both left
   *     to the next tick or batch)
   * @throws RuntimeException when the tick failed; the next tick retries
   */
  TickReport tick();
}
