package dev.runnel.checkpointing.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.KinesisLocal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** A record sent with an identity and the routing key's explicit hash key lands where the key alone would. */
class ExplicitHashKeyOnKinesisTest {
  private static final String STREAM = "routing";

  private static KinesisLocal kinesisLocal;
  private static KinesisClient kinesis;

  @BeforeAll
  static void start() {
    kinesisLocal = new KinesisLocal().start();
    kinesis = kinesisLocal.client();
    kinesis.createStream(b -> b.streamName(STREAM).shardCount(4));
    awaitActive();
  }

  /** Polls every 50 ms: the SDK's waiter polls every 10 s, and kinesis-local is ready in a fraction of that. */
  private static void awaitActive() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (kinesis.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("stream " + STREAM + " is not active after 30 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (kinesis != null) {
      kinesis.close();
    }
    if (kinesisLocal != null) {
      kinesisLocal.close();
    }
  }

  @Test
  void identityWithExplicitHashKeyGoesToTheShardOfTheRoutingKey() {
    List<Shard> shards = kinesis.listShards(b -> b.streamName(STREAM)).shards();
    Set<String> shardsUsed = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      String key = "customer-" + i;
      String byKey = put(key, null);
      RecordIdentity id = new RecordIdentity("job-1", "shardId-000000000000", Integer.toString(1000 + i), i, "-");
      String hashKey = RecordIdentity.explicitHashKey(key);
      String byIdentity = put(id.toPartitionKey(), hashKey);
      assertThat(byIdentity).as(key).isEqualTo(byKey);
      assertThat(shardOwning(shards, new BigInteger(hashKey))).as(key).isEqualTo(byKey);
      shardsUsed.add(byKey);
    }
    assertThat(shardsUsed).as("keys spread over several shards, so a wrong hash would show").hasSizeGreaterThan(1);
  }

  private static String put(String partitionKey, String explicitHashKey) {
    PutRecordRequest.Builder request = PutRecordRequest.builder().streamName(STREAM).partitionKey(partitionKey)
        .data(SdkBytes.fromUtf8String("{}"));
    if (explicitHashKey != null) {
      request.explicitHashKey(explicitHashKey);
    }
    return kinesis.putRecord(request.build()).shardId();
  }

  private static String shardOwning(List<Shard> shards, BigInteger hashKey) {
    for (Shard shard : shards) {
      BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
      BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
      if (hashKey.compareTo(start) >= 0 && hashKey.compareTo(end) <= 0) {
        return shard.shardId();
      }
    }
    throw new AssertionError("no shard owns hash key " + hashKey);
  }
}
