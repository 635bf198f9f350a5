package dev.runnel.examples.clicks;

import dev.runnel.api.KeyBy;
import dev.runnel.api.MapState;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;

/**
 * Per-user click counts, exactly once: each click updates its user's count and page tally, and the user's current
 * totals are written to a table.
 *
 * <pre>
 * clicks-in ═(key: user)═▶ count [clicks, pages] ─▶ clicks-per-user (table), console
 * </pre>
 */
@StreamingJob("clicks")
public class ClickCounts {

  /** A page view. */
  @Source(stream = "clicks-in", shards = 2)
  @KeyBy("user")
  public record Click(String user, String page, long at) {}

  /** A user's totals after a click. */
  public record UserClicks(String user, long clicks, int distinctPages, String topPage) {}

  /** Counts the user's clicks and clicks per page. */
  @KeyedProcess(from = "clicks-in")
  @Sink(table = "clicks-per-user", key = "user")
  @Sink(name = "clicks-console", console = true)
  public UserClicks count(Click click, @State(value = "clicks", ttl = "P30D") ValueState<Long> clicks,
      @State(value = "pages", ttl = "P30D") MapState<String, Long> pages) {
    long total = clicks.valueOr(0L) + 1;
    clicks.update(total);
    Long onPage = pages.get(click.page());
    pages.put(click.page(), onPage == null ? 1 : onPage + 1);
    String top = pages.entries().entrySet().stream()
        .max(java.util.Map.Entry.<String, Long>comparingByValue().thenComparing(java.util.Map.Entry.comparingByKey()))
        .map(java.util.Map.Entry::getKey).orElseThrow();
    return new UserClicks(click.user(), total, pages.entries().size(), top);
  }
}
