package dev.runnel.functions.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A long batch of a source shard keeps its row active, so readers do not take the shard for idle mid-batch. */
class ActivityHeartbeatTest {
  @Test
  void aBatchLongerThanAThirdOfIdleAfterRepublishesItsActivityUntilItEnds() throws Exception {
    InMemoryProgressStore progress = new InMemoryProgressStore();
    Clock clock = Clock.systemUTC();
    progress.publish(new ShardProgress("s", "shard-0", 500, clock.millis()));
    long started = clock.millis();
    ActivityHeartbeat heartbeat = new ActivityHeartbeat(progress, clock, 3_000);

    try (ActivityHeartbeat.Beating beating = heartbeat.start("s", "shard-0", 500)) {
      Thread.sleep(2_400);
      ShardProgress during = progress.read("s").get(0);
      assertThat(during.lastRecordMillis()).as("beats every second").isGreaterThanOrEqualTo(started + 1_900);
      assertThat(during.watermark()).as("the committed watermark, unchanged").isEqualTo(500);
    }
    long stopped = progress.read("s").get(0).lastRecordMillis();
    Thread.sleep(1_300);
    assertThat(progress.read("s").get(0).lastRecordMillis()).as("no beat after the batch").isEqualTo(stopped);
  }

  @Test
  void aStageWhoseShardsAreNeverIdleDoesNotBeat() throws Exception {
    InMemoryProgressStore progress = new InMemoryProgressStore();
    try (ActivityHeartbeat.Beating beating = new ActivityHeartbeat(progress, Clock.systemUTC(), 0)
        .start("s", "shard-0", 500)) {
      Thread.sleep(1_200);
    }
    assertThat(progress.read("s")).isEmpty();
  }
}
