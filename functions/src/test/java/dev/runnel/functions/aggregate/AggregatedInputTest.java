package dev.runnel.functions.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.time.StreamShards;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The consumer side: aggregates become sub-records at positions of their own; strays are skipped and counted. */
class AggregatedInputTest {
  private static final String LOW = "shardId-000000000001";
  private static final String HIGH = "shardId-000000000002";
  /** Two children of a split at 1000: the lower owns 0-999, the upper 1000 and above. */
  private static final StreamShards SPLIT = new StreamShards() {
    @Override
    public Map<String, Set<String>> parents(String stream) {
      return Map.of();
    }

    @Override
    public List<String> openShardStarts(String stream) {
      return List.of("0", "1000");
    }

    @Override
    public Optional<ListedShard> shard(String stream, String shard) {
      return switch (shard) {
        case LOW -> Optional.of(new ListedShard(LOW, Set.of(), "0", "999"));
        case HIGH -> Optional.of(new ListedShard(HIGH, Set.of(), "1000", "340282366920938463463374607431768211455"));
        default -> Optional.empty();
      };
    }
  };

  private static SubRecord sub(String key, String hash) {
    return new SubRecord(key, hash, ("{\"k\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static InputRecord aggregate(String shard, String sequence, SubRecord... subs) {
    return new InputRecord(shard, sequence, AggregateRecord.PARTITION_KEY, AggregateRecord.encode(List.of(subs)), 77);
  }

  @Test
  void subRecordsGetTheirAggregatesSequenceNumberTimesTenThousandPlusTheirIndex() {
    AggregatedInput input = new AggregatedInput("s", SPLIT);
    List<InputRecord> records = input.expand(List.of(
        aggregate(LOW, "495", sub("a", "5"), sub("b", "17"), sub("c", "999")),
        new InputRecord(LOW, "496", "w1|s-1|shardId-000000000000|1000", "{}".getBytes(StandardCharsets.UTF_8), 78),
        aggregate(LOW, "497", sub("d", "0"))));

    assertThat(records).extracting(InputRecord::sequenceNumber)
        .containsExactly("4950000", "4950001", "4950002", "4960000", "4970000");
    assertThat(records).extracting(InputRecord::partitionKey)
        .containsExactly("a", "b", "c", "w1|s-1|shardId-000000000000|1000", "d");
    assertThat(new String(records.get(1).data(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"b\"}");
    assertThat(records).allSatisfy(r -> assertThat(r.shardId()).isEqualTo(LOW));
    assertThat(records.get(0).arrivalMillis()).isEqualTo(77);
    assertThat(input.strayCopies()).isZero();
  }

  @Test
  void aSubRecordOutsideTheShardsRangeIsAStrayCopyAndSkipped() {
    AggregatedInput input = new AggregatedInput("s", SPLIT);
    // made for the parent by a stale map: landed in the lower child, which owns a and c only
    List<InputRecord> low = input.expand(List.of(aggregate(LOW, "500", sub("a", "5"), sub("b", "1000"),
        sub("c", "999"), sub("d", "340282366920938463463374607431768211455"))));
    assertThat(low).extracting(InputRecord::partitionKey).containsExactly("a", "c");
    assertThat(low).extracting(InputRecord::sequenceNumber).containsExactly("5000000", "5000002");
    assertThat(input.strayCopies()).isEqualTo(2);

    List<InputRecord> high = input.expand(List.of(aggregate(HIGH, "600", sub("b", "1000"),
        sub("d", "340282366920938463463374607431768211455"), sub("a", "5"))));
    assertThat(high).extracting(InputRecord::partitionKey).containsExactly("b", "d");
    assertThat(input.strayCopies()).isEqualTo(3);
  }

  @Test
  void aMalformedAggregateStaysOneRecordForTheDecoderToDeadLetter() {
    byte[] broken = AggregateRecord.encode(List.of(sub("a", "5")));
    byte[] cut = java.util.Arrays.copyOf(broken, broken.length - 1);
    List<InputRecord> records = new AggregatedInput("s", SPLIT)
        .expand(List.of(new InputRecord(LOW, "9", "a1", cut, 0)));
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.sequenceNumber()).isEqualTo("90000");
      assertThat(r.data()).isEqualTo(cut);
    });
  }

  @Test
  void anAggregateOnAShardWhoseRangeCannotBeListedFailsTheBatchSayingWhatIsMissing() {
    AggregatedInput input = new AggregatedInput("s", SPLIT);
    assertThatThrownBy(() -> input.expand(List.of(aggregate("shardId-000000000009", "1", sub("a", "5")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shard shardId-000000000009 of aggregated stream s")
        .hasMessageContaining("kinesis:ListShards");
  }

  @Test
  void aFailureOnAnAggregatedStreamNamesTheSequenceNumberAndTheSubRecordApart() {
    InputRecord record = new AggregatedInput("s", SPLIT).expand(List.of(
        aggregate(LOW, "495", sub("a", "5"), sub("b", "17")))).get(1);
    String error = new dev.runnel.functions.deadletter.FailureContext("job", "job-2", false, true).describe(record,
        new dev.runnel.functions.deadletter.StepFailure(dev.runnel.functions.deadletter.ErrorType.DECODE, null,
            "cannot decode", null)).error();
    assertThat(error).isEqualTo("job 'job', stage 'job-2', shard " + LOW
        + ", sequence number 495 sub-record 1: cannot decode");
    assertThat(SubRecordPosition.index(record.sequenceNumber())).isEqualTo(1);
  }
}
