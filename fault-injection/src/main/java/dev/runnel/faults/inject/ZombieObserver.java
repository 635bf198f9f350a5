package dev.runnel.faults.inject;

import dev.runnel.faults.InjectedCrash;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;

/** A zombie environment's observer: crashes it after the step chosen for its current run, if any. */
public final class ZombieObserver implements CommitObserver {
  private volatile CommitStep crashAfter;

  /** Crash the next run after {@code step}; null runs it to the end. */
  public void crashAfter(CommitStep step) {
    this.crashAfter = step;
  }

  @Override
  public void reached(CommitStep step, String stage, String shardId) {
    if (step == crashAfter) {
      throw new InjectedCrash("zombie of " + stage + "/" + shardId + " after " + step);
    }
  }
}
