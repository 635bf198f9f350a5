package dev.runnel.statestore.timers;

import java.util.Objects;

/**
 * One entry of the timer index: key {@code key} of a stage has something due at {@code time} on one clock (a window
 * end or a timer). The key's state item is the truth; an entry is only a pointer to it.
 *
 * @param domain which clock the time follows
 * @param time   epoch milliseconds
 * @param key    the record key
 */
public record TimerEntry(Domain domain, long time, String key) {
  /** Which clock an entry follows. */
  public enum Domain {
    /** Due when the shard's watermark reaches the time. */
    EVENT_TIME,
    /** Due when the shard's processing time reaches the time. */
    PROCESSING_TIME
  }

  public TimerEntry {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(key, "key");
  }
}
