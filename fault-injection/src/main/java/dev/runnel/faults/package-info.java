/**
 * The fault-injection harness: runs a job twice on the local emulators, once clean as the reference and once with
 * the failures of docs/exactly-once.md injected, and compares what the two runs produced.
 * {@link dev.runnel.faults.run.FaultHarness} is the entry point, {@link dev.runnel.faults.FaultPlan} says which
 * faults to inject.
 */
package dev.runnel.faults;
