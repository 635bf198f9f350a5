package dev.runnel.emulators;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process and everything it spawned, stopped politely first and forcibly after a grace period. */
final class ChildProcessTree {
  private final Process process;
  private final Duration grace;

  /** The tree of {@code process}, stopped with {@code grace} between SIGTERM and SIGKILL. */
  ChildProcessTree(Process process, Duration grace) {
    this.process = process;
    this.grace = grace;
  }

  /** The child's process id. */
  long pid() {
    return process.pid();
  }

  /** True while the child runs. */
  boolean alive() {
    return process.isAlive();
  }

  /** Sends SIGTERM to the child and its descendants, waits up to the grace period, then kills what is left. */
  void stop() {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    process.destroy();
    boolean exited = waitFor(grace) && descendants.stream().allMatch(d -> awaitExit(d, grace));
    if (!exited) {
      process.destroyForcibly();
    }
    for (ProcessHandle descendant : descendants) {
      if (descendant.isAlive()) {
        descendant.destroyForcibly();
      }
    }
    if (!exited) {
      waitFor(Duration.ofSeconds(5));
      descendants.forEach(descendant -> awaitExit(descendant, Duration.ofSeconds(5)));
    }
  }

  private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
