package dev.runnel.faults;

import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.SinkDiff;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one faulty run of a soak, for its line and the tallies.
 *
 * @param job          the job's name
 * @param seed         the seed that replays it
 * @param right        exactly once, and whatever else the soak checks held
 * @param records      records fed to the job
 * @param deadLettered dead letters of the faulty run
 * @param seconds      wall time of the run (reset, faulty run, comparison; a failure-free run where the soak makes
 *                     one per seed)
 * @param report       the comparison with the failure-free run
 * @param problems     what else was wrong, or empty
 */
record SoakRun(String job, long seed, boolean right, long records, long deadLettered, double seconds,
    FaultReport report, String problems) {

  /** A run judged by its report alone. */
  static SoakRun of(String job, long seed, long records, double seconds, FaultReport report) {
    return new SoakRun(job, seed, report.exactlyOnce(), records, deadLetters(report), seconds, report, "");
  }

  /** Dead letters of the faulty run, as the report's comparison counted them. */
  static long deadLetters(FaultReport report) {
    return report.sinks().stream().filter(s -> s.kind().equals("dead-letters")).mapToLong(SinkDiff::actual).sum();
  }

  /** One line: the verdict, the seed, records, lost, duplicated, dead-lettered, seconds and the faults by kind. */
  String line() {
    Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
    injected.putAll(report.injected());
    return String.format(java.util.Locale.ROOT,
        "%s seed %d %s: %d records, lost %d, duplicated %d, discarded %d, dead-lettered %d, %.1f s; %d faults %s%s%s",
        right ? "RIGHT" : "WRONG", seed, job, records, report.lost(), report.duplicated(), report.discardedRecords(),
        deadLettered, seconds, report.totalInjected(), injected,
        report.injectedInTicks().isEmpty() ? "" : " (in ticks " + new TreeMap<>(report.injectedInTicks()) + ")",
        problems.isEmpty() ? "" : "; " + problems);
  }
}
