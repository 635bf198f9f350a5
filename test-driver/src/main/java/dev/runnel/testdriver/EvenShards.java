package dev.runnel.testdriver;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The open shards of an in-memory stream as Kinesis lays out a new stream: the 128-bit hash key space split evenly,
 * shard {@code i} named {@code shardId-00000000000i}, a record routed by its explicit hash key or else the MD5 of its
 * partition key. Shared by the test driver's streams and the Nexmark bench's.
 */
public final class EvenShards {
  private static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);

  private final BigInteger[] starts;

  /** {@code count} shards. */
  public EvenShards(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a stream has at least one shard, not " + count);
    }
    starts = new BigInteger[count];
    for (int i = 0; i < count; i++) {
      starts[i] = HASH_SPACE.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count));
    }
  }

  /** The number of shards. */
  public int count() {
    return starts.length;
  }

  /** The id Kinesis gives shard {@code index}. */
  public static String shardId(int index) {
    return String.format("shardId-%012d", index);
  }

  /** The shard a record goes to: by {@code explicitHashKey} (decimal) when not null, else by its partition key. */
  public int shardOf(String explicitHashKey, String partitionKey) {
    BigInteger hash = explicitHashKey != null ? new BigInteger(explicitHashKey) : md5(partitionKey);
    for (int i = starts.length - 1; i > 0; i--) {
      if (hash.compareTo(starts[i]) >= 0) {
        return i;
      }
    }
    return 0;
  }

  /** The shards as ListShards describes them: ids, hash key ranges, and a starting sequence number. */
  public List<Shard> describe() {
    List<Shard> list = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      BigInteger end = (i + 1 < starts.length ? starts[i + 1] : HASH_SPACE).subtract(BigInteger.ONE);
      String start = starts[i].toString();
      list.add(Shard.builder().shardId(shardId(i))
          .hashKeyRange(r -> r.startingHashKey(start).endingHashKey(end.toString()))
          .sequenceNumberRange(r -> r.startingSequenceNumber("4960" + "0".repeat(52))).build());
    }
    return list;
  }

  private static BigInteger md5(String partitionKey) {
    try {
      return new BigInteger(1, MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
  }
}
