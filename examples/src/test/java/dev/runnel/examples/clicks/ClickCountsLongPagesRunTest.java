package dev.runnel.examples.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.examples.BundledInput;
import dev.runnel.examples.SinkRecords;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, case 2: a user whose {@code MapState} holds eight page names of 300 KB each (2.4 MB of state, stored in
 * chunks), among the bundled clicks, on kinesis-local and DynamoDB Local. The state is read back batch after batch
 * (Jackson's default 50,000-character name limit made it unreadable), and a user name too long for a partition key
 * is dead-lettered alone. Every total equals a sequential evaluation of the good clicks.
 */
class ClickCountsLongPagesRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEAVY = "heavy";
  private static final String LONG_USER = "u".repeat(3_000);

  private static List<String> lines;
  private static List<ClickCounts.Click> good;
  private static RunSummary summary;

  @BeforeAll
  static void runTheJob() throws Exception {
    List<String> bundled = new BundledInput("clicks", "clicks-in").lines();
    long at = JSON.readValue(bundled.get(0), ClickCounts.Click.class).at();
    List<String> heavy = new ArrayList<>();
    for (int i : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 0, 3, 3}) {
      heavy.add(JSON.writeValueAsString(new ClickCounts.Click(HEAVY, page(i), at + heavy.size())));
    }
    lines = new ArrayList<>();
    for (int i = 0; i < bundled.size() || i < heavy.size(); i++) {
      if (i < bundled.size()) {
        lines.add(bundled.get(i));
      }
      if (i < heavy.size()) {
        lines.add(heavy.get(i));
      }
      if (i == 5) {
        lines.add(JSON.writeValueAsString(new ClickCounts.Click(LONG_USER, "/home", at)));
      }
    }
    good = new ArrayList<>();
    for (String line : lines) {
      ClickCounts.Click click = JSON.readValue(line, ClickCounts.Click.class);
      if (!click.user().equals(LONG_USER)) {
        good.add(click);
      }
    }
    byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    InputSource input = new InputSource("clicks-in", "bundled clicks with 300 KB pages",
        () -> new ByteArrayInputStream(bytes));
    summary = LocalRunner.run(ClickCounts.class, RunOptions.defaults().withInputs(List.of(input)));
  }

  /** Page {@code i}: 300 KB of text, distinct in its first characters. */
  private static String page(int i) {
    return ("/p" + i + "/" + "section/".repeat(300 * 1024 / 8)).substring(0, 300 * 1024);
  }

  @Test
  void everyUsersTotalsEqualASequentialEvaluationOfTheGoodClicks() {
    ClickCounts job = new ClickCounts();
    Map<String, ClickCounts.UserClicks> expected = new TreeMap<>();
    Map<String, MemoryState<Long>> clicks = new HashMap<>();
    Map<String, MemoryMapState> pages = new HashMap<>();
    for (ClickCounts.Click click : good) {
      expected.put(click.user(), job.count(click, clicks.computeIfAbsent(click.user(), u -> new MemoryState<>()),
          pages.computeIfAbsent(click.user(), u -> new MemoryMapState())));
    }
    assertThat(expected.get(HEAVY).distinctPages()).isEqualTo(8);

    Map<String, ClickCounts.UserClicks> actual = new TreeMap<>();
    SinkRecords.of(summary, "clicks-per-user", ClickCounts.UserClicks.class).forEach(u -> actual.put(u.user(), u));
    assertThat(actual).isEqualTo(expected);
    assertThat(SinkRecords.of(summary, "clicks-console", ClickCounts.UserClicks.class)).hasSize(good.size());
  }

  @Test
  void onlyTheOverlongUserIsDeadLetteredAndNothingIsRetried() {
    assertThat(summary.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.errorType()).isEqualTo("key");
      assertThat(letter.operator()).isEqualTo("clicks-in-keyed"); // the repartition by user
      assertThat(letter.payload()).contains(LONG_USER);
      assertThat(letter.error()).contains("key field 'user' gives a 3000-character partition key", "1 to 256");
    });
    assertThat(summary.discardedBatches()).isEmpty();
    assertThat(summary.stages()).allSatisfy(stage -> assertThat(stage.retries()).isZero());
    assertThat(summary.inputs()).singleElement().satisfies(input -> assertThat(input.records())
        .isEqualTo(lines.size()));
  }

  /** A value state in memory, for the sequential evaluation. */
  private static final class MemoryState<T> implements dev.runnel.api.ValueState<T> {
    private T value;

    @Override
    public T value() {
      return value;
    }

    @Override
    public void update(T newValue) {
      value = newValue;
    }

    @Override
    public void clear() {
      value = null;
    }
  }

  /** A map state in memory, for the sequential evaluation. */
  private static final class MemoryMapState implements dev.runnel.api.MapState<String, Long> {
    private final Map<String, Long> entries = new HashMap<>();

    @Override
    public Long get(String key) {
      return entries.get(key);
    }

    @Override
    public void put(String key, Long value) {
      entries.put(key, value);
    }

    @Override
    public void remove(String key) {
      entries.remove(key);
    }

    @Override
    public boolean contains(String key) {
      return entries.containsKey(key);
    }

    @Override
    public Map<String, Long> entries() {
      return Map.copyOf(entries);
    }

    @Override
    public void clear() {
      entries.clear();
    }
  }
}
