package dev.runnel.functions.output;

import java.util.Set;

/**
 * The outcome of writing a list of entries.
 *
 * @param failed the indexes, in the list given to the writer, of entries still not written after all retries
 * @param stats  the calls it took
 */
public record WriteResult(Set<Integer> failed, WriteStats stats) {
  public WriteResult {
    failed = Set.copyOf(failed);
  }

  /** True when every entry was written. */
  public boolean complete() {
    return failed.isEmpty();
  }
}
