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

/** Counts each key's events per 10-second tumbling window of event time. */
@StreamingJob("tumble")
public class TumblingCounts {
  /** An event of a key at an epoch-millisecond time. */
  @Source(stream = "t-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT1S")
  public record Event(String k, long at) {}

  /** The event, keyed. */
  public record Keyed(String k, long at) {}

  /** One window's count for one key; {@code id} is key@start. */
  public record Count(String id, String k, long start, long end, long count) {}

  /** Keys the events. */
  @MapEach(from = "t-in")
  @KeyBy("k")
  public Keyed key(Event event) {
    return new Keyed(event.k(), event.at());
  }

  /** One result per key and window. */
  @Window(from = "key", size = "PT10S")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @Sink(table = "t-counts", key = "id")
  public Count count(Windowed<Long> window) {
    return new Count(window.key() + "@" + window.start(), window.key(), window.start(), window.end(), window.value());
  }
}
