package dev.runnel.functions.commit;

import dev.runnel.functions.output.WriteStats;
import java.util.Objects;
import java.util.Optional;

/**
 * What a commit achieved.
 *
 * @param retryFrom the sequence number of the first input record (in batch order) whose outputs or dead letter were
 *                  not all written, or null when everything was written
 * @param stats     the write calls it took
 */
public record CommitResult(String retryFrom, WriteStats stats) {
  public CommitResult {
    Objects.requireNonNull(stats, "stats");
  }

  /** Everything was written. */
  public static CommitResult complete(WriteStats stats) {
    return new CommitResult(null, stats);
  }

  /** Where Lambda must resume, when something was not written. */
  public Optional<String> retryFromSequenceNumber() {
    return Optional.ofNullable(retryFrom);
  }
}
