package dev.runnel.examples.pageviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.SinkRecords;
import dev.runnel.examples.pageviews.PageViews.MinuteViews;
import dev.runnel.examples.pageviews.PageViews.PageView;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PageViews end to end on kinesis-local and DynamoDB Local, with end of input firing the last minutes. The expected
 * counts are computed here from the input alone: views grouped by page and minute, leaving out the views that are
 * late, i.e. whose minute's end plus the allowed lateness the watermark had already passed when they arrived.
 */
class PageViewsLocalRunTest {
  private static List<PageView> input;
  private static List<PageView> late;
  private static RunSummary summary;

  @BeforeAll
  static void runTheJob() {
    input = PageViewsInput.FILE.records(PageView.class);
    late = PageViewsInput.late(input);
    summary = LocalRunner.run(PageViews.class, RunOptions.defaults());
  }

  @Test
  void everyPageAndMinuteIsCountedOnceFromTheViewsThatWereOnTime() {
    Map<String, MinuteViews> expected = PageViewsInput.minuteCounts(input);
    assertThat(expected).hasSizeGreaterThan(60);
    assertThat(SinkRecords.of(summary, "pageviews-per-minute", MinuteViews.class))
        .containsExactlyInAnyOrderElementsOf(expected.values());
    assertThat(SinkRecords.of(summary, "pageviews-console", MinuteViews.class))
        .containsExactlyInAnyOrderElementsOf(expected.values());
  }

  @Test
  void theLateViewsAreInTheLateTableAsTheyCame() {
    assertThat(SinkRecords.of(summary, "pageviews-late", PageView.class)).containsExactlyInAnyOrderElementsOf(late);
  }

  @Test
  void nothingIsDeadLetteredAndEveryViewReachesTheWindows() {
    assertThat(summary.deadLetters()).isEmpty();
    assertThat(summary.discardedBatches()).isEmpty();
    assertThat(summary.stage("pageviews-2").orElseThrow().recordsIn()).isEqualTo(input.size());
  }
}
