package dev.runnel.functions.exactlyonce;

/**
 * Told when a batch passes each {@link CommitStep}. Production uses {@link #NONE}; the fault-injection harness
 * throws from it to crash an invocation at a chosen step.
 */
@FunctionalInterface
public interface CommitObserver {
  /** Observes nothing. */
  CommitObserver NONE = (step, stage, shardId) -> { };

  /** Called when the batch of {@code stage} on {@code shardId} has completed {@code step}. */
  void reached(CommitStep step, String stage, String shardId);
}
