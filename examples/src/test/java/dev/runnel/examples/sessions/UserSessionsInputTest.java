package dev.runnel.examples.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.OutOfOrder;
import dev.runnel.examples.sessions.UserSessions.Click;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled input of {@link UserSessions} is the generator's, and is out of order within the job's bound. */
class UserSessionsInputTest {
  @Test
  void theBundledInputIsWhatTheGeneratorWritesOutOfOrderWithinTheBound() {
    List<Click> input = UserSessionsInput.FILE.records(Click.class);
    assertThat(UserSessionsInput.FILE.lines()).isEqualTo(UserSessionsInput.clicks().stream().map(BundledInput::json).toList());
    assertThat(OutOfOrder.disorder(input, Click::at)).isBetween(1L, UserSessionsInput.OUT_OF_ORDER_MILLIS - 1);
  }
}
