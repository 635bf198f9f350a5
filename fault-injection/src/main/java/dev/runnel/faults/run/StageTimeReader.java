package dev.runnel.faults.run;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Reads where the windowed stages' time ended, from their checkpoints, as comparable lines
 * {@code stage|shard watermark=W pending=...}: the committed watermark of every shard of every stage that reads
 * upstream stages (windows and timers live there; their input streams are never resharded), and whether a firing
 * round is still pending. These do not depend on positions, revisions or the wall clock; the positions, the
 * processing times, the progress table and the timer index do, and are not read. Stages reading a source are left
 * out: their watermark follows the event times of their shards, which a reshard changes.
 */
final class StageTimeReader {
  private final KinesisClient kinesis;
  private final DynamoDbClient dynamoDb;

  StageTimeReader(KinesisClient kinesis, DynamoDbClient dynamoDb) {
    this.kinesis = kinesis;
    this.dynamoDb = dynamoDb;
  }

  /** One line per shard of every timed stage that does not read a source, sorted; empty for a job without time. */
  List<String> read(Plan plan) {
    List<String> lines = new ArrayList<>();
    if (plan.tables(TableRole.CHECKPOINT).isEmpty()) {
      return lines;
    }
    DynamoDbCheckpointStore checkpoints = new DynamoDbCheckpointStore(dynamoDb,
        plan.tables(TableRole.CHECKPOINT).get(0).name());
    for (StageSpec stage : plan.stages()) {
      if (stage.time() == null || stage.time().readsSource()) {
        continue;
      }
      for (var shard : kinesis.listShards(b -> b.streamName(stage.input().stream())).shards()) {
        ShardTime time = checkpoints.load(stage.id(), shard.shardId()).map(Checkpoint::time).orElse(null);
        lines.add(stage.id() + "|" + shard.shardId() + " " + describe(time));
      }
    }
    lines.sort(null);
    return lines;
  }

  private static String describe(ShardTime time) {
    if (time == null) {
      return "no time committed";
    }
    return "watermark=" + (time.watermark() == Long.MAX_VALUE ? "end-of-input" : Long.toString(time.watermark()))
        + (time.hasPendingRound() ? " round pending at " + time.pendingWatermark() : " no round pending");
  }
}
