package dev.runnel.functions.exactlyonce;

/** The steps of the exactly-once commit path of one batch, in order; a crash can happen after any of them. */
public enum CommitStep {
  /** The checkpoint is known and redelivered records are dropped; nothing was read or written yet. */
  STARTED,
  /**
   * The batch's model answers are stored (an inference stage, once it has them all); nothing else was written yet. A
   * crash from here on never calls a model again for these records.
   */
  MODEL_ANSWERS_STORED,
  /** The keys' committed state is loaded and the operators have run; nothing was written yet. */
  PROCESSED,
  /** Every output and dead letter is acknowledged; no state is written yet. */
  OUTPUTS_WRITTEN,
  /**
   * Every changed key is written (in the state log layout: the batch's log entry); the checkpoint is not committed
   * yet.
   */
  STATE_WRITTEN,
  /** The checkpoint is committed; Lambda has not had the answer yet. */
  CHECKPOINT_COMMITTED,
  /** State log layout: the shard's whole state is written as a snapshot; the checkpoint does not name it yet. */
  SNAPSHOT_WRITTEN,
  /** State log layout: the checkpoint names the snapshot and an empty log; superseded items are not deleted yet. */
  SNAPSHOT_COMMITTED,
  /** A firing round is pinned in the checkpoint (its watermark and processing time); nothing of it fired yet. */
  ROUND_PINNED,
  /** Every output of the round's windows and timers is acknowledged, and the timer index entries are written. */
  ROUND_OUTPUTS_WRITTEN,
  /** Every key the round fired is written; the round is not marked complete yet. */
  ROUND_STATE_WRITTEN,
  /** The round is complete in the checkpoint. */
  ROUND_COMPLETED
}
