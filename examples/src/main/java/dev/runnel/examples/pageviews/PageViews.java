package dev.runnel.examples.pageviews;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import java.time.Instant;

/**
 * Page views per page and minute of event time. Views may arrive up to 10 seconds out of order; a minute's count is
 * written when the watermark passes the minute's end, and corrected if a view arrives up to 30 seconds after that.
 * Views later than that are not dropped: they are written to their own table.
 *
 * <pre>
 * pageviews-in ═(key: page)═▶ perMinute [1-minute windows] ─▶ pageviews-per-minute (table), console
 *                                      └─ late ─▶ tooLate ─▶ pageviews-late (table)
 * </pre>
 */
@StreamingJob("pageviews")
public class PageViews {

  /** One view of a page; {@code at} is when it happened, epoch milliseconds. */
  @Source(stream = "pageviews-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT10S", idleAfter = "PT30S")
  @KeyBy("page")
  public record PageView(String id, String user, String page, long at) {}

  /**
   * A page's views in one minute.
   *
   * @param id     page and minute, e.g. {@code /pricing@2025-11-21T04:41:00Z}
   * @param minute the minute's start
   * @param firing 0 for the count when the minute closed, then 1, 2, ... for corrections by late views
   */
  public record MinuteViews(String id, String page, String minute, long views, int firing) {}

  /** Counts each page's views per minute. */
  @Window(from = "pageviews-in", size = "PT1M", lateness = "PT30S", late = "late")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @Sink(table = "pageviews-per-minute", key = "id")
  @Sink(name = "pageviews-console", console = true)
  public MinuteViews perMinute(Windowed<Long> window) {
    String minute = Instant.ofEpochMilli(window.start()).toString();
    return new MinuteViews(window.key() + "@" + minute, window.key(), minute, window.value(), window.firing());
  }

  /** Views that arrived after their minute's allowed lateness, kept as they came. */
  @MapEach(from = "late")
  @Sink(table = "pageviews-late", key = "id")
  public PageView tooLate(PageView view) {
    return view;
  }
}
