package dev.runnel.functions.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.functions.fixtures.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The cached shard lineage: a shard the cache does not know (a progress row of a child published after a reshard)
 * makes it read ListShards again, so a drained parent does not hold a reader's watermark for a minute. Found by the
 * fault harness: a local run that resharded a repartition stream went quiet within the minute, its windows unfired.
 */
class KinesisStreamShardsTest {
  private final AtomicInteger calls = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
  private final AtomicReference<List<Shard>> shards = new AtomicReference<>(List.of(shard("p", null, false)));
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final KinesisStreamShards lineage = new KinesisStreamShards(new KinesisClient() {
    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
      calls.incrementAndGet();
      if (failing.get()) {
        throw software.amazon.awssdk.services.kinesis.model.LimitExceededException.builder().message("slow down")
            .build();
      }
      return ListShardsResponse.builder().shards(shards.get()).build();
    }

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {
    }
  }, clock);

  private static Shard shard(String id, String parent, boolean closed) {
    return Shard.builder().shardId(id).parentShardId(parent)
        .hashKeyRange(r -> r.startingHashKey("0").endingHashKey("1"))
        .sequenceNumberRange(r -> r.startingSequenceNumber("1").endingSequenceNumber(closed ? "2" : null)).build();
  }

  @Test
  void aShardTheCacheDoesNotKnowMakesItListAgainAfterASecond() {
    assertThat(lineage.parents("s", List.of("p"))).isEmpty();
    shards.set(List.of(shard("p", null, true), shard("c1", "p", false), shard("c2", "p", false)));
    clock.advance(Duration.ofSeconds(5));
    assertThat(lineage.parents("s", List.of("p"))).as("every shard seen is known: cached").isEmpty();
    assertThat(lineage.parents("s")).as("within the minute: cached").isEmpty();
    assertThat(calls).hasValue(1);

    assertThat(lineage.parents("s", List.of("p", "c1"))).as("c1 is new: listed again")
        .isEqualTo(Map.of("c1", Set.of("p"), "c2", Set.of("p")));
    assertThat(lineage.openShards("s")).containsExactlyInAnyOrder("c1", "c2");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aShardUnknownToKinesisIsListedAgainAtMostOnceASecond() {
    lineage.parents("s", List.of("gone"));
    lineage.parents("s", List.of("gone"));
    assertThat(calls).as("a row of a shard past its retention does not list at every call").hasValue(1);
    clock.advance(Duration.ofMillis(1_500));
    lineage.parents("s", List.of("gone"));
    assertThat(calls).hasValue(2);
  }

  @Test
  void aChildsLineageIsListedAtOnceAndAFailedListingThrowsRatherThanAnswerNoParents() {
    assertThat(lineage.shard("s", "p")).hasValueSatisfying(p -> assertThat(p.parents()).isEmpty());
    shards.set(List.of(shard("p", null, true), shard("c1", "p", false), shard("c2", "p", false)));
    assertThat(lineage.shard("s", "c1")).as("unknown to the cache: listed again without waiting a second")
        .contains(new StreamShards.ListedShard("c1", Set.of("p"), "0", "1"));
    assertThat(calls).hasValue(2);

    failing.set(true);
    assertThat(lineage.shard("s", "c2")).as("known: from the cache, however old").isPresent();
    clock.advance(Duration.ofHours(1));
    assertThat(lineage.shard("s", "c2")).isPresent();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> lineage.shard("s", "c3"))
        .isInstanceOf(software.amazon.awssdk.services.kinesis.model.LimitExceededException.class);
    assertThat(lineage.parents("s")).as("the watermark's answers keep the last listing").containsKey("c1");
  }
}
