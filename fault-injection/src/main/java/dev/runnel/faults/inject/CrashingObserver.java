package dev.runnel.faults.inject;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.faults.InjectedCrash;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;

/** Crashes the invocation right after a commit step, as the dice decide for that step's {@link FaultKind}. */
public record CrashingObserver(FaultDice dice) implements CommitObserver {
  @Override
  public void reached(CommitStep step, String stage, String shardId) {
    if (dice.roll(FaultKind.crashAfter(step), "after " + step)) {
      throw new InjectedCrash(stage + "/" + shardId + " after " + step);
    }
  }
}
