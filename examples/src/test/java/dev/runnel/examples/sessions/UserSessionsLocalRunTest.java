package dev.runnel.examples.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.SinkRecords;
import dev.runnel.examples.sessions.UserSessions.Click;
import dev.runnel.examples.sessions.UserSessions.Session;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * UserSessions end to end on kinesis-local and DynamoDB Local, with end of input closing the last sessions. The
 * expected sessions are computed from the input alone ({@link UserSessionsInput#sessions}); {@code
 * UserSessionsDriverTest} checks that JobTestDriver gives the same.
 */
class UserSessionsLocalRunTest {
  private static List<Click> input;
  private static RunSummary summary;

  @BeforeAll
  static void runTheJob() {
    input = UserSessionsInput.FILE.records(Click.class);
    summary = LocalRunner.run(UserSessions.class, RunOptions.defaults());
  }

  @Test
  void everySessionIsWrittenOnceWithItsClicksAndPages() {
    List<Session> expected = UserSessionsInput.sessions(input);
    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(SinkRecords.of(summary, "user-sessions", Session.class)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(SinkRecords.of(summary, "sessions-console", Session.class))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(summary.deadLetters()).isEmpty();
    assertThat(summary.discardedBatches()).isEmpty();
  }
}
