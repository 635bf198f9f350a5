package dev.runnel.statestore;

import java.util.Set;

/**
 * What became of a call to {@link StateStore#write}: the keys whose version condition failed, so nothing was written
 * for them; every other write was applied.
 *
 * @param conflicts the keys to reload and redo
 */
public record WriteOutcome(Set<StateKey> conflicts) {

  /** Everything written. */
  public static final WriteOutcome ALL_WRITTEN = new WriteOutcome(Set.of());

  public WriteOutcome {
    conflicts = Set.copyOf(conflicts);
  }

  /** True if at least one key was not written because its version had moved on. */
  public boolean hasConflicts() {
    return !conflicts.isEmpty();
  }
}
