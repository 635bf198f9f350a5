package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.Aggregate;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import dev.runnel.plan.StateLayout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Processing-time windows in the driver, in both state layouts, on a job without event time: a minute window fires
 * once processing time passes its end (on a tick, with no record arriving), not before; a record arriving at the very
 * time the shard last fired joins the next window instead of a fired one; sliding windows fire each of their windows.
 */
class ProcessingTimeWindowsTest {

  @StreamingJob("clicks")
  public static class ClicksPerMinute {
    @Source(stream = "clicks-in", shards = 2) @KeyBy("page")
    public record Click(String page) {}

    public record Count(String page, long start, long end, Long clicks) {}

    @Window(from = "clicks-in", size = "PT1M", time = Window.Time.PROCESSING) @Aggregate
    @Sink(name = "per-minute", console = true)
    public Count perMinute(Windowed<Long> window) {
      return new Count(window.key(), window.start(), window.end(), window.value());
    }

    @Window(from = "clicks-in", size = "PT2M", slide = "PT1M", time = Window.Time.PROCESSING) @Aggregate
    @Sink(name = "per-two-minutes", console = true)
    public Count perTwoMinutes(Windowed<Long> window) {
      return new Count(window.key(), window.start(), window.end(), window.value());
    }
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aMinuteFiresWhenProcessingTimePassesItsEnd(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(ClicksPerMinute.class).stateLayout(layout).build();
    long t0 = driver.processingTime().toEpochMilli();
    long minute = 60_000;
    driver.pipe("clicks-in", new ClicksPerMinute.Click("home"), new ClicksPerMinute.Click("home"),
        new ClicksPerMinute.Click("cart"));
    driver.advanceProcessingTime(Duration.ofSeconds(30));
    driver.pipe("clicks-in", new ClicksPerMinute.Click("home"));
    driver.advanceProcessingTime(Duration.ofSeconds(28));
    assertThat(driver.output("per-minute", ClicksPerMinute.Count.class)).as("at 0:58").isEmpty();

    // a round is pinned when processing time moved a second or more: this tick's is at 0:59.999
    driver.advanceProcessingTime(Duration.ofMillis(1_999));
    assertThat(driver.output("per-minute", ClicksPerMinute.Count.class)).as("at 0:59.999, a tick fires")
        .containsExactlyInAnyOrder(new ClicksPerMinute.Count("home", t0, t0 + minute, 3L),
            new ClicksPerMinute.Count("cart", t0, t0 + minute, 1L));

    // arriving at 0:59.999, when the shard fired the first minute: the record joins the second minute
    driver.pipe("clicks-in", new ClicksPerMinute.Click("home"));
    driver.advanceProcessingTime(Duration.ofSeconds(61));
    assertThat(driver.output("per-minute", ClicksPerMinute.Count.class)).containsExactlyInAnyOrder(
        new ClicksPerMinute.Count("home", t0, t0 + minute, 3L), new ClicksPerMinute.Count("cart", t0, t0 + minute, 1L),
        new ClicksPerMinute.Count("home", t0 + minute, t0 + 2 * minute, 1L));
    assertThat(driver.output("per-two-minutes", ClicksPerMinute.Count.class)).containsExactlyInAnyOrder(
        new ClicksPerMinute.Count("home", t0 - minute, t0 + minute, 3L),
        new ClicksPerMinute.Count("cart", t0 - minute, t0 + minute, 1L),
        new ClicksPerMinute.Count("home", t0, t0 + 2 * minute, 4L),
        new ClicksPerMinute.Count("cart", t0, t0 + 2 * minute, 1L));

    driver.advanceProcessingTime(Duration.ofMinutes(5));
    assertThat(driver.output("per-minute", ClicksPerMinute.Count.class)).as("each window fires once").hasSize(3);
    assertThat(driver.output("per-two-minutes", ClicksPerMinute.Count.class)).hasSize(5);
    assertThat(driver.deadLetters()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void theSameCallsGiveTheSameWindows(StateLayout layout) {
    List<List<String>> runs = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      JobTestDriver driver = JobTestDriver.builder(ClicksPerMinute.class).stateLayout(layout).build();
      for (int i = 0; i < 40; i++) {
        driver.pipe("clicks-in", new ClicksPerMinute.Click("page" + i % 5));
        driver.advanceProcessingTime(Duration.ofSeconds(7));
      }
      driver.advanceProcessingTime(Duration.ofMinutes(3));
      runs.add(driver.outputJson("per-minute"));
    }
    assertThat(runs.get(0)).isEqualTo(runs.get(1));
    assertThat(runs.get(0).stream().mapToLong(line -> Long.parseLong(line.replaceAll(".*\"clicks\":(\\d+).*", "$1")))
        .sum()).as("every click counted once").isEqualTo(40);
  }
}
