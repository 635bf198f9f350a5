package dev.runnel.checkpointing.progress;

import java.util.List;

/**
 * The progress table ({@code <job>-progress}): each (stage, shard) publishes its output watermark after committing
 * it, and a downstream stage reads all rows of the stages it reads from, with one query. A published value is a
 * hint that only rises: the stage that reads it pins what it uses in its own checkpoint (docs/time.md).
 */
public interface ProgressStore {
  /**
   * Publishes {@code progress}; a row never goes backwards: a watermark or record time lower than the stored one (a
   * zombie's late publish) leaves the stored value. Throttling is retried.
   */
  void publish(ShardProgress progress);

  /** Every shard row of {@code stage}, read strongly consistently; empty when it has published nothing. */
  List<ShardProgress> read(String stage);

  /** How many requests this store has made: publishes and reads. */
  long requests();
}
