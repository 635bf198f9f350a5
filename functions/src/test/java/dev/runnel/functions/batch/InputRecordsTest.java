package dev.runnel.functions.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.identity.LanedRecord;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.output.StreamRecord;
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
  void aRecordWrittenForParallelLanesHasItsIdentityAsPartitionKeyAndItsOwnBytesAsData() {
    RecordIdentity identity = new RecordIdentity("clicks-1", "shardId-000000000000", "4954", 2, "4950");
    StreamRecord plain = new StreamRecord("out", "clicks-keyed", "user-7", "{\"user\":\"user-7\"}"
        .getBytes(StandardCharsets.UTF_8));
    StreamRecord laned = plain.laned(true).withIdentity(identity);
    StreamRecord identified = plain.withIdentity(identity);
    assertThat(identified.partitionKey()).isEqualTo(identity.toPartitionKey());
    assertThat(laned.partitionKey()).isEqualTo(LanedRecord.laneKey("user-7")).hasSize(11).startsWith("k1|");
    assertThat(laned.explicitHashKey()).as("routed as before").isEqualTo(identified.explicitHashKey());
    assertThat(laned.data().length + laned.partitionKey().length())
        .isEqualTo(identified.data().length + identified.partitionKey().length() + LanedRecord.OVERHEAD_BYTES);
    assertThat(plain.laned(true).withIdentity(new RecordIdentity("clicks-1", "shardId-000000000001", "9", 0, "-"))
        .partitionKey()).as("every record of a key has the same lane key").isEqualTo(laned.partitionKey());

    KinesisEvent event = KinesisEvents.onShard("shardId-000000000003")
        .add("5", laned.partitionKey(), new String(laned.data(), StandardCharsets.UTF_8))
        .add("6", "r1|s|shardId-0|1|0|-", "{}")
        .build();
    assertThat(InputRecords.of(event)).extracting(InputRecord::partitionKey, r -> new String(r.data(),
        StandardCharsets.UTF_8)).containsExactly(
            org.assertj.core.groups.Tuple.tuple(identity.toPartitionKey(), "{\"user\":\"user-7\"}"),
            org.assertj.core.groups.Tuple.tuple("r1|s|shardId-0|1|0|-", "{}"));
  }

  @Test
  void anEventWithoutRecordsIsEmpty() {
    assertThat(InputRecords.of(new KinesisEvent())).isEmpty();
    assertThat(InputRecords.shardId("shardId-000000000003")).isEqualTo("shardId-000000000003");
  }
}
