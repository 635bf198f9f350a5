package dev.runnel.faults.run;

/**
 * A faulty run: the verdict against its reference, and what the run produced.
 *
 * @param report the comparison with the reference
 * @param output what the faulty run produced (its sinks, dead letters with their positions, keyed state)
 */
public record FaultRun(FaultReport report, RunOutput output) {}
