package dev.runnel.functions.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aggregate wire format: round trips, its limits, and what it refuses to read. */
class AggregateRecordTest {
  private static SubRecord sub(String key, String hash, String json) {
    return new SubRecord(key, hash, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void subRecordsComeBackInOrderWithTheirKeysHashesAndData() {
    List<SubRecord> records = List.of(
        sub("r1|s1|shardId-000000000000|4960|0|-", "340282366920938463463374607431768211455", "{\"a\":1}"),
        sub("r1|s1|shardId-000000000000|4960|1|-", "0", ""),
        sub("k1|ünïcødé|😀", "12345", "{\"b\":\"" + "x".repeat(300) + "\"}"));
    byte[] aggregate = AggregateRecord.encode(records);

    assertThat(AggregateRecord.isAggregate(aggregate)).isTrue();
    List<SubRecord> back = AggregateRecord.decode(aggregate);
    assertThat(back).hasSize(3);
    for (int i = 0; i < records.size(); i++) {
      assertThat(back.get(i).partitionKey()).isEqualTo(records.get(i).partitionKey());
      assertThat(back.get(i).explicitHashKey()).isEqualTo(records.get(i).explicitHashKey());
      assertThat(back.get(i).data()).isEqualTo(records.get(i).data());
    }
    long framed = records.stream().mapToLong(AggregateRecord::framedSize).sum();
    assertThat(aggregate.length).isEqualTo(AggregateRecord.size(records.size(), framed));
  }

  @Test
  void aJsonPayloadIsNeverTakenForAnAggregate() {
    assertThat(AggregateRecord.isAggregate("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(AggregateRecord.isAggregate(new byte[0])).isFalse();
    assertThat(AggregateRecord.isAggregate(new byte[] {0, 'R', 'A'})).isFalse();
  }

  @Test
  void holdsUpToTenThousandSubRecordsAndOneMebibyte() {
    List<SubRecord> many = new ArrayList<>();
    for (int i = 0; i < AggregateRecord.MAX_SUB_RECORDS; i++) {
      many.add(sub("k" + i, Integer.toString(i), "1"));
    }
    assertThat(AggregateRecord.decode(AggregateRecord.encode(many))).hasSize(10_000);
    many.add(sub("one-too-many", "1", "1"));
    assertThatThrownBy(() -> AggregateRecord.encode(many)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 10000 sub-records, not 10001");
    assertThatThrownBy(() -> AggregateRecord.encode(List.of())).isInstanceOf(IllegalArgumentException.class);

    byte[] big = new byte[AggregateRecord.MAX_DATA_BYTES - 64];
    Arrays.fill(big, (byte) 'x');
    SubRecord fits = new SubRecord("k", "1", big);
    assertThat(AggregateRecord.encode(List.of(fits))).hasSizeLessThanOrEqualTo(AggregateRecord.MAX_DATA_BYTES);
    SubRecord over = new SubRecord("k", "1", new byte[AggregateRecord.MAX_DATA_BYTES]);
    assertThatThrownBy(() -> AggregateRecord.encode(List.of(over))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("over the " + AggregateRecord.MAX_DATA_BYTES);
  }

  @Test
  void aTruncatedOrPaddedAggregateIsRefused() {
    byte[] aggregate = AggregateRecord.encode(List.of(sub("a", "1", "{\"a\":1}"), sub("b", "2", "{\"b\":2}")));
    for (int cut = 4; cut < aggregate.length; cut++) {
      byte[] truncated = Arrays.copyOf(aggregate, cut);
      assertThatThrownBy(() -> AggregateRecord.decode(truncated)).as("cut at %d", cut)
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] padded = Arrays.copyOf(aggregate, aggregate.length + 1);
    assertThatThrownBy(() -> AggregateRecord.decode(padded)).hasMessageContaining("1 bytes after its 2 sub-records");
  }

  @Test
  void aSubRecordPositionGrowsWithTheSequenceNumberAndTheIndex() {
    assertThat(SubRecordPosition.of("49590", 0)).isEqualTo("495900000");
    assertThat(SubRecordPosition.of("49590", 7)).isEqualTo("495900007");
    assertThat(SubRecordPosition.of("49590", 9_999)).isEqualTo("495909999");
    assertThat(SubRecordPosition.sequenceNumber("495909999")).isEqualTo("49590");
    assertThat(dev.runnel.checkpointing.identity.SequenceNumberOrder.compare(SubRecordPosition.of("49590", 9_999),
        SubRecordPosition.of("49591", 0))).isNegative();
    assertThatThrownBy(() -> SubRecordPosition.of("1", 10_000)).isInstanceOf(IllegalArgumentException.class);
  }
}
