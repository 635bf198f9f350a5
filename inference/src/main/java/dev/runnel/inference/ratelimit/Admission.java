package dev.runnel.inference.ratelimit;

/**
 * The answer of a token bucket to one acquire: taken, with the state to store, or a wait.
 *
 * @param next       the bucket after taking (granted) or after refilling only (not granted)
 * @param waitMillis 0 when granted; otherwise how long until enough will have refilled
 */
record Admission(BucketState next, long waitMillis) {
  /** True when the requests and tokens were taken. */
  boolean granted() {
    return waitMillis == 0;
  }
}
