package dev.runnel.functions.output;

import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.Objects;

/**
 * A record for a Kafka topic (a repartition topic or a topic sink, docs/kafka.md). The key stays the routing key,
 * which Kafka's default partitioner hashes, so every record of a key lands in one partition; the record's identity
 * travels in the {@code runnel-id} header instead.
 *
 * @param output    the output's name
 * @param topic     the topic to send it to
 * @param key       the routing key (UTF-8 on the wire), or null for a record sent to a named partition
 * @param data      its JSON bytes; not copied
 * @param identity  the {@code runnel-id} header's text ({@code r1|...} or a watermark marker's {@code w1|...}), or
 *                  null for a stage without identities
 * @param partition the partition to send it to, or -1 to let the key choose
 */
public record TopicRecord(String output, String topic, String key, byte[] data, String identity, int partition)
    implements Emission {
  /** Let the key choose the partition. */
  public static final int BY_KEY = -1;

  public TopicRecord {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(data, "data");
    if (key == null && partition == BY_KEY) {
      throw new IllegalArgumentException("a record for topic " + topic + " needs a key or a partition");
    }
  }

  /** A record routed by {@code key}, without identity. */
  public TopicRecord(String output, String topic, String key, byte[] data) {
    this(output, topic, key, data, null, BY_KEY);
  }

  /** The same record carrying {@code identity} in its header; the key, and so the partition, stay. */
  public TopicRecord withIdentity(RecordIdentity identity) {
    return new TopicRecord(output, topic, key, data, identity.toPartitionKey(), partition);
  }
}
