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

/** Counts each key's events per 10-second tumbling window of event time, with an early count every 3 events. */
@StreamingJob("early")
public class EarlyCounts {
  /** Events between early firings. */
  public static final int EARLY_COUNT = 3;

  /** An event of a key at an epoch-millisecond time. */
  @Source(stream = "e-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT1S")
  public record Event(String k, long at) {}

  /** The event, keyed. */
  public record Keyed(String k, long at) {}

  /** One firing of one key's window; {@code id} is key@start. */
  public record Firing(String id, long count, int firing, String timing) {}

  /** Keys the events. */
  @MapEach(from = "e-in")
  @KeyBy("k")
  public Keyed key(Event event) {
    return new Keyed(event.k(), event.at());
  }

  /** Every firing, early and on time. */
  @Window(from = "key", size = "PT10S", earlyCount = EARLY_COUNT)
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @Sink(name = "e-firings", console = true)
  public Firing count(Windowed<Long> window) {
    return new Firing(window.key() + "@" + window.start(), window.value(), window.firing(), window.timing().name());
  }
}
