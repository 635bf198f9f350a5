package dev.runnel.testdriver.jobs;

import dev.runnel.api.Filter;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;

/**
 * Clicks from the web and from the app, one record type on two streams, read as one: a union drops bot clicks and
 * keys the rest by user, and each user's clicks are counted across both streams. Another union, of two filters of
 * the web stream in one stage, prints each web click on the home or the cart page.
 */
@StreamingJob("clickunion")
public class ClickUnion {
  /** A click, on either stream. */
  @Source(stream = "web-clicks", shards = 2)
  @Source(stream = "app-clicks")
  public record Click(String user, String page, boolean bot) {}

  /** A user's clicks so far, over both streams. */
  public record UserClicks(String user, long clicks) {}

  /** A web click worth a look. */
  public record Visit(String user, String page) {}

  /** Keeps people's clicks, from both streams. */
  @Filter(from = {"web-clicks", "app-clicks"})
  @KeyBy("user")
  public boolean human(Click click) {
    return !click.bot();
  }

  /** Counts a user's clicks. */
  @KeyedProcess(from = "human")
  @Sink(name = "user-clicks", console = true)
  public UserClicks count(Click click, @State("clicks") ValueState<Long> clicks) {
    clicks.update(clicks.valueOr(0L) + 1);
    return new UserClicks(click.user(), clicks.value());
  }

  /** Web clicks on the home page. */
  @Filter(from = "web-clicks")
  public boolean home(Click click) {
    return click.page().equals("/home");
  }

  /** Web clicks on the cart page. */
  @Filter(from = "web-clicks")
  public boolean cart(Click click) {
    return click.page().equals("/cart");
  }

  /** Each home or cart click, once. */
  @MapEach(from = {"home", "cart"})
  @Sink(name = "visits", console = true)
  public Visit visit(Click click) {
    return new Visit(click.user(), click.page());
  }
}
