package dev.runnel.testdriver.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.MapState;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;

/**
 * Per-user click totals and clicks per page, in value and map state; each click's running totals to sinks. A click on
 * {@link #CRASHING} throws an {@link InternalError}, an unknown failure: the batch fails, Lambda delivers it again.
 */
@StreamingJob("clicktotals")
public class ClickTotals {
  /** The page whose clicks crash the operator. */
  public static final String CRASHING = "/crash";

  /** A click. */
  @Source(stream = "clicks-in", shards = 2)
  @KeyBy("user")
  public record Click(String user, String page) {}

  /** A user's totals after a click. */
  public record Totals(String user, long clicks, int pages) {}

  /** Counts the user's clicks and clicks per page. */
  @KeyedProcess(from = "clicks-in")
  @Sink(name = "totals", console = true)
  @Sink(table = "user-totals", key = "user")
  public Totals count(Click click, @State("clicks") ValueState<Long> clicks,
      @State("pages") MapState<String, Long> pages) {
    if (click.page().equals(CRASHING)) {
      throw new InternalError("the operator crashed");
    }
    clicks.update(clicks.valueOr(0L) + 1);
    Long onPage = pages.get(click.page());
    pages.put(click.page(), onPage == null ? 1 : onPage + 1);
    return new Totals(click.user(), clicks.value(), pages.entries().size());
  }
}
