package dev.runnel.testdriver;

import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.functions.time.KinesisStreamShards;
import dev.runnel.functions.time.MarkerWriter;
import dev.runnel.functions.time.WatermarkMarker;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.time.Clock;
import java.util.List;

/**
 * Moves the watermark of every stage that reads a source with event time, on every shard, as those shards would once
 * their records' event times passed it (docs/time.md): its progress row, and a marker on every shard of the streams
 * the stage feeds. The local runner declares the end of input this way, with the final watermark.
 */
final class SourceWatermarks {
  private final Plan plan;
  private final InMemoryStreams streams;
  private final ProgressStore progress;
  private final Clock clock;
  private long announced = Long.MIN_VALUE;

  SourceWatermarks(Plan plan, InMemoryStreams streams, ProgressStore progress, Clock clock) {
    this.plan = plan;
    this.streams = streams;
    this.progress = progress;
    this.clock = clock;
  }

  /** True when a stage reads a source with event time: there is a watermark to move. */
  boolean apply() {
    return !sources().isEmpty();
  }

  private List<StageSpec> sources() {
    return plan.stages().stream().filter(stage -> stage.time() != null && stage.time().readsSource()).toList();
  }

  /** Announces {@code watermark} (epoch millis) for every source shard read with event time. */
  void announce(long watermark) {
    List<StageSpec> sources = sources();
    if (sources.isEmpty()) {
      throw new IllegalStateException("job " + plan.job() + " reads no source with event time, so it has no"
          + " watermark to advance: give the source record an @EventTime field, or advance processing time");
    }
    if (watermark < announced) {
      throw new IllegalArgumentException("the watermark of job " + plan.job() + " only moves forward: it is at "
          + announced + ", not back to " + watermark);
    }
    announced = watermark;
    KinesisStreamShards shards = new KinesisStreamShards(streams, clock);
    for (StageSpec stage : sources) {
      List<String> fed = stage.outputs().stream().filter(o -> o.kind() == OutputKind.REPARTITION)
          .map(OutputSpec::target).toList();
      MarkerWriter markers = new MarkerWriter(new KinesisRecordWriter(streams, RetryPolicy.DEFAULT), shards, fed);
      String stream = stage.input().stream();
      for (int shard = 0; shard < streams.shardCount(stream); shard++) {
        String shardId = InMemoryStreams.shardId(shard);
        progress.publish(new ShardProgress(stage.id(), shardId, watermark, clock.millis()));
        if (!markers.announce(new WatermarkMarker(stage.id(), shardId, watermark))) {
          throw new IllegalStateException("could not announce the watermark of stage " + stage.id() + " shard "
              + shardId + " to the stages it feeds");
        }
      }
    }
  }
}
