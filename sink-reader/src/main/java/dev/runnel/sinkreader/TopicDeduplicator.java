package dev.runnel.sinkreader;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the copies in a Runnel **sink topic** for a service reading it with its own {@code KafkaConsumer} (its own
 * group, commits and threads): Kafka is at-least-once like Kinesis, and a retried Runnel invocation may have sent a
 * record twice, with the same identity in its {@code runnel-id} header and a new offset. Pass every polled record to
 * {@link #deliverOnce}; the rule is the stream reader's ({@link AppliedIdentities#isDuplicate}), with one memory per
 * topic-partition (all copies of a record have its key, so they land in one partition). A record without the header
 * is delivered as it is. Not thread-safe: use one per consumer.
 */
public final class TopicDeduplicator {
  /** The header carrying a Runnel record's identity. */
  public static final String IDENTITY_HEADER = "runnel-id";
  private static final Logger LOG = LoggerFactory.getLogger(TopicDeduplicator.class);

  private final Map<String, AppliedIdentities> memories = new HashMap<>();
  private long delivered;
  private long dropped;

  /**
   * Passes {@code record} to {@code handler} unless it is a copy of one already delivered on its partition; true
   * when it was delivered. The {@link RunnelRecord} names the partition as its shard ({@code <topic>-<partition>})
   * and the offset as its sequence number; store its {@code dedupMemory()} with its effects and give it back to
   * {@link #restore} after a restart to stay exactly once across restarts. When the handler throws, nothing is
   * remembered and the exception propagates.
   */
  public boolean deliverOnce(ConsumerRecord<byte[], byte[]> record, RunnelRecordHandler handler) {
    String partition = record.topic() + "-" + record.partition();
    AppliedIdentities memory = memories.getOrDefault(partition, AppliedIdentities.EMPTY);
    RecordIdentity identity = identityOf(record, partition);
    if (identity != null && memory.isDuplicate(identity)) {
      dropped++;
      return false;
    }
    AppliedIdentities after = identity == null ? memory : memory.with(identity);
    handler.handle(new RunnelRecord(record.value() == null ? new byte[0] : record.value(), identity, partition,
        Long.toString(record.offset()), Instant.ofEpochMilli(record.timestamp()), after));
    memories.put(partition, after);
    delivered++;
    return true;
  }

  /** Starts {@code partition} ({@code <topic>-<n>}) from a memory stored with the effects of its last record. */
  public void restore(String partition, AppliedIdentities memory) {
    memories.put(partition, memory);
  }

  /** The memory of {@code partition} now, if it has delivered anything. */
  public Optional<AppliedIdentities> memory(String partition) {
    return Optional.ofNullable(memories.get(partition));
  }

  /** Records delivered so far. */
  public long delivered() {
    return delivered;
  }

  /** Copies dropped so far. */
  public long dropped() {
    return dropped;
  }

  /** The identity in the record's header; null without one, or for a malformed one (then delivered as it is). */
  private static RecordIdentity identityOf(ConsumerRecord<byte[], byte[]> record, String partition) {
    Header header = record.headers().lastHeader(IDENTITY_HEADER);
    if (header == null || header.value() == null) {
      return null;
    }
    try {
      return RecordIdentity.parse(new String(header.value(), StandardCharsets.UTF_8)).orElse(null);
    } catch (IllegalArgumentException e) {
      LOG.warn("{}: record at offset {} is delivered without deduplication: {}", partition, record.offset(),
          e.getMessage());
      return null;
    }
  }
}
