package dev.runnel.faults;

import dev.runnel.faults.process.ProcessFaultPlan;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.SinkDiff;
import dev.runnel.plan.StateLayout;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
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
 * @param process      the real process faults of an isolated run (with what its processes reported), or null in
 *                     process
 * @param layout       where the job's keyed stages kept their state (docs/state-log.md)
 */
record SoakRun(String job, long seed, boolean right, long records, long deadLettered, double seconds,
    FaultReport report, String problems, ProcessFaultPlan process, StateLayout layout) {

  /** A run in the per-key layout. */
  SoakRun(String job, long seed, boolean right, long records, long deadLettered, double seconds, FaultReport report,
      String problems, ProcessFaultPlan process) {
    this(job, seed, right, records, deadLettered, seconds, report, problems, process, StateLayout.KEYS);
  }

  /** The same run, its job planned in {@code stateLayout}. */
  SoakRun inLayout(StateLayout stateLayout) {
    return new SoakRun(job, seed, right, records, deadLettered, seconds, report, problems, process, stateLayout);
  }

  /** A run in process, in the per-key layout. */
  SoakRun(String job, long seed, boolean right, long records, long deadLettered, double seconds, FaultReport report,
      String problems) {
    this(job, seed, right, records, deadLettered, seconds, report, problems, null);
  }

  /** A run judged by its report alone. */
  static SoakRun of(String job, long seed, long records, double seconds, FaultReport report) {
    return new SoakRun(job, seed, report.exactlyOnce(), records, deadLetters(report), seconds, report, "");
  }

  /**
   * A run that threw (it did not go quiet, an emulator failed): wrong, with the error as its problem and an empty
   * report, so the soak goes on with the next run and the tally counts it.
   */
  static SoakRun failed(String job, long seed, long records, double seconds, RuntimeException error) {
    return failed(job, seed, records, seconds, error, FaultPlan.random(seed), null);
  }

  /** As above, for a run with {@code faults} (and, isolated, {@code process}; else null). */
  static SoakRun failed(String job, long seed, long records, double seconds, RuntimeException error,
      FaultPlan faults, ProcessFaultPlan process) {
    FaultReport empty = new FaultReport(faults, Map.of(), Map.of(), List.of(), List.of(), 0, 0,
        Duration.ofMillis((long) (seconds * 1000)));
    return new SoakRun(job, seed, false, records, 0, seconds, empty, "the run failed: " + error, process);
  }

  /** Dead letters of the faulty run, as the report's comparison counted them. */
  static long deadLetters(FaultReport report) {
    return report.sinks().stream().filter(s -> s.kind().equals("dead-letters")).mapToLong(SinkDiff::actual).sum();
  }

  /**
   * One line: the verdict, the seed, the job and its state layout, records, lost, duplicated, dead-lettered, seconds and the faults by kind (and,
   * isolated, the process faults: what the processes did, then the plan they followed).
   */
  String line() {
    Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
    injected.putAll(report.injected());
    return String.format(java.util.Locale.ROOT,
        "%s seed %d %s, layout %s: %d records, lost %d, duplicated %d, discarded %d, dead-lettered %d, %.1f s; %d faults %s%s%s%s",
        right ? "RIGHT" : "WRONG", seed, job, layout.name().toLowerCase(java.util.Locale.ROOT), records, report.lost(), report.duplicated(), report.discardedRecords(),
        deadLettered, seconds, report.totalInjected(), injected,
        report.injectedInTicks().isEmpty() ? "" : " (in ticks " + new TreeMap<>(report.injectedInTicks()) + ")",
        process == null ? "" : "; processes " + process.counts() + " [" + process.describe() + "]",
        problems.isEmpty() ? "" : "; " + problems);
  }
}
