package dev.runnel.localrunner.input;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The input lines an earlier, interrupted feed already wrote into a source stream, read back from the stream itself,
 * so that a resumed run writes exactly the others: no line twice, none skipped.
 *
 * <p>The feeder writes line {@code n} with partition key {@code n}, and the inputs of one stream one after the other
 * (an input's records, resent failures included, are all acknowledged before the next input starts). So for each
 * partition key, the stream holds one record per input, in input order, that had already written that line: with
 * {@code c} records of key {@code n} in the stream, line {@code n} of the first {@code c} inputs having a line
 * {@code n} to write is there, and of no other. A resumed feed goes through the inputs in the same order and
 * {@link #claim claims} line {@code n} of an input while any remain. Reading the stream, not a journal kept beside it,
 * counts exactly the records Kinesis accepted, even those whose PutRecords answer the killed run never received.
 */
public final class AlreadyFed {
  private final Map<String, Integer> remaining;
  private final int total;

  private AlreadyFed(Map<String, Integer> counts) {
    this.remaining = new HashMap<>(counts);
    this.total = counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Nothing fed yet: a fresh stream. */
  public static AlreadyFed none() {
    return new AlreadyFed(Map.of());
  }

  /** The records per partition key a stream holds, as read back by {@link #readBack}. */
  public static AlreadyFed of(Map<String, Integer> recordsPerPartitionKey) {
    return new AlreadyFed(recordsPerPartitionKey);
  }

  /** Reads every record of every shard of {@code stream}, closed shards included, and counts them by partition key. */
  public static AlreadyFed readBack(KinesisClient kinesis, String stream) {
    Map<String, Integer> counts = new HashMap<>();
    String token = null;
    do {
      String next = token;
      ListShardsResponse page = next == null ? kinesis.listShards(b -> b.streamName(stream))
          : kinesis.listShards(b -> b.nextToken(next));
      for (Shard shard : page.shards()) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
          String current = iterator;
          GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current).limit(10_000));
          for (Record record : response.records()) {
            counts.merge(record.partitionKey(), 1, Integer::sum);
          }
          boolean caughtUp = response.records().isEmpty()
              && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
          iterator = caughtUp ? null : response.nextShardIterator();
        }
      }
      token = page.nextToken();
    } while (token != null);
    return new AlreadyFed(counts);
  }

  /** True, and one fewer left, if the stream already holds a record of this partition key not yet claimed. */
  public boolean claim(String partitionKey) {
    Integer left = remaining.get(partitionKey);
    if (left == null) {
      return false;
    }
    if (left == 1) {
      remaining.remove(partitionKey);
    } else {
      remaining.put(partitionKey, left - 1);
    }
    return true;
  }

  /** How many records the stream held when read back. */
  public int total() {
    return total;
  }

  /** How many of them no line has claimed (records the inputs do not account for: other inputs, or other files). */
  public int unclaimed() {
    return remaining.values().stream().mapToInt(Integer::intValue).sum();
  }
}
