package dev.runnel.faults.inject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The zombie threads of one run, so the run can wait for them before its resources are torn down. */
public final class Zombies {
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  /** Starts {@code work} on a daemon thread named {@code name}. */
  void start(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /** Waits until every zombie has ended, at most {@code timeout}; returns how many are still running. */
  public int awaitAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      thread.join(left);
    }
    return (int) threads.stream().filter(Thread::isAlive).count();
  }
}
