package dev.runnel.faults.run;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.faults.FaultLog;
import dev.runnel.faults.FaultPlan;
import dev.runnel.faults.inject.Resharder;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.TableRole;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A split or merge of a repartition stream (the stream between two stages) while the stage reading it consumes it:
 * it waits until that stage has committed a batch of the stream (at most {@value #WAIT_SECONDS} s), then reshards,
 * so records before the reshard are on the parents, being read, and the upstream stage's later outputs go to the
 * children. Only streams whose reading stage has no windows or timers (and, in the state log layout, no event
 * time) are eligible ({@link #eligibleReaders}); a plan with none injects nothing.
 */
final class RepartitionReshard {
  private static final long WAIT_SECONDS = 30;
  private static final long POLL_MILLIS = 50;

  private RepartitionReshard() {}

  /** The reshard {@code faults} asks for in a run of {@code plan}, or a no-op. */
  static Runnable of(Plan plan, FaultPlan faults, FaultLog log, KinesisClient kinesis, DynamoDbClient dynamoDb) {
    boolean split = faults.has(FaultKind.REPARTITION_SPLIT);
    if (!split && !faults.has(FaultKind.REPARTITION_MERGE)) {
      return () -> { };
    }
    List<StageSpec> readers = eligibleReaders(plan);
    if (readers.isEmpty()) {
      return () -> { };
    }
    FaultDice dice = new FaultDice(faults, log, "reshard/repartition");
    StageSpec reader = readers.get(dice.nextInt(readers.size()));
    String stream = reader.input().stream();
    Resharder resharder = new Resharder(kinesis, stream, dice, FaultKind.REPARTITION_SPLIT,
        FaultKind.REPARTITION_MERGE);
    return () -> {
      awaitReading(plan, reader, kinesis, dynamoDb);
      if (split) {
        resharder.split();
      } else {
        resharder.merge();
      }
    };
  }

  /**
   * The stages reading a repartition stream: in the state log layout all of them (a child shard adopts its parents'
   * keys, windows, timers and time, docs/state-log.md "Resharding"); with per-key items those that hold no windows or
   * timers (a child does not adopt its parents' timer index entries, docs/time.md "Limits").
   */
  static List<StageSpec> eligibleReaders(Plan plan) {
    return plan.stages().stream()
        .filter(stage -> plan.streams().stream().anyMatch(s -> s.name().equals(stage.input().stream())
            && s.role() == StreamRole.REPARTITION))
        .filter(stage -> stage.layout() == StateLayout.LOG
            || stage.operators().stream().noneMatch(o -> o.kind() == OperatorKind.WINDOW || o.hasTimers()))
        .toList();
  }

  /** Waits until {@code reader} committed a batch on some shard of its input, or {@value #WAIT_SECONDS} s passed. */
  private static void awaitReading(Plan plan, StageSpec reader, KinesisClient kinesis, DynamoDbClient dynamoDb) {
    if (plan.tables(TableRole.CHECKPOINT).isEmpty()) {
      return;
    }
    CheckpointStore checkpoints = new DynamoDbCheckpointStore(dynamoDb,
        plan.tables(TableRole.CHECKPOINT).get(0).name());
    long deadline = System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS).toNanos();
    while (System.nanoTime() < deadline) {
      List<String> shards = kinesis.listShards(b -> b.streamName(reader.input().stream())).shards().stream()
          .map(s -> s.shardId()).toList();
      for (String shard : shards) {
        if (checkpoints.load(reader.id(), shard).map(Checkpoint::position).isPresent()) {
          return;
        }
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for stage " + reader.id() + " to read", e);
      }
    }
  }
}
