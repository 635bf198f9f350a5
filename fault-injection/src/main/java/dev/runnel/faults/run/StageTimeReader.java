package dev.runnel.faults.run;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Reads where the windowed stages' time ended, from their checkpoints, as comparable lines
 * {@code stage|open shards watermark=W pending=...}: per stage that reads upstream stages (windows and timers live
 * there), each distinct committed watermark of the open shards of its input stream, and whether a firing round is
 * still pending. Shard ids and closed shards are left out: the harness may reshard a repartition stream, and a parent
 * closed before its watermark moved keeps it (its children carry on). These do not depend on positions, revisions or
 * the wall clock; the positions, the processing times, the progress table and the timer index do, and are not read.
 * Stages reading a source are left out: their watermark follows the event times of their shards, which a reshard
 * changes.
 */
final class StageTimeReader {
  private final KinesisClient kinesis;
  private final DynamoDbClient dynamoDb;

  StageTimeReader(KinesisClient kinesis, DynamoDbClient dynamoDb) {
    this.kinesis = kinesis;
    this.dynamoDb = dynamoDb;
  }

  /** The lines of every timed stage that does not read a source, sorted; empty for a job without time. */
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
      Set<String> distinct = new TreeSet<>();
      for (var shard : kinesis.listShards(b -> b.streamName(stage.input().stream())).shards()) {
        if (shard.sequenceNumberRange().endingSequenceNumber() != null) {
          continue;
        }
        ShardTime time = checkpoints.load(stage.id(), shard.shardId()).map(Checkpoint::time).orElse(null);
        distinct.add(stage.id() + "|open shards " + describe(time));
      }
      lines.addAll(distinct);
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
