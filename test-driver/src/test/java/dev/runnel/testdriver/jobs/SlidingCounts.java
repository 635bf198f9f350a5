package dev.runnel.testdriver.jobs;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;

/** Records per key in ten-minute windows sliding every minute (windows kept as one-minute panes). */
@StreamingJob("sliding")
public class SlidingCounts {
  /** A record of key {@code key} at {@code at}. */
  @Source(stream = "events-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT10S", idleAfter = "PT30S")
  @KeyBy("key")
  public record Event(String key, long at) {}

  /** A key's records in the window ending at {@code end}. */
  public record WindowCount(String key, long end, long count) {}

  /** Counts a key's records per window. */
  @Window(from = "events-in", size = "PT10M", slide = "PT1M", late = "late")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @Sink(name = "counts", console = true)
  public WindowCount count(Windowed<Long> window) {
    return new WindowCount(window.key(), window.end(), window.value());
  }

  /** Records too late for every window. */
  @dev.runnel.api.MapEach(from = "late")
  @Sink(name = "late-events", console = true)
  public Event lateCopy(Event event) {
    return event;
  }
}
