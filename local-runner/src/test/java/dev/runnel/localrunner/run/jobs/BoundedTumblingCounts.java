package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;

/**
 * {@link TumblingCounts} with a bound on out-of-orderness of an hour: for an input spanning a minute, the source's
 * watermark never passes an event, so no window can fire before the end of input is declared.
 */
@StreamingJob("tumble-eoi")
public class BoundedTumblingCounts {
  /** An event of a key at an epoch-millisecond time. */
  @Source(stream = "te-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT1H")
  public record Event(String k, long at) {}

  /** The event, keyed. */
  public record Keyed(String k, long at) {}

  /** One window's count for one key; {@code id} is key@start. */
  public record Count(String id, String k, long start, long end, long count) {}

  /** Keys the events. */
  @MapEach(from = "te-in")
  @KeyBy("k")
  public Keyed key(Event event) {
    return new Keyed(event.k(), event.at());
  }

  /** One result per key and window. */
  @Window(from = "key", size = "PT10S")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @Sink(table = "te-counts", key = "id")
  public Count count(Windowed<Long> window) {
    return new Count(window.key() + "@" + window.start(), window.key(), window.start(), window.end(), window.value());
  }
}
