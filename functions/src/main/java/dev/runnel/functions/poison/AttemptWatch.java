package dev.runnel.functions.poison;

import dev.runnel.functions.batch.InputRecord;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A watchdog over one attempt: shortly before the invocation's deadline it runs a task (which records what was being
 * tried as failing), so that a record that hangs the function counts like one that throws. Lambda ends a timed-out
 * invocation without running any code of the function, so this is the last moment to leave a trace.
 */
public final class AttemptWatch {
  /** How long before the deadline the task runs: time for one read and one conditional write. */
  public static final long MARGIN_MILLIS = 1_500;

  private static final class Timer {
    // one daemon thread for every watch of the process, started on the first deadline (not at class load: cold start)
    static final ScheduledExecutorService EXECUTOR = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "runnel-attempt-watch");
      thread.setDaemon(true);
      return thread;
    });
  }

  private volatile Tried tried;

  /** What is being tried now: records, and whether they are a part of a narrowing. */
  public record Tried(List<InputRecord> records, boolean narrowing) {
    public Tried {
      records = List.copyOf(records);
    }
  }

  /** A running watch; closing it cancels the task if it has not run. */
  @FunctionalInterface
  public interface Watching extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Starts watching: {@code onExpiry} runs {@link #MARGIN_MILLIS} before {@code deadlineEpochMillis} unless the watch
   * is closed first. No deadline (0), or one too close to leave the margin, watches nothing.
   */
  public Watching start(long deadlineEpochMillis, Runnable onExpiry) {
    tried = null;
    long delay = deadlineEpochMillis - MARGIN_MILLIS - System.currentTimeMillis();
    if (deadlineEpochMillis <= 0 || delay <= 0) {
      return () -> tried = null;
    }
    ScheduledFuture<?> task = Timer.EXECUTOR.schedule(onExpiry, delay, TimeUnit.MILLISECONDS);
    return () -> {
      task.cancel(false);
      tried = null;
    };
  }

  /** Notes the records now being tried. */
  public void trying(List<InputRecord> records, boolean narrowing) {
    tried = new Tried(records, narrowing);
  }

  /** The records being tried, or null. */
  public Tried tried() {
    return tried;
  }
}
