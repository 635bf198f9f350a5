package dev.runnel.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.runnel.plan.StateLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a soak as it goes: each run's line as it finishes, a running tally every few seeds, and the final tally
 * with every {@link FaultKind} counted (zeros included), per job, per state layout and overall. Every line also goes to
 * {@code target/soak/<name>.log}, and the tally so far is rewritten to {@code target/soak/<name>-tally.txt} after
 * every run, so a soak cut short (Ctrl-C stops Maven before it relays the test's last output) still reports.
 */
final class SoakTally {
  private final String name;
  private final SoakSettings settings;
  private final long started = System.nanoTime();
  private final Map<String, Totals> perJob = new LinkedHashMap<>();
  private final Map<StateLayout, Totals> perLayout = new EnumMap<>(StateLayout.class);
  private final Totals all = new Totals();
  private final List<String> wrong = new ArrayList<>();
  private final Path log;
  private final Path tallyFile;
  private int seedsDone;

  /** Starts the soak {@code name}: prints what it will run, to the console and to a new log file. */
  SoakTally(String name, SoakSettings settings) {
    this.name = name;
    this.settings = settings;
    Path directory = Path.of("target", "soak");
    this.log = directory.resolve(name + ".log");
    this.tallyFile = directory.resolve(name + "-tally.txt");
    try {
      Files.createDirectories(directory);
      Files.deleteIfExists(log);
      Files.deleteIfExists(tallyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + directory.toAbsolutePath(), e);
    }
    print("soak: " + settings + "; lines also in " + log.toAbsolutePath());
  }

  /** Prints {@code run}'s line and counts it. */
  synchronized void add(SoakRun run) {
    print(run.line());
    perJob.computeIfAbsent(run.job(), j -> new Totals()).add(run);
    perLayout.computeIfAbsent(run.layout(), l -> new Totals()).add(run);
    all.add(run);
    if (!run.right()) {
      wrong.add(run.job() + " seed " + run.seed() + " layout " + run.layout().name().toLowerCase(Locale.ROOT)
          + (run.problems().isEmpty() ? "" : ": " + run.problems()) + "\n"
          + run.report());
    }
    write(tallyFile, String.join("\n", tally("so far, " + seedsDone + " of " + settings.runs() + " seeds done"))
        + "\n", false);
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
    printTally("final, " + seedsDone + " seeds");
    return List.copyOf(wrong);
  }

  private void printTally(String when) {
    List<String> lines = tally(when);
    lines.forEach(this::print);
    write(tallyFile, String.join("\n", lines) + "\n", false);
  }

  private List<String> tally(String when) {
    double seconds = (System.nanoTime() - started) / 1e9;
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "tally %s in %.0f s (%.1f s per seed): %s", when, seconds,
        seedsDone == 0 ? 0.0 : seconds / seedsDone, all.summary()));
    perJob.forEach((job, totals) -> lines.add("  " + job + ": " + totals.summary()));
    perLayout.forEach((layout, totals) -> lines.add("  layout " + layout.name().toLowerCase(Locale.ROOT) + ": "
        + totals.summary()));
    lines.add("  faults by kind: " + all.kinds(settings.mode()));
    if (!wrong.isEmpty()) {
      lines.add("  wrong: " + wrong.stream().map(w -> w.substring(0, w.indexOf('\n'))).toList());
    }
    return lines;
  }

  private void print(String line) {
    String text = "[soak " + name + "] " + line;
    System.out.println(text);
    System.out.flush();
    write(log, text + "\n", true);
  }

  private static void write(Path file, String text, boolean append) {
    try {
      if (append) {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } else {
        Files.writeString(file, text);
      }
    } catch (IOException e) {
      System.out.println("[soak] cannot write " + file.toAbsolutePath() + ": " + e);
    }
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
    private long killed;
    private long stopped;
    private long resumed;
    private long fenced;

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
      if (run.process() != null) {
        killed += run.process().counts().killed();
        stopped += run.process().counts().stopped();
        resumed += run.process().counts().resumed();
        fenced += run.process().counts().fenced();
      }
    }

    String summary() {
      return String.format(Locale.ROOT, "%d runs (%d wrong), %d records, lost %d, duplicated %d, discarded %d, "
              + "dead-lettered %d, %d faults, %.1f s per run", runs, wrongRuns, records, lost, duplicated, discarded,
          deadLettered, injected.values().stream().mapToLong(Long::longValue).sum() + killed + stopped,
          runs == 0 ? 0.0 : seconds / runs);
    }

    /**
     * Every kind with its count (in ticks in parentheses), zeros included; isolated, the kinds injected from the
     * runner's side (the others act inside a function's JVM and are not injected), then the process faults: processes
     * killed and stopped, stopped ones resumed, and resumed ones whose writes were refused (fenced).
     */
    String kinds(SoakMode mode) {
      StringBuilder text = new StringBuilder();
      for (FaultKind kind : FaultKind.values()) {
        if (mode == SoakMode.ISOLATED && !kind.runnerSide()) {
          continue;
        }
        text.append(text.length() == 0 ? "" : ", ").append(kind).append('=').append(injected.getOrDefault(kind, 0L));
        if (inTicks.containsKey(kind)) {
          text.append(" (").append(inTicks.get(kind)).append(" in ticks)");
        }
      }
      if (mode == SoakMode.ISOLATED) {
        text.append(", KILLED=").append(killed).append(", STOPPED=").append(stopped).append(", RESUMED=")
            .append(resumed).append(", FENCED=").append(fenced);
      }
      return text.toString();
    }
  }
}
