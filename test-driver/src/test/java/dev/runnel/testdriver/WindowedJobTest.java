package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.StateLayout;
import dev.runnel.testdriver.jobs.PageMinutes;
import dev.runnel.testdriver.jobs.PageMinutes.MinuteCount;
import dev.runnel.testdriver.jobs.PageMinutes.View;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A keyed tumbling window in the driver, in both state layouts: nothing fires before the watermark passes a minute's
 * end, then each page's count of that minute fires once, equal to the counts computed here from the input; end of
 * input fires the rest; a view behind the watermark goes to the late sink.
 */
class WindowedJobTest {
  /** An hour before processing time starts: event times may not run more than a day ahead of arrival. */
  private static final long START = JobTestDriver.DEFAULT_START.toEpochMilli() - 3_600_000;
  private static final String[] PAGES = {"/", "/docs", "/pricing", "/blog"};

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void eachMinuteFiresOnceWithTheReferenceCountsWhenTheWatermarkPassesIt(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(PageMinutes.class).stateLayout(layout).build();
    assertThat(driver.plan().stages().get(1).layout()).isEqualTo(layout);
    List<View> views = views(200, 3);
    driver.pipe("views-in", views);
    assertThat(driver.output("counts", MinuteCount.class)).as("the watermark trails the views by 5 s: the last minute"
        + " is open, the first two may fire only once both source shards passed them").allSatisfy(count ->
        assertThat(count.minute()).isLessThan(START + 2 * 60_000));

    driver.advanceWatermark(Instant.ofEpochMilli(START + 2 * 60_000));
    Map<String, MinuteCount> expected = reference(views);
    assertThat(driver.output("counts", MinuteCount.class)).containsExactlyInAnyOrderElementsOf(
        expected.values().stream().filter(c -> c.minute() < START + 2 * 60_000).toList());

    driver.endInput();
    assertThat(driver.output("counts", MinuteCount.class)).containsExactlyInAnyOrderElementsOf(expected.values());
    assertThat(driver.output("minute-counts", MinuteCount.class)).containsExactlyInAnyOrderElementsOf(
        expected.values());
    assertThat(driver.table("minute-counts", MinuteCount.class)).containsExactlyInAnyOrderElementsOf(
        expected.values());
    assertThat(driver.deadLetters()).isEmpty();
    assertThat(driver.output("late-views", View.class)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aViewBehindTheWatermarkGoesToTheLateSink(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(PageMinutes.class).stateLayout(layout).build();
    driver.pipe("views-in", new View("/", "ana", START + 1_000));
    driver.advanceWatermark(Instant.ofEpochMilli(START + 60_000));
    View late = new View("/", "ben", START + 2_000);
    driver.pipe("views-in", late, new View("/", "chen", START + 61_000));
    driver.endInput();

    assertThat(driver.output("late-views", View.class)).containsExactly(late);
    assertThat(driver.output("counts", MinuteCount.class)).containsExactly(
        new MinuteCount("/@" + START, "/", START, 1), new MinuteCount("/@" + (START + 60_000), "/", START + 60_000, 1));
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void theSameCallsGiveTheSameOutputs(StateLayout layout) {
    List<View> views = views(150, 4);
    List<List<String>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      JobTestDriver driver = JobTestDriver.builder(PageMinutes.class).stateLayout(layout).build();
      driver.pipe("views-in", views.subList(0, 70));
      driver.advanceWatermark(Instant.ofEpochMilli(START + 60_000));
      driver.pipe("views-in", views.subList(70, views.size()));
      driver.endInput();
      runs.add(List.of(String.join("\n", driver.outputJson("counts")), String.join("\n",
          driver.outputJson("minute-counts")), String.join("\n", driver.outputJson("late-views"))));
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
    assertThat(runs.get(0).get(0)).isNotEmpty();
  }

  /** {@code count} views over {@code minutes} minutes in time order, out of order by less than 5 s. */
  static List<View> views(int count, int minutes) {
    Random random = new Random(count * 31L + minutes);
    List<View> views = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long at = START + (long) i * minutes * 60_000 / count + random.nextInt(4_000);
      views.add(new View(PAGES[random.nextInt(PAGES.length)], "user" + random.nextInt(9), at));
    }
    return views;
  }

  /** Each page's views per minute, by id. */
  static Map<String, MinuteCount> reference(List<View> views) {
    Map<String, MinuteCount> counts = new TreeMap<>();
    for (View view : views) {
      long minute = view.at() - Math.floorMod(view.at(), 60_000L);
      String id = view.page() + "@" + minute;
      MinuteCount before = counts.get(id);
      counts.put(id, new MinuteCount(id, view.page(), minute, before == null ? 1 : before.views() + 1));
    }
    return counts;
  }
}
