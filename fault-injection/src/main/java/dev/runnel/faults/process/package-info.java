/**
 * Real process faults for stages run in their own JVMs (local-lambda's isolated mode): a function process kills
 * itself with {@code kill -9} at a random commit step, or stops itself ({@code SIGSTOP}) before its state write and
 * outlives its timeout while the retry runs in a new process, then is resumed ({@code SIGCONT}) to try its writes
 * seconds late: a real zombie. {@link dev.runnel.faults.process.ProcessFaultPlan} decides in the runner;
 * {@link dev.runnel.faults.process.SelfSignallingObserver} acts in the function's process.
 */
package dev.runnel.faults.process;
