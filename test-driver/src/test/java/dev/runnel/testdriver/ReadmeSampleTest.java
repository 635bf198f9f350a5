package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.testdriver.jobs.Moderation;
import dev.runnel.testdriver.jobs.Moderation.Listing;
import dev.runnel.testdriver.jobs.Moderation.Reviewed;
import dev.runnel.testdriver.jobs.Moderation.Verdict;
import dev.runnel.testdriver.jobs.PageMinutes;
import dev.runnel.testdriver.jobs.PageMinutes.MinuteCount;
import dev.runnel.testdriver.jobs.PageMinutes.View;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The README's "Testing a job" sample is this class's code between the {@code readme} markers, compiled and run
 * here: {@link #theReadmeShowsThisSample} fails when the two differ.
 */
class ReadmeSampleTest {
  private static final long T0 = JobTestDriver.DEFAULT_START.toEpochMilli() - 3_600_000; // an hour before "now"

  // readme:start
  @Test
  void countsViewsPerPageAndMinute() {
    JobTestDriver driver = JobTestDriver.of(PageMinutes.class);
    driver.pipe("views-in", new View("/", "ana", T0 + 1_000), new View("/", "ben", T0 + 20_000),
        new View("/docs", "ana", T0 + 61_000));
    assertThat(driver.output("counts", MinuteCount.class)).isEmpty(); // the watermark has not passed a minute

    driver.advanceWatermark(Instant.ofEpochMilli(T0 + 60_000));
    assertThat(driver.output("counts", MinuteCount.class)).containsExactly(new MinuteCount("/@" + T0, "/", T0, 2));

    driver.pipe("views-in", new View("/", "chen", T0 + 5_000)); // behind the watermark: late
    driver.endInput(); // the final watermark: every window fires
    assertThat(driver.output("late-views", View.class)).extracting(View::user).containsExactly("chen");
    assertThat(driver.table("minute-counts", MinuteCount.class)).hasSize(2);
  }

  @Test
  void stubsTheModel() {
    JobTestDriver driver = JobTestDriver.builder(Moderation.class)
        .model("policy", ModelStub.answering(prompt -> new Verdict(!prompt.contains("replica"), "policy")))
        .build();
    driver.pipe("listings-in", new Listing("l1", "Wool scarf"), new Listing("l2", "replica watch"));
    driver.pipeRaw("listings-in", "{\"listingId\": ");

    assertThat(driver.output("rejected", Reviewed.class)).extracting(Reviewed::listingId).containsExactly("l2");
    assertThat(driver.deadLetters()).extracting(DeadLetter::errorType).containsExactly("decode");
  }
  // readme:end

  @Test
  void theReadmeShowsThisSample() throws Exception {
    String source = Files.readString(Path.of("src/test/java/dev/runnel/testdriver/ReadmeSampleTest.java"));
    String sample = source.substring(source.indexOf("  // readme:start\n") + "  // readme:start\n".length(),
        source.indexOf("  // readme:end\n"));
    String unindented = sample.lines().map(line -> line.startsWith("  ") ? line.substring(2) : line)
        .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n";
    assertThat(Files.readString(Path.of("..", "README.md"))).as("README.md shows the sample of ReadmeSampleTest")
        .contains("```java\n" + unindented + "```\n");
  }
}
