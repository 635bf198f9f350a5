package dev.runnel.inference.ratelimit;

/** How a bucket waits for refills: {@link Thread#sleep(long)}, or a fake clock's advance in tests. */
@FunctionalInterface
interface Sleeper {
  /** The real one. */
  Sleeper THREAD = Thread::sleep;

  /** Waits {@code millis}. */
  void sleep(long millis) throws InterruptedException;
}
