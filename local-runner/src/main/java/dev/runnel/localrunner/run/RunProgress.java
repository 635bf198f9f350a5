package dev.runnel.localrunner.run;

import dev.runnel.functions.StageMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * While a local run goes: a progress line every {@link #EVERY} with the records fed so far and, per stage, the records
 * its functions received, wrote and dead-lettered, read from the same counters as the run summary. It goes to the
 * run's progress listener (the CLI prints it to standard error; tests that read the summary listen to nothing), and
 * says nothing in a run shorter than one period.
 */
final class RunProgress implements AutoCloseable {
  /** How often a line is written. */
  static final Duration EVERY = Duration.ofSeconds(5);

  private final LongSupplier fed;
  private final Map<String, Supplier<StageMetrics>> stages;
  private final Consumer<String> listener;
  private final Thread thread;
  private volatile boolean stopped;

  /**
   * Reports {@code fed} and the counters of {@code stages} (by stage id, in plan order) to {@code listener} every
   * {@code every}, from a daemon thread started at once.
   */
  RunProgress(LongSupplier fed, Map<String, Supplier<StageMetrics>> stages, Consumer<String> listener,
      Duration every) {
    this.fed = Objects.requireNonNull(fed, "fed");
    this.stages = new LinkedHashMap<>(stages);
    this.listener = Objects.requireNonNull(listener, "listener");
    this.thread = new Thread(() -> report(every.toMillis()), "runnel-run-progress");
    thread.setDaemon(true);
    thread.start();
  }

  private void report(long everyMillis) {
    try {
      while (!stopped) {
        Thread.sleep(everyMillis);
        if (!stopped) {
          listener.accept(line());
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /** The line: {@code progress: fed N; <stage> in X, written Y[, dead letters Z]; ...}. */
  String line() {
    StringBuilder line = new StringBuilder("progress: fed ").append(fed.getAsLong());
    stages.forEach((stage, counters) -> {
      StageMetrics now = counters.get();
      line.append("; ").append(stage).append(" in ").append(now.recordsIn()).append(", written ")
          .append(now.totalOut());
      if (now.deadLettered() > 0) {
        line.append(", dead letters ").append(now.deadLettered());
      }
    });
    return line.toString();
  }

  /** Stops the lines. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
