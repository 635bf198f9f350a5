package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import java.util.List;

/** Processing-time windows without event time: each page's clicks per second of processing time, as a list. */
@StreamingJob("clocked")
public class ClockedClicks {
  /** A click on a page; {@code n} numbers the clicks of the input. */
  @Source(stream = "cc-in", shards = 2)
  public record Click(String page, int n) {}

  /** One window of a page; {@code id} is page@start. */
  public record Second(String id, String page, long start, List<Integer> clicks) {}

  /** Keys the clicks by page. */
  @MapEach(from = "cc-in")
  @KeyBy("page")
  public Click keyed(Click click) {
    return click;
  }

  /** Each page's clicks per second of processing time. */
  @Window(from = "keyed", size = "PT1S", time = Window.Time.PROCESSING)
  @Sink(table = "cc-seconds", key = "id")
  public Second perSecond(Windowed<List<Click>> window) {
    return new Second(window.key() + "@" + window.start(), window.key(), window.start(),
        window.value().stream().map(Click::n).toList());
  }
}
