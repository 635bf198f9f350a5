package dev.runnel.functions.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.statestore.timers.TimerEntry;
import org.junit.jupiter.api.Test;

/** A key too long for the timer index fails when its timer is registered, so only its record fails. */
class StageClockKeyLimitTest {
  @Test
  void aKeyOfUpTo1003BytesRegistersAndALongerOneFailsNamingTheLimit() {
    StageClock clock = new StageClock();
    clock.runAt(0, 0);
    clock.current("€".repeat(334) + "a", 5, 5); // 1,003 bytes
    clock.register(TimerEntry.Domain.EVENT_TIME, 10);
    assertThat(clock.drainRegistered()).hasSize(1);

    clock.current("😀".repeat(256), 5, 5); // 256 characters, a valid Kinesis partition key, 1,024 bytes
    assertThatThrownBy(() -> clock.register(TimerEntry.Domain.PROCESSING_TIME, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024 bytes in UTF-8 (512 characters)", "at most 1003 bytes", "shorter field");
    assertThat(clock.drainRegistered()).isEmpty();
  }
}
