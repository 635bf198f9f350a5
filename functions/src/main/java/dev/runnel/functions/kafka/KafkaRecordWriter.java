package dev.runnel.functions.kafka;

import dev.runnel.functions.output.TopicRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records to a topic with the container's idempotent producer: every record of a batch is sent, then the
 * producer is flushed once, then each record's outcome is read. The key is the routing key, so Kafka's partitioner
 * keeps a key in one partition; the identity travels in the {@link IdentityHeader}. The producer's own retries
 * (idempotent, so without duplicates) cover passing errors within its delivery timeout; what still fails is reported
 * for the batch to be retried, what the broker refuses for the record's sake is reported as rejected, and any other
 * error (authorization, a fenced producer) throws, since every record would fail the same way.
 */
public final class KafkaRecordWriter {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaRecordWriter.class);
  private final KafkaOutput kafka;

  /** A writer through {@code kafka}'s producer. */
  public KafkaRecordWriter(KafkaOutput kafka) {
    this.kafka = kafka;
  }

  /** Sends all {@code records} to {@code topic} and waits until each is acknowledged or failed. */
  public TopicWrite send(String topic, List<TopicRecord> records) {
    if (records.isEmpty()) {
      return TopicWrite.COMPLETE;
    }
    Producer<byte[], byte[]> producer = kafka.producer();
    RecordMetadata[] landed = new RecordMetadata[records.size()];
    Exception[] errors = new Exception[records.size()];
    for (int i = 0; i < records.size(); i++) {
      int index = i;
      try {
        producer.send(producerRecord(topic, records.get(i)), (metadata, error) -> {
          synchronized (errors) {
            landed[index] = metadata;
            errors[index] = error;
          }
        });
      } catch (KafkaException e) {
        synchronized (errors) {
          errors[index] = e;
        }
      }
    }
    producer.flush();
    Set<Integer> failed = new HashSet<>();
    Map<Integer, String> rejected = new HashMap<>();
    KafkaException fatal = null;
    synchronized (errors) {
      for (int i = 0; i < records.size(); i++) {
        Exception error = errors[i];
        if (error == null) {
          continue;
        }
        String where = where(topic, landed[i]);
        if (error instanceof RetriableException) {
          failed.add(i);
        } else if (aboutTheRecord(error)) {
          rejected.put(i, where + " refused the record: " + error.getClass().getName() + ": " + error.getMessage());
        } else if (fatal == null) {
          fatal = new KafkaException("cannot write to " + where + ": " + error.getMessage()
              + " (not retriable by the producer; the batch fails and the event source mapping retries it)", error);
        }
      }
    }
    if (fatal != null) {
      kafka.discard();
      throw fatal;
    }
    if (!failed.isEmpty()) {
      LOG.warn("{} of {} records not written to topic {} within the producer's delivery timeout", failed.size(),
          records.size(), topic);
    }
    return new TopicWrite(failed, rejected);
  }

  /** The ids of the partitions of {@code topic}, from the producer's metadata (waits for it up to max.block.ms). */
  public List<Integer> partitions(String topic) {
    return kafka.producer().partitionsFor(topic).stream().map(PartitionInfo::partition).sorted().toList();
  }

  private static ProducerRecord<byte[], byte[]> producerRecord(String topic, TopicRecord record) {
    RecordHeaders headers = new RecordHeaders();
    if (record.identity() != null) {
      headers.add(new RecordHeader(IdentityHeader.NAME, record.identity().getBytes(StandardCharsets.UTF_8)));
    }
    return new ProducerRecord<>(topic, record.partition() == TopicRecord.BY_KEY ? null : record.partition(), null,
        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.data(), headers);
  }

  /** True for errors caused by the record itself, which every retry would meet again. */
  private static boolean aboutTheRecord(Exception error) {
    return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
        || error instanceof InvalidRecordException || error instanceof SerializationException;
  }

  /** {@code topic <t> partition <p>}, or just the topic when the record was refused before it had a partition. */
  private static String where(String topic, RecordMetadata metadata) {
    return metadata == null || metadata.partition() < 0 ? "topic " + topic
        : "topic " + topic + " partition " + metadata.partition();
  }
}
