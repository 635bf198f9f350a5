package dev.runnel.dashboard;

import dev.runnel.plan.Plan;

/**
 * Where the dashboard reads a job's figures: a local run ({@link dev.runnel.dashboard.local.LocalRunFigures}), later a
 * deployed stack (CloudWatch metrics and the job's tables). Implementations are thread-safe; {@link #read()} is
 * called about once a second by one thread.
 */
public interface FigureSource {
  /** The plan of the job shown. */
  Plan plan();

  /** The job's figures now; rates are left at 0, the dashboard computes them from successive reads. */
  JobFigures read();
}
