package dev.runnel.functions.time;

import java.util.Optional;

/**
 * A watermark announced in-band: a record a stage shard writes to every open shard of each stream it feeds when its
 * watermark moves, after the records it covers, so a reader that has read the marker has read everything the
 * producer sent before it (docs/time.md). Its partition key is {@code w1|stage|shardId|watermark}; the payload is
 * empty JSON. Readers apply markers to their time and never to operators.
 *
 * @param stage     the producing stage
 * @param shardId   the producing shard
 * @param watermark the producer's watermark: it sends nothing later with an event time at or before it, except late
 *                  records
 */
public record WatermarkMarker(String stage, String shardId, long watermark) {
  /** The prefix of every marker's partition key. */
  public static final String PREFIX = "w1|";
  /** A marker's payload. */
  public static final byte[] PAYLOAD = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** The partition key. */
  public String toPartitionKey() {
    return PREFIX + stage + "|" + shardId + "|" + watermark;
  }

  /** The producer, {@code stage|shardId}, as in record identities and progress rows. */
  public String producer() {
    return stage + "|" + shardId;
  }

  /** True for a partition key that marks a watermark. */
  public static boolean isMarker(String partitionKey) {
    return partitionKey != null && partitionKey.startsWith(PREFIX);
  }

  /** The marker a partition key carries; empty for any other record or a malformed marker. */
  public static Optional<WatermarkMarker> parse(String partitionKey) {
    if (!isMarker(partitionKey)) {
      return Optional.empty();
    }
    String[] parts = partitionKey.split("\\|", -1);
    if (parts.length != 4 || parts[1].isEmpty() || parts[2].isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new WatermarkMarker(parts[1], parts[2], Long.parseLong(parts[3])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
