package dev.runnel.inference.ratelimit;

/**
 * A {@link RateLimiter} that tries to take from a bucket and, when not enough is there, sleeps until enough will
 * have refilled (at most 1 s at a time, so a bucket shared with others is looked at again) and tries again.
 */
abstract class WaitingLimiter implements RateLimiter {
  /** The longest single sleep before looking at the bucket again. */
  static final long MAX_SLEEP_MILLIS = 1000;

  private final Sleeper sleeper;

  WaitingLimiter(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  @Override
  public final void acquire(int requests, long tokens) throws InterruptedException {
    if (requests < 0 || tokens < 0) {
      throw new IllegalArgumentException("cannot acquire " + requests + " requests and " + tokens + " tokens");
    }
    if (requests == 0 && tokens == 0) {
      return;
    }
    while (true) {
      long wait = tryTake(requests, tokens);
      if (wait == 0) {
        return;
      }
      sleeper.sleep(Math.min(wait, MAX_SLEEP_MILLIS));
    }
  }

  /** Takes the requests and tokens and returns 0, or returns how many milliseconds until enough will be there. */
  abstract long tryTake(int requests, long tokens) throws InterruptedException;
}
