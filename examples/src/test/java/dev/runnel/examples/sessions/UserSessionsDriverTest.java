package dev.runnel.examples.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.sessions.UserSessions.Click;
import dev.runnel.examples.sessions.UserSessions.Session;
import dev.runnel.testdriver.JobTestDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * UserSessions in JobTestDriver gives what it gives in the local runner on the emulators: the bundled clicks, then the
 * end of input, leave in both sinks exactly the sessions {@code UserSessionsLocalRunTest} expects of the emulator run
 * ({@link UserSessionsInput#sessions}), each once.
 */
class UserSessionsDriverTest {

  @Test
  void theDriverWritesTheSessionsTheLocalRunWrites() {
    List<Click> input = UserSessionsInput.FILE.records(Click.class);
    JobTestDriver driver = JobTestDriver.of(UserSessions.class);
    driver.pipeRaw("sessions-in", UserSessionsInput.FILE.lines().toArray(String[]::new));
    driver.endInput();

    List<Session> expected = UserSessionsInput.sessions(input);
    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(driver.output("user-sessions", Session.class)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(driver.table("user-sessions", Session.class)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(driver.output("sessions-console", Session.class)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(driver.deadLetters()).isEmpty();
  }
}
