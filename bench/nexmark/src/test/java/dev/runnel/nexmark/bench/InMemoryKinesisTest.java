package dev.runnel.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** The stand-in routes as Kinesis does: the MD5 of the partition key, or the explicit hash key, picks the shard. */
class InMemoryKinesisTest {
  @Test
  void routesByTheMd5OfThePartitionKeyOrTheExplicitHashKeyAndCounts() {
    InMemoryKinesis kinesis = new InMemoryKinesis(Map.of("s", 2), new CpuClock());
    // MD5("a") = 0cc175b9..., in the lower half of the hash key space; MD5("b") = 92eb5ffe..., in the upper half
    String upperHalf = BigInteger.ONE.shiftLeft(127).toString();
    kinesis.putRecords(PutRecordsRequest.builder().streamName("s").records(
        entry("a", null), entry("b", null), entry("a", upperHalf)).build());
    assertThat(kinesis.take("s", 0, 10)).extracting(InMemoryKinesis.StoredRecord::partitionKey).containsExactly("a");
    assertThat(kinesis.take("s", 1, 10)).extracting(InMemoryKinesis.StoredRecord::partitionKey)
        .containsExactly("b", "a");
    assertThat(kinesis.listShards(b -> b.streamName("s")).shards().get(1).hashKeyRange().startingHashKey())
        .isEqualTo(upperHalf);
    assertThat(kinesis.putRecordsCalls()).isEqualTo(1);
    assertThat(kinesis.putRecords()).isEqualTo(3);
    assertThat(kinesis.payloadUnits()).isEqualTo(3);
  }

  @Test
  void countsThePayloadUnitsOfEachStream() {
    InMemoryKinesis kinesis = new InMemoryKinesis(Map.of("s", 1, "t", 1), new CpuClock());
    kinesis.putRecords(PutRecordsRequest.builder().streamName("s").records(entry("a", null), entry("b", null)).build());
    kinesis.putRecords(PutRecordsRequest.builder().streamName("t").records(entry("c", null)).build());
    assertThat(kinesis.payloadUnits(java.util.List.of("s"))).isEqualTo(2);
    assertThat(kinesis.payloadUnits(java.util.List.of("t", "unknown"))).isEqualTo(1);
    assertThat(kinesis.payloadUnits()).isEqualTo(3);
  }

  private static PutRecordsRequestEntry entry(String key, String explicitHashKey) {
    return PutRecordsRequestEntry.builder().partitionKey(key).explicitHashKey(explicitHashKey)
        .data(SdkBytes.fromUtf8String("{}")).build();
  }
}
