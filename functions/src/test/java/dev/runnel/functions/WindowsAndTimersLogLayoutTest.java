package dev.runnel.functions;

import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.plan.StateLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every windows and timers test with the keyed stage's state in a shard state log (docs/state-log.md): rounds fire
 * from the timer queue kept in the log, and a crash at a compaction step also gives the failure-free outputs.
 */
class WindowsAndTimersLogLayoutTest extends WindowsAndTimersTest {
  @Override
  StateLayout layout() {
    return StateLayout.LOG;
  }

  @Override
  WindowsAndTimersTest fresh() {
    return new WindowsAndTimersLogLayoutTest();
  }

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, names = {"SNAPSHOT_WRITTEN", "SNAPSHOT_COMMITTED"})
  void aCrashAtACompactionStepGivesTheFailureFreeOutputs(CommitStep step) throws Exception {
    crashAfterTheNinthTimeAt(step);
  }
}
