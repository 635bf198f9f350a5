package dev.runnel.emulators;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process and everything it spawned, stopped politely first and forcibly after a grace period. */
final class ChildProcessTree {
  private final Process process;

  ChildProcessTree(Process process) {
    this.process = process;
  }

  /** The child's process id. */
  long pid() {
    return process.pid();
  }

  /** True while the child runs. */
  boolean alive() {
    return process.isAlive();
  }

  /** Sends SIGTERM to the child and its descendants, waits up to {@code grace}, then kills what is left. */
  void stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    process.destroy();
    boolean exited = waitFor(grace);
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
