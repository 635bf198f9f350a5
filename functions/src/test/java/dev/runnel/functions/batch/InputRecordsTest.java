package dev.runnel.functions.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.functions.fixtures.KinesisEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputRecordsTest {
  @Test
  void takesTheShardIdFromTheEventIdAndKeepsDeliveryOrder() {
    KinesisEvent event = KinesisEvents.onShard("shardId-000000000001")
        .add("49545115243490985018280067714973144582180062593244200961", "k1", "a")
        .add("49545115243490985018280067714973144582180062593244200962", "k2", "b")
        .build();

    assertThat(InputRecords.of(event)).extracting(InputRecord::shardId, InputRecord::partitionKey, r -> new String(
        r.data(), StandardCharsets.UTF_8)).containsExactly(
            org.assertj.core.groups.Tuple.tuple("shardId-000000000001", "k1", "a"),
            org.assertj.core.groups.Tuple.tuple("shardId-000000000001", "k2", "b"));
  }

  @Test
  void readsOnlyTheRemainingBytesOfTheDataBufferWithoutConsumingIt() {
    KinesisEvent event = KinesisEvents.onShard("shardId-000000000002").add("1", "k", "xxpayload").build();
    ByteBuffer data = event.getRecords().get(0).getKinesis().getData();
    data.position(2);

    InputRecord record = InputRecords.of(event).get(0);

    assertThat(new String(record.data(), StandardCharsets.UTF_8)).isEqualTo("payload");
    assertThat(data.position()).isEqualTo(2);
  }

  @Test
  void anEventWithoutRecordsIsEmpty() {
    assertThat(InputRecords.of(new KinesisEvent())).isEmpty();
    assertThat(InputRecords.shardId("shardId-000000000003")).isEqualTo("shardId-000000000003");
  }
}
