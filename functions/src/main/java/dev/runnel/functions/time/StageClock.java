package dev.runnel.functions.time;

import dev.runnel.statestore.timers.TimerEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The times the operators of one stage see while a batch or a firing round runs, and the timer index entries they
 * register. All times are deterministic: the committed watermark, the record's event and arrival time, or the
 * pinned round's times, never the wall clock. One per stage, used by one batch at a time.
 */
public final class StageClock {
  /** No time: a record without event time, or a watermark before any event. */
  public static final long NONE = Long.MIN_VALUE;

  private long watermark = NONE;
  private long judgingWatermark = NONE;
  private long processingTime = NONE;
  private long committedProcessingTime = NONE;
  private long recordTime = NONE;
  private String key;
  private final List<TimerEntry> registered = new ArrayList<>();

  /** The longest key the timer index holds: DynamoDB's 1,024-byte sort key less 20 digits of time and a '|'. */
  public static final int MAX_TIMER_KEY_BYTES = 1024 - 21;

  /**
   * Sets the committed watermark and processing time a batch or round runs at (a round's: the pinned ones); a record
   * then sets its own processing time, its arrival time ({@link #current}).
   */
  public void runAt(long watermark, long processingTime) {
    this.watermark = watermark;
    this.judgingWatermark = watermark;
    this.processingTime = processingTime;
    this.committedProcessingTime = processingTime;
  }

  /**
   * The processing time the batch or round runs at: processing-time windows ending at or before it have fired, so a
   * record arriving earlier joins a later window. NONE when the stage follows no processing time.
   */
  public long committedProcessingTime() {
    return committedProcessingTime;
  }

  /**
   * Sets the watermark the current record is judged late against: the committed one, or higher when markers read
   * before the record announce more (never lower).
   */
  public void judgeAt(long watermark) {
    this.judgingWatermark = Math.max(this.watermark, watermark);
  }

  /** Sets the current record's (or fired timer's) key, event time and processing time. */
  public void current(String key, long recordTime, long processingTime) {
    this.key = key;
    this.recordTime = recordTime;
    this.processingTime = processingTime;
  }

  /** The committed watermark: windows ending at or before it have fired. */
  public long watermark() {
    return watermark;
  }

  /** The watermark the current record is judged late against: at least {@link #watermark()}. */
  public long judgingWatermark() {
    return judgingWatermark;
  }

  /** The current processing time. */
  public long processingTime() {
    return processingTime;
  }

  /** The current record's event time, or the fired timer's time. */
  public long recordTime() {
    return recordTime;
  }

  /** The current key. */
  public String key() {
    return key;
  }

  /**
   * Notes that the current key has something due at {@code time} on {@code domain}, for the timer index. A time that
   * has already passed is indexed just after the current round's time, so it fires in the next round and a late
   * cleanup of this round's entries can never remove it.
   */
  public void register(TimerEntry.Domain domain, long time) {
    requireIndexable(key);
    long passed = domain == TimerEntry.Domain.EVENT_TIME ? watermark : processingTime;
    long indexed = passed != NONE && time <= passed ? (passed == Long.MAX_VALUE ? passed : passed + 1) : time;
    registered.add(new TimerEntry(domain, indexed, key));
  }

  /**
   * Fails the record (not the batch's commit) when its key cannot be in the timer index: the index's sort key is 20
   * digits of time, '|' and the key, within DynamoDB's 1,024 bytes.
   */
  private static void requireIndexable(String key) {
    if (key != null && key.length() > MAX_TIMER_KEY_BYTES / 3) { // at most 3 UTF-8 bytes per char: shorter fits
      int bytes = key.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_TIMER_KEY_BYTES) {
        throw new IllegalArgumentException("the key is " + bytes + " bytes in UTF-8 (" + key.length()
            + " characters); a key with timers or windows is at most " + MAX_TIMER_KEY_BYTES + " bytes, to fit "
            + "the timer index's DynamoDB sort key: key by a shorter field, or by a hash of this one");
      }
    }
  }

  /** The index entries registered since the last call, which are then forgotten. */
  public List<TimerEntry> drainRegistered() {
    List<TimerEntry> drained = List.copyOf(registered);
    registered.clear();
    return drained;
  }

  /** Forgets the entries registered by a record that failed. */
  public void forgetRegisteredAfter(int count) {
    while (registered.size() > count) {
      registered.remove(registered.size() - 1);
    }
  }

  /** How many entries are registered so far. */
  public int registeredCount() {
    return registered.size();
  }
}
