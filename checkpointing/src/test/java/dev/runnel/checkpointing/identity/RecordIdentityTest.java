package dev.runnel.checkpointing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordIdentityTest {
  private static final String SEQ = "49590338271490256608559692538361571095921575989136588898";
  private static final RecordIdentity ID =
      new RecordIdentity("orders-2", "shardId-000000000003", SEQ, 7, "49590338271490256608559692538361571095921575989136588000");

  @Test
  void partitionKeyListsTheFieldsAfterTheVersionPrefix() {
    assertThat(ID.toPartitionKey()).isEqualTo("r1|orders-2|shardId-000000000003|" + SEQ + "|7|"
        + "49590338271490256608559692538361571095921575989136588000");
    assertThat(new RecordIdentity("s", "shard-1", "5", 0, "-").toPartitionKey()).isEqualTo("r1|s|shard-1|5|0|-");
  }

  @Test
  void parseReadsBackWhatToPartitionKeyWrote() {
    assertThat(RecordIdentity.parse(ID.toPartitionKey())).contains(ID);
    RecordIdentity none = new RecordIdentity("s", "shard-1", "5", 0, RecordIdentity.NOTHING_COMMITTED);
    assertThat(RecordIdentity.parse(none.toPartitionKey())).contains(none);
  }

  @Test
  void foreignPartitionKeysAreNotIdentitiesAndNeverThrow() {
    for (String key : new String[] {"user-42", "", "r1", "R1|a|b|1|0|-", "r2|a|b|1|0|-", " r1|a|b|1|0|-", "|r1|",
        "r10|x", "r1 |a|b|1|0|-"}) {
      assertThat(RecordIdentity.parse(key)).as(key).isEmpty();
    }
    assertThat(RecordIdentity.parse(null)).isEmpty();
  }

  @Test
  void malformedIdentitiesAreRejectedWithTheKeyAndTheReason() {
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5|0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r1|s|shard|5|0")
        .hasMessageContaining("5 '|'-separated fields, not 6, 7 or 8");
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5|0|-|7|8|extra")).hasMessageContaining("9 ");
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5|0|-|7|extra")).hasMessageContaining("'extra'");
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5|0|-|extra")).hasMessageContaining("event time 'extra'");
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5|x|-")).hasMessageContaining("output index 'x'");
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5|01|-")).hasMessageContaining("canonical");
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5|-1|-")).hasMessageContaining("negative");
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5a|0|-")).hasMessageContaining("sequence number");
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5|0|")).hasMessageContaining("committed");
    assertThatThrownBy(() -> RecordIdentity.parse("r1||shard|5|0|-")).hasMessageContaining("needs a stage");
  }

  @Test
  void partitionKeyRejectsTheSeparatorInsideAPartAndKeysOver256Characters() {
    assertThatThrownBy(() -> new RecordIdentity("a|b", "shard", "1", 0, "-").toPartitionKey())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage 'a|b' contains '|'");
    assertThatThrownBy(() -> new RecordIdentity("s", "sh|ard", "1", 0, "-").toPartitionKey())
        .hasMessageContaining("shard id");
    String longStage = "s".repeat(256 - "r1||shard|1|0|-".length());
    assertThat(new RecordIdentity(longStage, "shard", "1", 0, "-").toPartitionKey()).hasSize(256);
    assertThatThrownBy(() -> new RecordIdentity(longStage + "s", "shard", "1", 0, "-").toPartitionKey())
        .hasMessageContaining("257 characters");
  }

  @Test
  void constructorRejectsPositionsThatAreNotNumbers() {
    assertThatThrownBy(() -> new RecordIdentity("s", "shard", "", 0, "-")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecordIdentity("s", "shard", "1", 0, "12x")).hasMessageContaining("committed");
    assertThatThrownBy(() -> new RecordIdentity("s", "shard", "1", -1, "-")).hasMessageContaining("negative");
  }

  @Test
  void producerIsTheStageAndShardAndAttemptsAtOneOutputAreTheSameRecord() {
    assertThat(ID.producer()).isEqualTo("orders-2|shardId-000000000003");
    RecordIdentity retry = new RecordIdentity("orders-2", "shardId-000000000003", SEQ, 7, "-");
    assertThat(retry.sameRecordAs(ID)).isTrue();
    assertThat(new RecordIdentity("orders-2", "shardId-000000000003", SEQ, 6, "-").sameRecordAs(ID)).isFalse();
  }

  @Test
  void anEventTimeIsASeventhFieldAndNoEventTimeKeepsTheSixFieldForm() {
    RecordIdentity timed = ID.withEventTime(1_700_000_000_123L);
    assertThat(timed.toPartitionKey()).isEqualTo(ID.toPartitionKey() + "|1700000000123");
    assertThat(timed.hasEventTime()).isTrue();
    assertThat(ID.eventTime()).isEqualTo(RecordIdentity.NO_TIME);
    assertThat(ID.hasEventTime()).isFalse();
    assertThat(timed.withEventTime(RecordIdentity.NO_TIME)).isEqualTo(ID);
    assertThat(timed.withEventTime(RecordIdentity.NO_TIME).toPartitionKey()).isEqualTo(ID.toPartitionKey());
    assertThat(new RecordIdentity("s", "shard-1", "5", 0, "-", -42).toPartitionKey()).isEqualTo("r1|s|shard-1|5|0|-|-42");
    assertThat(new RecordIdentity("s", "shard-1", "5", 0, "-", 0).toPartitionKey()).isEqualTo("r1|s|shard-1|5|0|-|0");
  }

  @Test
  void parseReadsBackBothFormsWithAnyEventTime() {
    for (long time : new long[] {0, 1, -1, 1_700_000_000_123L, -62_135_596_800_000L, Long.MAX_VALUE,
        Long.MIN_VALUE + 1}) {
      RecordIdentity timed = ID.withEventTime(time);
      assertThat(RecordIdentity.parse(timed.toPartitionKey())).as("" + time).contains(timed);
      RecordIdentity none = new RecordIdentity("s", "shard-1", "5", 0, "-", time);
      assertThat(RecordIdentity.parse(none.toPartitionKey())).as("" + time).contains(none);
    }
    assertThat(RecordIdentity.parse("r1|s|shard-1|5|0|-")).contains(new RecordIdentity("s", "shard-1", "5", 0, "-"));
    assertThat(RecordIdentity.parse("r1|s|shard-1|5|0|-|-7"))
        .contains(new RecordIdentity("s", "shard-1", "5", 0, "-", -7));
  }

  @Test
  void aMalformedEventTimeIsRejected() {
    for (String field : new String[] {"", "x", "1.5", "+5", "05", "-0", "-05", " 5", "5 ", "1e3",
        "9223372036854775808", "-9223372036854775809", "0x10"}) {
      String key = "r1|s|shard|5|0|-|" + field;
      assertThatThrownBy(() -> RecordIdentity.parse(key)).as(field).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(key).hasMessageContaining("event time");
    }
    assertThatThrownBy(() -> RecordIdentity.parse("r1|s|shard|5|0|-|" + Long.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no event time");
  }

  @Test
  void theLengthLimitCountsTheEventTime() {
    RecordIdentity base = new RecordIdentity("s", "shard", "1", 0, "-");
    String longStage = "s".repeat(256 - "r1||shard|1|0|-|-1000".length());
    RecordIdentity fits = new RecordIdentity(longStage, "shard", "1", 0, "-", -1000);
    assertThat(fits.toPartitionKey()).hasSize(256);
    assertThat(RecordIdentity.parse(fits.toPartitionKey())).contains(fits);
    assertThatThrownBy(() -> fits.withEventTime(-10_000).toPartitionKey()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("257 characters");
    assertThat(new RecordIdentity(longStage, "shard", "1", 0, "-").toPartitionKey()).hasSize(250);
    assertThat(base.withEventTime(Long.MAX_VALUE).toPartitionKey()).endsWith("|" + Long.MAX_VALUE);
  }

  @Test
  void theEventTimeIsNoPartOfTheSameRecordOrTheProducer() {
    RecordIdentity timed = ID.withEventTime(5);
    assertThat(timed.sameRecordAs(ID)).isTrue();
    assertThat(ID.sameRecordAs(timed)).isTrue();
    assertThat(timed.sameRecordAs(ID.withEventTime(6))).isTrue();
    assertThat(timed.producer()).isEqualTo(ID.producer());
    assertThat(timed).isNotEqualTo(ID);
  }

  @Test
  void aProducerWatermarkIsAnEighthFieldWithOrWithoutAnEventTime() {
    RecordIdentity both = new RecordIdentity("s", "shard", "5", 1, "4", 1_000L).withWatermark(900L);
    assertThat(both.toPartitionKey()).isEqualTo("r1|s|shard|5|1|4|1000|900");
    assertThat(RecordIdentity.parse(both.toPartitionKey())).contains(both);
    RecordIdentity watermarkOnly = new RecordIdentity("s", "shard", "5", 1, "4").withWatermark(-3L);
    assertThat(watermarkOnly.toPartitionKey()).isEqualTo("r1|s|shard|5|1|4|-|-3");
    assertThat(RecordIdentity.parse(watermarkOnly.toPartitionKey())).contains(watermarkOnly);
    assertThat(both.sameRecordAs(watermarkOnly)).isTrue();
  }

  @Test
  void explicitHashKeyIsTheUnsignedMd5OfTheUtf8KeyInDecimal() {
    // vectors from Python: int.from_bytes(hashlib.md5(key.encode()).digest(), 'big')
    assertThat(RecordIdentity.explicitHashKey("")).isEqualTo("281949768489412648962353822266799178366");
    assertThat(RecordIdentity.explicitHashKey("user-42")).isEqualTo("157107139746365290205026809710278036035");
    assertThat(RecordIdentity.explicitHashKey("é€ key")).isEqualTo("305835930558534911334920618443784834891");
    assertThat(RecordIdentity.explicitHashKey("a".repeat(256))).isEqualTo("171556711552603490594287570722045564601");
  }

  @Test
  void unsignedDecimalIsBigIntegersTextOfAny128BitNumber() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(13);
    long[][] edges = {{0, 0}, {0, -1}, {1, 0}, {-1, -1}, {Long.MIN_VALUE, 0}, {0, 1_000_000_000L},
        {54_210_108_624_275_221L, -5_527_149_226_598_858_752L}}; // the last: exactly 10^36
    for (long[] edge : edges) {
      assertThat(RecordIdentity.unsignedDecimal(edge[0], edge[1])).isEqualTo(bigIntegerText(edge[0], edge[1]));
    }
    for (int i = 0; i < 100_000; i++) {
      long high = random.nextInt(4) == 0 ? random.nextLong(1_000) : random.nextLong();
      long low = random.nextLong();
      assertThat(RecordIdentity.unsignedDecimal(high, low)).isEqualTo(bigIntegerText(high, low));
    }
  }

  private static String bigIntegerText(long high, long low) {
    byte[] bytes = java.nio.ByteBuffer.allocate(16).putLong(high).putLong(low).array();
    return new java.math.BigInteger(1, bytes).toString();
  }
}
