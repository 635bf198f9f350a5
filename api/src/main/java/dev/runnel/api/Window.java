package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A window over a keyed stream: {@code R name(Windowed<V> window)}, or
 * {@code R name(KeyedWindow<K, V> window)} for the key typed as the key-by field ({@link KeyedWindow}). Records of
 * each key are grouped into
 * windows by their event time; when the watermark passes a window's end, the method runs once with the window's
 * result and what it returns is emitted (as for {@link KeyedProcess}: {@code R}, {@code Optional<R>} or
 * {@code Iterable<R>}).
 *
 * <p>Set {@link #size()} alone for tumbling windows, {@link #size()} and {@link #slide()} for sliding windows, or
 * {@link #gap()} alone for session windows. With {@link Aggregate} on the method, {@code V} is the aggregate's
 * result and only the accumulator is stored; without it, {@code V} is {@code List<T>}, every record of the window in
 * arrival order (full-window processing). The source must declare {@link EventTime}, except for count windows
 * ({@link #count()}) and processing-time windows ({@link #time()}).
 *
 * <p>Set {@link #count()} instead for count windows: each key's records in arrival order, {@code count} to a window
 * ({@link #countSlide()} for overlapping ones); a window fires when its last record arrives, and {@code start} and
 * {@code end} of its {@link Windowed} are record numbers of the key (from 0, end exclusive).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Window {
  /** The node this window reads, as for {@link KeyedProcess#from()}: a keyed node. */
  String from() default "";

  /** Tumbling or sliding: the window length, an ISO-8601 duration ("PT1M"). Windows are aligned to the epoch. */
  String size() default "";

  /** Sliding: how often a new window starts ("PT10S"); must divide {@link #size()}. Empty: tumbling. */
  String slide() default "";

  /** Session: the inactivity gap that closes a key's session ("PT30M"). Exclusive with {@link #size()}. */
  String gap() default "";

  /**
   * Allowed lateness, an ISO-8601 duration: a record that arrives after its window fired, but before the watermark
   * passes the window's end plus this, updates the window and fires it again with the corrected result.
   */
  String lateness() default "PT0S";

  /**
   * The name of a node that receives records later than the allowed lateness, unchanged (type {@code T}); operators
   * read it with {@code from}, for example to sink it. Empty: such records go to the job's dead-letter table with
   * error type {@code LATE}. Late records are never dropped silently.
   */
  String late() default "";

  /**
   * Count windows: the number of records per window and key; a window fires when its last record arrives. A partial
   * window (fewer records at the end of the stream) never fires. 0: windows by time.
   */
  long count() default 0;

  /**
   * Count windows: a new window starts every this many records of the key (below {@link #count()}), so each record
   * is in up to count/countSlide windows. 0: tumbling count windows.
   */
  long countSlide() default 0;

  /**
   * Which clock tumbling, sliding and session windows follow: {@link Time#EVENT} (the watermark) or
   * {@link Time#PROCESSING} (the stage's processing time: a record belongs to the window holding its arrival time).
   */
  Time time() default Time.EVENT;

  /**
   * Early firings by processing time, an ISO-8601 duration ("PT10S"): a tumbling window that received records since
   * it last fired fires early at every multiple of this (of processing time) until its end passes ({@link
   * Windowed.Timing#EARLY}); the firing at the end follows as usual. Empty: none.
   */
  String earlyEvery() default "";

  /**
   * Early firings by count: a tumbling window fires early each time it received this many records since it last
   * fired, as the output of the record that completes the count. 0: none.
   */
  long earlyCount() default 0;

  /**
   * What a firing after the first one sees: {@link Firing#ACCUMULATING} every record of the window so far, or
   * {@link Firing#DISCARDING} only those since its previous firing (a window with nothing new then does not fire).
   */
  Firing firing() default Firing.ACCUMULATING;

  /** What a window's later firings see, as Flink's accumulating and purging triggers. */
  enum Firing {
    /** Every record of the window so far. */
    ACCUMULATING,
    /** Only the records since the window's previous firing, which are then discarded. */
    DISCARDING
  }

  /** The clock a time window follows. */
  enum Time {
    /** The records' event time: a window fires when the watermark passes its end. */
    EVENT,
    /**
     * Processing time: a record is placed by its arrival time (never into a window that already fired), and the
     * window fires when the stage's processing time passes its end, on a record or a tick; no lateness, nothing late.
     */
    PROCESSING
  }
}
