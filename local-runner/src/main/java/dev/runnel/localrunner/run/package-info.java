/**
 * Runs a planned job locally: starts the emulators, provisions, drives every stage's real handler through an event
 * source mapping, feeds the inputs, waits until the pipeline is quiet and collects the summary.
 * {@link dev.runnel.localrunner.run.LocalRunner} is the entry point.
 */
package dev.runnel.localrunner.run;
