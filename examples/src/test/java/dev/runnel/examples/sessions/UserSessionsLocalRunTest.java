package dev.runnel.examples.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.SinkRecords;
import dev.runnel.examples.sessions.UserSessions.Click;
import dev.runnel.examples.sessions.UserSessions.Session;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * UserSessions end to end on kinesis-local and DynamoDB Local, with end of input closing the last sessions. The
 * expected sessions are computed here from the input alone: each user's clicks sorted by time, split wherever two
 * clicks are five minutes or more apart.
 */
class UserSessionsLocalRunTest {
  private static final long GAP = 5 * 60_000;

  private static List<Click> input;
  private static RunSummary summary;

  @BeforeAll
  static void runTheJob() {
    input = UserSessionsInput.FILE.records(Click.class);
    summary = LocalRunner.run(UserSessions.class, RunOptions.defaults());
  }

  @Test
  void everySessionIsWrittenOnceWithItsClicksAndPages() {
    List<Session> expected = expectedSessions(input);
    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(SinkRecords.of(summary, "user-sessions", Session.class)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(SinkRecords.of(summary, "sessions-console", Session.class))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(summary.deadLetters()).isEmpty();
    assertThat(summary.discardedBatches()).isEmpty();
  }

  private static List<Session> expectedSessions(List<Click> clicks) {
    Map<String, List<Click>> byUser = new TreeMap<>();
    clicks.forEach(click -> byUser.computeIfAbsent(click.user(), u -> new ArrayList<>()).add(click));
    List<Session> sessions = new ArrayList<>();
    byUser.forEach((user, own) -> {
      own.sort(Comparator.comparingLong(Click::at));
      List<Click> current = new ArrayList<>();
      for (Click click : own) {
        if (!current.isEmpty() && click.at() - current.get(current.size() - 1).at() >= GAP) {
          sessions.add(session(user, current));
          current = new ArrayList<>();
        }
        current.add(click);
      }
      sessions.add(session(user, current));
    });
    return sessions;
  }

  private static Session session(String user, List<Click> clicks) {
    String start = Instant.ofEpochMilli(clicks.get(0).at()).toString();
    String end = Instant.ofEpochMilli(clicks.get(clicks.size() - 1).at() + GAP).toString();
    List<String> pages = List.copyOf(new TreeSet<>(clicks.stream().map(Click::page).toList()));
    return new Session(user + "@" + start, user, start, end, clicks.size(), pages);
  }
}
