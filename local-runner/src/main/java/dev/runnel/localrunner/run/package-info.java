/**
 * Runs a planned job locally: starts the emulators, provisions, drives every stage's real handler through an event
 * source mapping, ticks the stages with windows or timers as their EventBridge schedule would (faster, see {@link
 * dev.runnel.localrunner.run.RunOptions#tickEvery()}), feeds the inputs, declares their end once drained ({@link
 * dev.runnel.localrunner.run.EndOfInput}), waits until the pipeline is quiet ({@code Quiescence}) and collects the
 * summary. {@link dev.runnel.localrunner.run.LocalRunner} is the entry point.
 */
package dev.runnel.localrunner.run;
