package dev.runnel.functions.commit;

import dev.runnel.functions.batch.ProcessedBatch;

/**
 * Makes a processed batch durable: its emissions and dead letters. Called once per invocation, after processing,
 * on the invocation's thread. Implementations decide the guarantee (at-least-once now, epoch-fenced exactly-once
 * later); the handler only reports what they return.
 */
public interface BatchCommit {
  /**
   * Writes what {@code batch} produced and says where Lambda must resume if some of it could not be written.
   * Infrastructure failures that retries cannot absorb may be thrown; the whole batch is then retried.
   */
  CommitResult commit(ProcessedBatch batch);
}
