package dev.runnel.faults.inject;

import dev.runnel.functions.exactlyonce.CommitStep;
import java.util.List;
import java.util.stream.Stream;

/**
 * The commit steps a zombie may crash after: every step but the state log's compaction steps, which no soak job
 * reaches yet, so a seed draws the same zombie crashes as before they existed.
 */
final class ZombieSteps {
  static final List<CommitStep> STEPS = Stream.of(CommitStep.values())
      .filter(step -> step != CommitStep.SNAPSHOT_WRITTEN && step != CommitStep.SNAPSHOT_COMMITTED).toList();

  private ZombieSteps() {}
}
