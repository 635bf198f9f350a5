package dev.runnel.examples.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.examples.BundledInput;
import dev.runnel.examples.SinkRecords;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.localrunner.summary.RunSummary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, case 2 as found: one user clicks 16 distinct pages of 300 KB, among the bundled clicks, on kinesis-local
 * and DynamoDB Local. Its {@code MapState} would reach 4.8 MB, over the 4 MB a key's state can take (one DynamoDB
 * transaction): the 13 pages that fit are kept, and each click that would grow the state past the limit goes to the
 * dead letters alone with error type {@code state}, whichever order the two source shards deliver the clicks in. No
 * batch is retried or discarded, and every other user's totals equal a sequential evaluation of its clicks.
 */
class ClickCountsStateOverLimitRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEAVY = "heavy";
  private static final int PAGES = 16;
  /** 300 KB pages that fit in 4 MB (4,194,304 bytes) with the item overhead: 13 (13 x 307,200 = 3,993,600). */
  private static final int PAGES_THAT_FIT = 13;

  private static List<ClickCounts.Click> bundledClicks;
  private static RunSummary summary;

  @BeforeAll
  static void runTheJob() throws Exception {
    List<String> bundled = new BundledInput("clicks", "clicks-in").lines();
    long at = JSON.readValue(bundled.get(0), ClickCounts.Click.class).at();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < bundled.size() || i < PAGES; i++) {
      if (i < bundled.size()) {
        lines.add(bundled.get(i));
      }
      if (i < PAGES) {
        String page = ("/p" + i + "/" + "section/".repeat(300 * 1024 / 8)).substring(0, 300 * 1024);
        lines.add(JSON.writeValueAsString(new ClickCounts.Click(HEAVY, page, at + i)));
      }
    }
    bundledClicks = new ArrayList<>();
    for (String line : bundled) {
      bundledClicks.add(JSON.readValue(line, ClickCounts.Click.class));
    }
    byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    InputSource input = new InputSource("clicks-in", "bundled clicks with 16 pages of 300 KB for one user",
        () -> new ByteArrayInputStream(bytes));
    summary = LocalRunner.run(ClickCounts.class, RunOptions.defaults().withInputs(List.of(input)));
  }

  @Test
  void eachClickThatWouldGrowTheStatePastTheLimitIsDeadLetteredAlone() {
    List<DeadLetter> letters = summary.deadLetters();
    assertThat(letters).hasSize(PAGES - PAGES_THAT_FIT).allSatisfy(letter -> {
      assertThat(letter.errorType()).isEqualTo("state");
      assertThat(letter.stage()).isEqualTo("clicks-2");
      assertThat(letter.payload()).contains("\"user\":\"heavy\"");
      assertThat(letter.error()).contains("clicks-2", letter.shard(), letter.sequenceNumber(),
          "grows its key's state beyond what can be stored", "key \"heavy\" is too large");
    });
    assertThat(letters.stream().map(DeadLetter::payload).distinct()).hasSize(PAGES - PAGES_THAT_FIT);
    assertThat(summary.discardedBatches()).isEmpty();
    assertThat(summary.stages()).allSatisfy(stage -> assertThat(stage.retries()).isZero());
  }

  @Test
  void theHeavyUserKeepsThePagesThatFitAndEveryOtherUserIsExact() {
    Map<String, ClickCounts.UserClicks> actual = new TreeMap<>();
    SinkRecords.of(summary, "clicks-per-user", ClickCounts.UserClicks.class).forEach(u -> actual.put(u.user(), u));
    assertThat(actual.get(HEAVY).clicks()).isEqualTo(PAGES_THAT_FIT);
    assertThat(actual.get(HEAVY).distinctPages()).isEqualTo(PAGES_THAT_FIT);

    Map<String, Long> clicksPerUser = bundledClicks.stream()
        .collect(Collectors.groupingBy(ClickCounts.Click::user, TreeMap::new, Collectors.counting()));
    Map<String, Long> others = new TreeMap<>();
    actual.forEach((user, totals) -> {
      if (!user.equals(HEAVY)) {
        others.put(user, totals.clicks());
      }
    });
    assertThat(others).isEqualTo(clicksPerUser);
    for (ClickCounts.UserClicks totals : actual.values()) {
      if (!totals.user().equals(HEAVY)) {
        long distinct = bundledClicks.stream().filter(c -> c.user().equals(totals.user()))
            .map(ClickCounts.Click::page).distinct().count();
        assertThat(totals.distinctPages()).as(totals.user()).isEqualTo(distinct);
      }
    }
  }
}
