package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.checkpointing.checkpoint.StateLogRefs;
import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.functions.state.StageStates;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.TableRole;
import dev.runnel.statestore.statelog.DynamoDbStateLogStore;
import dev.runnel.statestore.statelog.StateLogStore;
import dev.runnel.statestore.timers.TimerEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads the committed keyed state of a shard of a stage in the log layout (docs/state-log.md), as a stage would on a
 * cold start: the checkpoint (consistent), then the snapshot and log entries it names. For operators and tests;
 * a stage itself keeps this state in memory ({@link ShardStateLog}).
 */
public final class ShardStateReader {
  private final String stage;
  private final CheckpointStore checkpoints;
  private final ShardStateLoader loader;

  /** A reader of {@code stage}'s shards, whose states {@code codec} decodes. */
  public ShardStateReader(String stage, CheckpointStore checkpoints, StateLogStore stateLog, KeyStateCodec codec) {
    this.stage = stage;
    this.checkpoints = checkpoints;
    this.loader = new ShardStateLoader(stage, stateLog, codec);
  }

  /**
   * A reader of stage {@code stageId} of {@code plan} on its DynamoDB tables, the states' classes loaded by
   * {@code classes}.
   *
   * @throws IllegalArgumentException if the plan has no such stage, or the stage does not keep its state in a log
   */
  public static ShardStateReader of(Plan plan, String stageId, DynamoDbClient dynamoDb, JobClasses classes) {
    StageSpec stage = plan.stages().stream().filter(s -> s.id().equals(stageId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("job '" + plan.job() + "' has no stage " + stageId));
    if (stage.layout() != StateLayout.LOG || plan.tables(TableRole.STATE_LOG).isEmpty()) {
      throw new IllegalArgumentException("stage " + stageId + " of job '" + plan.job() + "' does not keep its state"
          + " in a state log (plan field stateLayout is not \"log\"); its keys are items of the state table");
    }
    return new ShardStateReader(stageId,
        new DynamoDbCheckpointStore(dynamoDb, plan.tables(TableRole.CHECKPOINT).get(0).name()),
        new DynamoDbStateLogStore(dynamoDb, plan.tables(TableRole.STATE_LOG).get(0).name()),
        new KeyStateCodec(StageStates.of(stage, classes).bindings()));
  }

  /** The committed state of {@code shard}: empty, at revision 0, before its first commit. */
  public CommittedShard read(String shard) {
    Checkpoint checkpoint = checkpoints.load(stage, shard).orElse(null);
    StateLogRefs refs = checkpoint == null || checkpoint.stateLog() == null ? StateLogRefs.EMPTY
        : checkpoint.stateLog();
    ShardState state = loader.load(shard, refs);
    Map<String, CommittedKeyState> keys = new TreeMap<>();
    state.keys().forEach(key -> keys.put(key.key(), key));
    return new CommittedShard(stage, shard, checkpoint == null ? 0 : checkpoint.revision(), keys,
        state.identities(), state.timers());
  }

  /**
   * A shard's committed keyed state.
   *
   * @param stage      the stage
   * @param shard      the shard of the stage's input
   * @param revision   the revision of the checkpoint it is the state of (0: no checkpoint yet)
   * @param keys       each key's state, by key
   * @param identities the shard's dedup memory
   * @param timers     the pending window ends and timers (the timer queue)
   */
  public record CommittedShard(String stage, String shard, long revision, Map<String, CommittedKeyState> keys,
      AppliedIdentities identities, List<TimerEntry> timers) {
    /** Copies the collections. */
    public CommittedShard {
      keys = java.util.Collections.unmodifiableMap(new TreeMap<>(keys));
      timers = List.copyOf(timers);
    }
  }
}
