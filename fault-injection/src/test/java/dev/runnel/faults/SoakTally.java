package dev.runnel.faults;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a soak as it goes: each run's line as it finishes, a running tally every few seeds, and the final tally
 * with every {@link FaultKind} counted (zeros included), per job and overall. If the JVM is stopped mid-soak (Ctrl-C,
 * a killed fork), a shutdown hook prints the tally so far, so a cut-short soak still reports.
 */
final class SoakTally {
  private final String name;
  private final SoakSettings settings;
  private final long started = System.nanoTime();
  private final Map<String, Totals> perJob = new LinkedHashMap<>();
  private final Totals all = new Totals();
  private final List<String> wrong = new ArrayList<>();
  private final Thread hook;
  private int seedsDone;
  private boolean finished;

  /** Starts the soak {@code name}: prints what it will run and arms the shutdown hook. */
  SoakTally(String name, SoakSettings settings) {
    this.name = name;
    this.settings = settings;
    print("soak: " + settings);
    hook = new Thread(() -> {
      synchronized (this) {
        if (!finished) {
          print("cut short after " + seedsDone + " of " + settings.runs() + " seeds");
          printTally("tally so far");
        }
      }
    }, "soak-tally");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Prints {@code run}'s line and counts it. */
  synchronized void add(SoakRun run) {
    print(run.line());
    perJob.computeIfAbsent(run.job(), j -> new Totals()).add(run);
    all.add(run);
    if (!run.right()) {
      wrong.add(run.job() + " seed " + run.seed() + (run.problems().isEmpty() ? "" : ": " + run.problems()) + "\n"
          + run.report());
    }
  }

  /** Marks the end of a seed; prints the running tally every {@code tallyEvery} seeds but the last. */
  synchronized void seedDone() {
    seedsDone++;
    if (seedsDone % settings.tallyEvery() == 0 && seedsDone < settings.runs()) {
      printTally("after " + seedsDone + " of " + settings.runs() + " seeds");
    }
  }

  /** Prints the final tally and returns the wrong runs, with their reports (empty when all were right). */
  synchronized List<String> finish() {
    finished = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs, but finished is set, so it prints nothing
    }
    printTally("final, " + seedsDone + " seeds");
    return List.copyOf(wrong);
  }

  private void printTally(String when) {
    double seconds = (System.nanoTime() - started) / 1e9;
    print(String.format(Locale.ROOT, "tally %s in %.0f s (%.1f s per seed): %s", when, seconds,
        seedsDone == 0 ? 0.0 : seconds / seedsDone, all.summary()));
    perJob.forEach((job, totals) -> print("  " + job + ": " + totals.summary()));
    print("  faults by kind: " + all.kinds());
    if (!wrong.isEmpty()) {
      print("  wrong: " + wrong.stream().map(w -> w.substring(0, w.indexOf('\n'))).toList());
    }
  }

  private void print(String line) {
    System.out.println("[soak " + name + "] " + line);
    System.out.flush();
  }

  /** Sums over runs. */
  private static final class Totals {
    private int runs;
    private int wrongRuns;
    private long records;
    private long lost;
    private long duplicated;
    private long discarded;
    private long deadLettered;
    private double seconds;
    private final Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
    private final Map<FaultKind, Long> inTicks = new EnumMap<>(FaultKind.class);

    void add(SoakRun run) {
      runs++;
      wrongRuns += run.right() ? 0 : 1;
      records += run.records();
      lost += run.report().lost();
      duplicated += run.report().duplicated();
      discarded += run.report().discardedRecords();
      deadLettered += run.deadLettered();
      seconds += run.seconds();
      run.report().injected().forEach((kind, n) -> injected.merge(kind, n, Long::sum));
      run.report().injectedInTicks().forEach((kind, n) -> inTicks.merge(kind, n, Long::sum));
    }

    String summary() {
      return String.format(Locale.ROOT, "%d runs (%d wrong), %d records, lost %d, duplicated %d, discarded %d, "
              + "dead-lettered %d, %d faults, %.1f s per run", runs, wrongRuns, records, lost, duplicated, discarded,
          deadLettered, injected.values().stream().mapToLong(Long::longValue).sum(),
          runs == 0 ? 0.0 : seconds / runs);
    }

    /** Every kind with its count (in ticks in parentheses), zeros included. */
    String kinds() {
      StringBuilder text = new StringBuilder();
      for (FaultKind kind : FaultKind.values()) {
        text.append(text.length() == 0 ? "" : ", ").append(kind).append('=').append(injected.getOrDefault(kind, 0L));
        if (inTicks.containsKey(kind)) {
          text.append(" (").append(inTicks.get(kind)).append(" in ticks)");
        }
      }
      return text.toString();
    }
  }
}
