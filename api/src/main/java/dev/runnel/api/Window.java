package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event-time window over a keyed stream: {@code R name(Windowed<V> window)}, or
 * {@code R name(KeyedWindow<K, V> window)} for the key typed as the key-by field ({@link KeyedWindow}). Records of
 * each key are grouped into
 * windows by their event time; when the watermark passes a window's end, the method runs once with the window's
 * result and what it returns is emitted (as for {@link KeyedProcess}: {@code R}, {@code Optional<R>} or
 * {@code Iterable<R>}).
 *
 * <p>Set {@link #size()} alone for tumbling windows, {@link #size()} and {@link #slide()} for sliding windows, or
 * {@link #gap()} alone for session windows. With {@link Aggregate} on the method, {@code V} is the aggregate's
 * result and only the accumulator is stored; without it, {@code V} is {@code List<T>}, every record of the window in
 * arrival order (full-window processing). The source must declare {@link EventTime}.
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
}
