package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.testdriver.jobs.SlidingCounts;
import dev.runnel.testdriver.jobs.SlidingCounts.Event;
import dev.runnel.testdriver.jobs.SlidingCounts.WindowCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Sliding windows in the driver against the reference counts: events in time order (out of order by less than 4 s,
 * the job allows 10 s), so none is late and every window counts each of its events.
 */
class SlidingWindowsTest {
  private static final long START = JobTestDriver.DEFAULT_START.toEpochMilli() - 3_600_000;
  private static final long MINUTE = 60_000;

  @Test
  void eachWindowCountsItsEventsWhenEachSourceShardTakesOneBatch() {
    assertMatchesTheReference(events(150));
  }

  /**
   * A source shard's records take two batches: the window stage reads the first batch's outputs and its watermark
   * announcement before anything from the other source shard, whose earlier events come next. They are not late and
   * must count: the stage judges lateness against what the upstream shards announced only once it has heard from
   * every planned one ({@code Watermarks.judging}).
   */
  @Test
  void eachWindowCountsItsEventsWhenASourceShardTakesTwoBatches() {
    assertMatchesTheReference(events(360));
  }

  private static void assertMatchesTheReference(List<Event> events) {
    JobTestDriver driver = JobTestDriver.of(SlidingCounts.class);
    driver.pipe("events-in", events);
    driver.endInput();
    Map<String, WindowCount> expected = new TreeMap<>();
    for (Event event : events) {
      long lastStart = event.at() - Math.floorMod(event.at(), MINUTE);
      for (long start = lastStart; start > event.at() - 10 * MINUTE; start -= MINUTE) {
        String id = event.key() + "@" + (start + 10 * MINUTE);
        WindowCount before = expected.get(id);
        expected.put(id, new WindowCount(event.key(), start + 10 * MINUTE, before == null ? 1 : before.count() + 1));
      }
    }
    assertThat(driver.output("late-events", Event.class)).isEmpty();
    assertThat(driver.output("counts", WindowCount.class)).containsExactlyInAnyOrderElementsOf(expected.values());
  }

  /** {@code count} events of four keys over 18 minutes, in time order give or take 4 s. */
  private static List<Event> events(int count) {
    Random random = new Random(count);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new Event("k" + random.nextInt(4), START + (long) i * 18 * MINUTE / count + random.nextInt(4_000)));
    }
    return events;
  }
}
