/**
 * The planner: reads an annotated job class without running any of its code ({@link dev.runnel.planner.JobReader}),
 * checks it ({@link dev.runnel.planner.JobProblem}s, thrown as {@link dev.runnel.planner.InvalidJobException}), cuts it
 * into function stages ({@link dev.runnel.planner.StageCutter}) and explains the resulting plan
 * ({@link dev.runnel.planner.Explainer}). {@link dev.runnel.planner.Planner} is the entry point.
 */
package dev.runnel.planner;
