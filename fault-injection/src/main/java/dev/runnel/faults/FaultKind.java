package dev.runnel.faults;

import dev.runnel.functions.exactlyonce.CommitStep;

/** A failure the harness can inject; a {@link FaultPlan} gives each a probability per opportunity. */
public enum FaultKind {
  /** Crash right after the batch started (checkpoint known); per batch. */
  CRASH_AFTER_STARTED(true),
  /**
   * Crash after an inference stage stored the batch's model answers, before the operators ran; per batch that called
   * a model (a batch whose answers were all stored already calls none, and does not reach this step).
   */
  CRASH_AFTER_MODEL_ANSWERS_STORED(true),
  /** Crash after the operators ran, before any write; per batch. */
  CRASH_AFTER_PROCESSED(true),
  /** Crash after every output was acknowledged, before state; per batch. */
  CRASH_AFTER_OUTPUTS_WRITTEN(true),
  /** Crash after the state writes, before the checkpoint; per batch. */
  CRASH_AFTER_STATE_WRITTEN(true),
  /** Crash after the checkpoint, before Lambda gets the answer; per batch. */
  CRASH_AFTER_CHECKPOINT_COMMITTED(true),
  /** Crash after a firing round was pinned in the checkpoint, before anything of it fired; per round. */
  CRASH_AFTER_ROUND_PINNED(true),
  /** Crash after a round's outputs and timer index entries were written, before its keys; per round. */
  CRASH_AFTER_ROUND_OUTPUTS_WRITTEN(true),
  /** Crash after a round's keys were written, before the round is marked complete; per round. */
  CRASH_AFTER_ROUND_STATE_WRITTEN(true),
  /** Crash after a round was marked complete, before the batch or tick ends; per round. */
  CRASH_AFTER_ROUND_COMPLETED(true),
  /**
   * Crash inside an output write, after all or a prefix went through: a PutRecords, a sink table's BatchWriteItem,
   * or a sink table's conditional PutItem (one item of a keyed stage's table sink).
   */
  CRASH_MID_OUTPUTS(true),
  /**
   * Crash right after one state PutItem went through; per state write. In the state log layout: crash after all or a
   * prefix (perhaps none) of the items of a state log BatchWriteItem went through (a log entry's or a snapshot's
   * parts), before the rest; per BatchWriteItem that writes parts.
   */
  CRASH_MID_STATE(true),
  /**
   * Crash right after a timer index BatchWriteItem went through: entries of new windows and timers (before the key
   * states that hold them), or the removal of a round's fired entries (before the round is complete).
   */
  CRASH_MID_TIMER_INDEX(true),
  /** After a successful invocation, deliver the same batch again; per invocation. */
  DUPLICATE_DELIVERY(false),
  /** After a successful invocation, deliver a random contiguous sub-range of it again; per invocation. */
  RESPLIT_DELIVERY(false),
  /** Run a second environment on the same batch, concurrently, ignoring its outcome; per invocation. */
  ZOMBIE(true),
  /** Fail a DynamoDB request with ProvisionedThroughputExceededException before it is sent; per request. */
  DYNAMODB_THROTTLE(true),
  /** Fail some entries of a PutRecords with ProvisionedThroughputExceededException, writing only the others. */
  KINESIS_PARTIAL_FAILURE(true),
  /** Split a shard of the first stage's source stream mid-run (once, probability 0 or 1). */
  SHARD_SPLIT(false),
  /** Merge two adjacent shards of the first stage's source stream mid-run (once, probability 0 or 1). */
  SHARD_MERGE(false),
  /**
   * Split a shard of a repartition stream (between two stages) while its reading stage consumes it (once,
   * probability 0 or 1); only a stream whose reader has no windows or timers (docs/time.md, "Limits").
   */
  REPARTITION_SPLIT(false),
  /** Merge two adjacent shards of a repartition stream while its reading stage consumes it, as above. */
  REPARTITION_MERGE(false),
  /**
   * State log layout only (docs/state-log.md): crash after a compaction wrote the shard's snapshot, before the
   * checkpoint names it; per compaction. Last, and drawn after the other kinds by {@link FaultPlan#random(long,
   * boolean)} (only for a job with a stage in that layout), so seeds keep their plans.
   */
  CRASH_AFTER_SNAPSHOT_WRITTEN(true),
  /** State log layout only: crash after the checkpoint named a new snapshot, before the superseded items are deleted. */
  CRASH_AFTER_SNAPSHOT_COMMITTED(true);

  private final boolean mayFailInvocation;

  FaultKind(boolean mayFailInvocation) {
    this.mayFailInvocation = mayFailInvocation;
  }

  /** True if the fault can make the invocation fail, so it is held back after a streak of failures. */
  public boolean mayFailInvocation() {
    return mayFailInvocation;
  }

  /** True for a crash at a compaction step of the state log layout (only a stage in that layout reaches one). */
  public boolean compacts() {
    return this == CRASH_AFTER_SNAPSHOT_WRITTEN || this == CRASH_AFTER_SNAPSHOT_COMMITTED;
  }

  /** True for a split or merge of a stream's shards: injected once per run, not per opportunity. */
  public boolean reshards() {
    return this == SHARD_SPLIT || this == SHARD_MERGE || this == REPARTITION_SPLIT || this == REPARTITION_MERGE;
  }

  /**
   * True if the harness injects it from the runner's side (the event source mapping's deliveries, reshards of the
   * job's streams), so it applies as well to functions running in processes of their own; the other kinds wrap the
   * clients, commit observer or handler inside the function's JVM.
   */
  public boolean runnerSide() {
    return this == DUPLICATE_DELIVERY || this == RESPLIT_DELIVERY || reshards();
  }

  /** The crash injected right after {@code step}. */
  public static FaultKind crashAfter(CommitStep step) {
    return switch (step) {
      case STARTED -> CRASH_AFTER_STARTED;
      case MODEL_ANSWERS_STORED -> CRASH_AFTER_MODEL_ANSWERS_STORED;
      case PROCESSED -> CRASH_AFTER_PROCESSED;
      case OUTPUTS_WRITTEN -> CRASH_AFTER_OUTPUTS_WRITTEN;
      case STATE_WRITTEN -> CRASH_AFTER_STATE_WRITTEN;
      case CHECKPOINT_COMMITTED -> CRASH_AFTER_CHECKPOINT_COMMITTED;
      case ROUND_PINNED -> CRASH_AFTER_ROUND_PINNED;
      case ROUND_OUTPUTS_WRITTEN -> CRASH_AFTER_ROUND_OUTPUTS_WRITTEN;
      case ROUND_STATE_WRITTEN -> CRASH_AFTER_ROUND_STATE_WRITTEN;
      case ROUND_COMPLETED -> CRASH_AFTER_ROUND_COMPLETED;
      case SNAPSHOT_WRITTEN -> CRASH_AFTER_SNAPSHOT_WRITTEN;
      case SNAPSHOT_COMMITTED -> CRASH_AFTER_SNAPSHOT_COMMITTED;
    };
  }
}
