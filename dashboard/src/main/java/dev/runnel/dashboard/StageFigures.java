package dev.runnel.dashboard;

import java.util.List;

/**
 * One stage's figures at one moment; counts are cumulative since the run (or the function instances) started.
 *
 * @param stage            the stage id
 * @param batches          batches handed to its function, retries included
 * @param recordsIn        records its function received
 * @param written          records it wrote, over every output
 * @param filtered         records its filters dropped
 * @param deadLettered     records it sent to the dead letters
 * @param retries          failed batches that were retried
 * @param recordsPerSecond records in per second since the previous read (computed by the dashboard)
 * @param lagMillis        how far its slowest shard is behind the input stream's tip (iterator age)
 * @param pending          records its shards have read and not yet processed, summed
 * @param watermark        its lowest published shard watermark, epoch milliseconds, or null without event time
 * @param ticks            ticks sent to it (windows and timers), 0 without
 * @param shards           each shard of its input stream
 * @param models           its model calls, or null for a stage without a model
 * @param costUsd          its estimated cost so far in US dollars, or null where it is not known
 */
public record StageFigures(String stage, long batches, long recordsIn, long written, long filtered,
    long deadLettered, long retries, double recordsPerSecond, long lagMillis, long pending, Long watermark, long ticks,
    List<ShardFigures> shards, ModelFigures models, Double costUsd) {
  public StageFigures {
    shards = List.copyOf(shards);
  }

  /** The same figures with this rate. */
  public StageFigures withRate(double perSecond) {
    return new StageFigures(stage, batches, recordsIn, written, filtered, deadLettered, retries, perSecond,
        lagMillis, pending, watermark, ticks, shards, models, costUsd);
  }
}
