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
import org.junit.jupiter.api.Disabled;
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
   * Found with the driver, not fixed on this branch (the windows runtime is not its part): when a source shard's
   * records take two batches, the window stage judges the second batch's outputs at the watermark the first batch
   * announced ({@code ExactlyOnceStage.judgingWatermarks}: the minimum over the producers heard so far, while the
   * other source shard is not heard yet), and the key's panes are closed at it ({@code KeyWindows.closeAt}). The other
   * shard's earlier events, read next, are then judged at that closed watermark and left out of every window it
   * passed, silently (not late: a later window takes them). About 460 of 3,600 window counts are lost here; tumbling
   * windows keep no panes and count right.
   */
  @Test
  @Disabled("sliding windows lose events when a source shard takes two batches: see the Javadoc")
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
