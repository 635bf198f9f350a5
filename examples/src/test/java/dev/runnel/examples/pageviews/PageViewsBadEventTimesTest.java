package dev.runnel.examples.pageviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.pageviews.PageViews.MinuteViews;
import dev.runnel.examples.pageviews.PageViews.PageView;
import dev.runnel.testdriver.DeadLetter;
import dev.runnel.testdriver.JobTestDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PageViews in JobTestDriver (no emulator) fed its bundled views, one by one, with four bad event times mixed in
 * (issue 11): -1000, {@code Long.MIN_VALUE + 1}, a time in the year 57859 (the bundled start written in microseconds)
 * and -1. Each bad view goes to the dead letters once with error type {@code event_time}, none moves its shard's
 * watermark, and every output equals what the good views alone give ({@code PageViewsLocalRunTest}'s reference).
 */
class PageViewsBadEventTimesTest {
  private static final String CRAFTED = "runnel/crafted/pageviews-bad-event-times.jsonl";
  private static List<String> lines;
  private static List<PageView> good;
  private static JobTestDriver driver;

  @BeforeAll
  static void runTheJob() throws URISyntaxException {
    Path file = Path.of(Objects.requireNonNull(PageViewsBadEventTimesTest.class.getClassLoader().getResource(CRAFTED),
        CRAFTED).toURI());
    lines = readLines(file);
    good = PageViewsInput.FILE.records(PageView.class);
    driver = JobTestDriver.of(PageViews.class);
    // one by one, as the lateness reference reads them: each view meets the watermark the views before it made
    lines.forEach(line -> driver.pipeRaw("pageviews-in", line));
    driver.endInput();
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> badLines() {
    return lines.stream().filter(l -> l.contains("\"id\":\"x")).toList();
  }

  @Test
  void theCraftedInputIsTheBundledViewsWithFourBadTimesMixedIn() {
    assertThat(badLines()).hasSize(4);
    assertThat(lines.stream().filter(l -> !l.contains("\"id\":\"x")).toList())
        .isEqualTo(PageViewsInput.FILE.lines());
  }

  @Test
  void eachBadTimeIsDeadLetteredOnceWithItsContext() {
    assertThat(driver.deadLetters()).extracting(DeadLetter::payload).containsExactlyInAnyOrderElementsOf(badLines());
    assertThat(driver.deadLetters()).allSatisfy(letter -> {
      assertThat(letter.errorType()).isEqualTo("event_time");
      assertThat(letter.stage()).isEqualTo("pageviews-1");
      assertThat(letter.shard()).startsWith("shardId-");
      assertThat(letter.sequenceNumber()).isNotBlank();
      assertThat(letter.error()).contains("pageviews", "pageviews-1", letter.shard(), letter.sequenceNumber(),
          "of field 'at'");
    });
    assertThat(error("-1000")).contains("is negative", "@EventTime(allowNegative = true)");
    assertThat(error("-9223372036854775807")).contains("is negative");
    assertThat(error("-1")).contains("is negative");
    assertThat(error("1763700000000000")).contains("+57859-06-06T10:40:00Z", "more than @EventTime(maxAhead) allows",
        "raise @EventTime(maxAhead)");
  }

  @Test
  void everyOutputIsWhatTheGoodViewsAloneGive() {
    assertThat(driver.table("pageviews-per-minute", MinuteViews.class))
        .containsExactlyInAnyOrderElementsOf(PageViewsInput.minuteCounts(good).values());
    // one invocation at a time, nothing crashing: each window fires once, in the table and on the console
    assertThat(driver.output("pageviews-per-minute", MinuteViews.class))
        .containsExactlyInAnyOrderElementsOf(PageViewsInput.minuteCounts(good).values());
    assertThat(driver.output("pageviews-console", MinuteViews.class))
        .containsExactlyInAnyOrderElementsOf(PageViewsInput.minuteCounts(good).values());
    assertThat(driver.output("pageviews-late", PageView.class))
        .as("a far-future time moved no watermark: only the bundled late views are late")
        .containsExactlyInAnyOrderElementsOf(PageViewsInput.late(good));
  }

  private static String error(String at) {
    return driver.deadLetters().stream().filter(l -> l.payload().contains("\"at\":" + at + "}")).findFirst()
        .orElseThrow().error();
  }
}
