package dev.runnel.localrunner.input;

import dev.runnel.functions.output.SizeLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the lines of an input into its Kafka topic, as {@link InputFeeder} does into a Kinesis stream: key = the
 * line number (so records spread over the partitions the same way on every run), value = the line, with an
 * idempotent producer, then waits until every record is acknowledged. Empty lines are counted and skipped; a line
 * over the record size limit goes to {@code rejected} (the dead letters).
 */
public final class TopicFeeder implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final Consumer<RejectedLine> rejected;
  private final LongAdder written = new LongAdder();

  /** A feeder writing to the cluster at {@code bootstrapServers}; close it after feeding. */
  public TopicFeeder(String bootstrapServers, Consumer<RejectedLine> rejected) {
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    this.rejected = rejected;
  }

  /** Records this feeder has written so far, from any thread. */
  public long written() {
    return written.sum();
  }

  /** Feeds every non-blank line of the input that fits in a record; returns what became of the lines. */
  public FedLines feed(InputSource input) {
    long before = written.sum();
    int fed = 0;
    int empty = 0;
    int tooLarge = 0;
    int lineNumber = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(input.opener().open(),
        StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          empty++;
          continue;
        }
        byte[] data = line.getBytes(StandardCharsets.UTF_8);
        byte[] key = Integer.toString(lineNumber).getBytes(StandardCharsets.UTF_8);
        long size = data.length + key.length + SizeLimits.KAFKA_RECORD_OVERHEAD_BYTES;
        if (size > SizeLimits.KAFKA_RECORD_BYTES) {
          rejected.accept(new RejectedLine(input, lineNumber, data, "the record would be about " + size
              + " bytes, over the " + SizeLimits.KAFKA_RECORD_BYTES + "-byte (1 MiB) record limit of Kafka topic '"
              + input.stream() + "'; it was not written. Make the record smaller, or split it into several records."));
          tooLarge++;
          continue;
        }
        producer.send(new ProducerRecord<>(input.stream(), key, data), (metadata, error) -> {
          if (error == null) {
            written.increment();
          }
        });
        fed++;
      }
      producer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read input " + input.label(), e);
    }
    if (written.sum() - before < fed) {
      throw new IllegalStateException("only " + (written.sum() - before) + " of " + fed + " records of " + input.label()
          + " could be written to topic " + input.stream());
    }
    return new FedLines(fed, empty, tooLarge, 0);
  }

  @Override
  public void close() {
    producer.close();
  }
}
