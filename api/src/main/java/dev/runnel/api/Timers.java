package dev.runnel.api;

/**
 * Timers of the current key, as a parameter of a {@link KeyedProcess} or {@link OnTimer} method (Flink's
 * {@code TimerService}). When a timer fires, the job's {@link OnTimer} method for that operator runs with the key's
 * state. Timers are stored with the key's state and fire exactly once, also when no new records arrive.
 *
 * <p>Times are epoch milliseconds. "Now" is deterministic: the current record's event time or arrival time, never the
 * wall clock, so a replay registers the same timers.
 */
public interface Timers {
  /** The event time of the record being processed, or the time of the timer that fired. */
  long recordTime();

  /** The stage's watermark: every record at or before it has arrived (or is late). */
  long currentWatermark();

  /** Processing time: the current record's arrival time, or the time of the tick that fired the timer. */
  long currentProcessingTime();

  /** Registers an event-time timer that fires once the watermark reaches {@code time}; registering twice is one timer. */
  void registerEventTimeTimer(long time);

  /** Registers a processing-time timer that fires at the first tick or batch at or after {@code time}. */
  void registerProcessingTimeTimer(long time);

  /** Deletes an event-time timer; nothing happens if none is registered at {@code time}. */
  void deleteEventTimeTimer(long time);

  /** Deletes a processing-time timer; nothing happens if none is registered at {@code time}. */
  void deleteProcessingTimeTimer(long time);
}
