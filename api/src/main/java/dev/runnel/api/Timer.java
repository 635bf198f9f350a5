package dev.runnel.api;

/**
 * A timer that fired, passed to an {@link OnTimer} method.
 *
 * @param key    the key, as a string
 * @param time   the time it was registered for, epoch milliseconds
 * @param domain event time or processing time
 */
public record Timer(String key, long time, Domain domain) {
  /** Which clock a timer follows. */
  public enum Domain {
    /** Fires when the watermark reaches the time. */
    EVENT_TIME,
    /** Fires at the first tick or batch whose processing time reaches the time. */
    PROCESSING_TIME
  }
}
