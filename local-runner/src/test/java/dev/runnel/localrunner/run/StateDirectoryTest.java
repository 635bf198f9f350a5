package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state directory belongs to one job and one run at a time, and says whether it holds a run to resume. */
class StateDirectoryTest {
  @TempDir
  Path dir;

  @Test
  void aNewDirectoryIsClaimedForItsJobAndHoldsNothingToResume() {
    try (StateDirectory state = StateDirectory.open(dir.resolve("s"), "clicks")) {
      assertThat(state.hasData()).isFalse();
      assertThat(state.dynamoDb()).isEqualTo(dir.resolve("s/dynamodb"));
      assertThat(state.kinesis()).isEqualTo(dir.resolve("s/kinesis"));
    }
    try (StateDirectory again = StateDirectory.open(dir.resolve("s"), "clicks")) {
      assertThat(again.root()).isEqualTo(dir.resolve("s"));
    }
  }

  @Test
  void anotherJobsDirectoryIsRefused() {
    StateDirectory.open(dir, "clicks").close();

    assertThatThrownBy(() -> StateDirectory.open(dir, "orders")).isInstanceOf(LocalRunException.class)
        .hasMessageContaining("holds the data of job 'clicks', not of job 'orders'")
        .hasMessageContaining("use another --state-dir");
  }

  @Test
  void aDirectoryInUseIsRefusedUntilItsRunEnds() {
    try (StateDirectory first = StateDirectory.open(dir, "clicks")) {
      assertThatThrownBy(() -> StateDirectory.open(dir, "clicks")).isInstanceOf(LocalRunException.class)
          .hasMessageContaining("is in use by another run");
    }
    StateDirectory.open(dir, "clicks").close();
  }
}
