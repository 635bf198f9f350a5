package dev.runnel.testdriver.jobs;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;

/** Views per page and minute of event time: a keyed tumbling window; views too late for their minute to a sink. */
@StreamingJob("pageminutes")
public class PageMinutes {
  /** A page view at {@code at}, epoch milliseconds. */
  @Source(stream = "views-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT5S", idleAfter = "PT1M")
  @KeyBy("page")
  public record View(String page, String user, long at) {}

  /** A page's views in the minute starting at {@code minute}. */
  public record MinuteCount(String id, String page, long minute, long views) {}

  /** Counts each page's views per minute. */
  @Window(from = "views-in", size = "PT1M", late = "late")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @Sink(name = "counts", console = true)
  @Sink(table = "minute-counts", key = "id")
  public MinuteCount perMinute(Windowed<Long> window) {
    return new MinuteCount(window.key() + "@" + window.start(), window.key(), window.start(), window.value());
  }

  /** Views later than their minute. */
  @dev.runnel.api.MapEach(from = "late")
  @Sink(name = "late-views", console = true)
  public View tooLate(View view) {
    return view;
  }
}
