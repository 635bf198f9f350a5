/**
 * Runs a job clean and with faults on the same emulators and compares the outputs: {@link
 * dev.runnel.faults.run.FaultHarness} runs, {@link dev.runnel.faults.run.FaultReport} says what was lost or
 * duplicated.
 */
package dev.runnel.faults.run;
