package dev.runnel.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.kafka.KafkaBatchResponse;
import dev.runnel.functions.kafka.KafkaBatchResponse.ItemFailure;
import dev.runnel.functions.kafka.KafkaEventRecords;
import dev.runnel.functions.kafka.PartitionBatch;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage on Lambda's Kafka event: each topic-partition's records are one batch of the stage, with the
 * topic-partition as its shard and offsets as sequence numbers, so the checkpoint, dedup and fencing protocol holds
 * per (stage, topic-partition) exactly as per (stage, shard) on Kinesis (docs/kafka.md). Partitions run one after the
 * other. A partition whose writes failed is reported to be read again from its first unwritten offset; a partition
 * that threw fails the whole invocation once every partition has run (Lambda then redelivers the batch, and what the
 * other partitions committed is dropped as redelivered).
 */
public final class KafkaStageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStageHandler.class);
  private final StageHandler stage;
  private final BatchRunner runner;

  /** Runs one partition's records as one batch of the stage: {@link StageHandler#handleRecords}. */
  @FunctionalInterface
  interface BatchRunner {
    StreamsEventResponse run(List<InputRecord> records, Context context);
  }

  /** For AWS Lambda: the stage configured by the environment, as {@link StageHandler#StageHandler()}. */
  public KafkaStageHandler() {
    this(new StageHandler());
  }

  /** A Kafka front for {@code stage}. */
  public KafkaStageHandler(StageHandler stage) {
    this(stage, stage::handleRecords);
  }

  /** A Kafka front running each partition's batch with {@code runner} (tests). */
  KafkaStageHandler(StageHandler stage, BatchRunner runner) {
    this.stage = stage;
    this.runner = runner;
  }

  /** Handles one Kafka event; the response names each partition to read again and where from. */
  public KafkaBatchResponse handle(KafkaEvent event, Context context) {
    return handle(KafkaEventRecords.of(event), context);
  }

  /** Handles the batches of one event, in order. */
  public KafkaBatchResponse handle(List<PartitionBatch> batches, Context context) {
    List<ItemFailure> failures = new ArrayList<>();
    RuntimeException firstThrown = null;
    Error firstError = null;
    for (PartitionBatch batch : batches) {
      try {
        StreamsEventResponse response = runner.run(batch.records(), context);
        if (response.getBatchItemFailures() != null) {
          for (BatchItemFailure failure : response.getBatchItemFailures()) {
            failures.add(new ItemFailure(batch.partition(), Long.parseLong(failure.getItemIdentifier())));
          }
        }
      } catch (RuntimeException e) {
        firstThrown = suppress(firstThrown, e, batch);
      } catch (Error e) {
        firstError = firstError == null ? e : firstError;
        if (firstError != e) {
          firstError.addSuppressed(e);
        }
      }
    }
    if (firstError != null) {
      throw firstError;
    }
    if (firstThrown != null) {
      throw firstThrown;
    }
    return new KafkaBatchResponse(failures);
  }

  private static RuntimeException suppress(RuntimeException first, RuntimeException e, PartitionBatch batch) {
    LOG.warn("partition {} failed its batch of {} record(s); the invocation fails once the other partitions ran",
        batch.partition(), batch.records().size());
    if (first == null) {
      return e;
    }
    first.addSuppressed(e);
    return first;
  }

  /** The stage behind this handler (metrics, tests). */
  public StageHandler stage() {
    return stage;
  }
}
