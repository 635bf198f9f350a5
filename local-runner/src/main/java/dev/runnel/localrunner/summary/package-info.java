/**
 * What a local run produced, collected from the emulators once the run has gone quiet ({@link
 * dev.runnel.localrunner.summary.RunSummary}), and printed for a person ({@link
 * dev.runnel.localrunner.summary.SummaryPrinter}).
 */
package dev.runnel.localrunner.summary;
