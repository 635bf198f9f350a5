package dev.runnel.locallambda;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Real process faults, for the fault-injection harness: variables given to each new execution environment (a
 * commit observer in the function's process reads them and kills or freezes its own process at chosen commit steps),
 * and what happens to a process that froze itself ({@code SIGSTOP}) and outlived its timeout. Lambda kills a
 * timed-out environment; to produce a real zombie, such a process is instead left frozen while the retry runs in a
 * new process, then resumed ({@code SIGCONT}) to try its writes, seconds late. {@link #NONE} in ordinary runs.
 */
public interface ProcessFaults {
  /** No faults: every timed-out process is killed. */
  ProcessFaults NONE = new ProcessFaults() {
    @Override
    public Map<String, String> environment(String functionName, int environment, int failureStreak) {
      return Map.of();
    }

    @Override
    public void observed(String functionName, String line) {
    }

    @Override
    public Optional<Duration> resumeFrozenAfter() {
      return Optional.empty();
    }
  };

  /** The prefix of the lines a process prints about a fault it injects into itself. */
  String LINE_PREFIX = "RUNNEL_FAULT ";

  /**
   * Variables for the {@code environment}-th process (from 0) of a function instance, started after
   * {@code failureStreak} failed invocations in a row.
   */
  Map<String, String> environment(String functionName, int environment, int failureStreak);

  /** Told of every line starting with {@link #LINE_PREFIX} a process of {@code functionName} prints. */
  void observed(String functionName, String line);

  /**
   * How long at least a process that stopped itself and outlived its timeout stays frozen: it is resumed once a new
   * process of its function instance answered three invocations (the retry, and later batches) and this time has
   * passed, or when the run ends (which waits for it); empty to kill it at its timeout, as Lambda does.
   */
  Optional<Duration> resumeFrozenAfter();

  /**
   * True to keep a frozen process frozen until the run ends, after every later batch was committed (its writes then
   * come last of all); false to resume it as {@link #resumeFrozenAfter()} says.
   */
  default boolean resumeFrozenAtRunEnd() {
    return false;
  }
}
