package dev.runnel.sinkreader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

class DeduplicatingRecordProcessorTest {
  private static final String SHARD = "shardId-000000000001";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<RunnelRecord> delivered = new ArrayList<>();
  private final List<RecordHandlingException> failures = new ArrayList<>();
  private final RecordingCheckpointer checkpointer = new RecordingCheckpointer();
  private long nextSequence = 1000;

  @Test
  void copiesOfOneIdentityWithNewSequenceNumbersAreDeliveredOnce() {
    DeduplicatingRecordProcessor processor = started(delivered::add);

    processor.processRecords(batch(
        record(runnelKey("enrich", "shardId-000000000000", "17", 0, "-"), "a"),
        record(runnelKey("enrich", "shardId-000000000000", "17", 1, "-"), "b"),
        record(runnelKey("enrich", "shardId-000000000000", "17", 0, "-"), "a")));
    // a retried producer resends both, with a later committed position it had not reached before
    processor.processRecords(batch(
        record(runnelKey("enrich", "shardId-000000000000", "17", 1, "12"), "b"),
        record(runnelKey("enrich", "shardId-000000000000", "17", 0, "12"), "a")));

    assertThat(payloads()).containsExactly("a", "b");
    assertThat(delivered).extracting(RunnelRecord::sequenceNumber).containsExactly("1000", "1001");
    assertThat(checkpointer.checkpoints).containsExactly("1002", "1004");
  }

  @Test
  void copiesFromAReSplitRetryOfTheProducerAreDroppedAmongNewRecords() {
    DeduplicatingRecordProcessor processor = started(delivered::add);
    processor.processRecords(batch(
        record(runnelKey("count", "shardId-000000000003", "1", 0, "-"), "1"),
        record(runnelKey("count", "shardId-000000000003", "2", 0, "-"), "2"),
        record(runnelKey("count", "shardId-000000000003", "3", 0, "-"), "3"),
        record(runnelKey("count", "shardId-000000000003", "4", 0, "-"), "4")));

    // the producer's batch failed after sending; its retry was split in two halves, each resent with the next record
    processor.processRecords(batch(
        record(runnelKey("count", "shardId-000000000003", "1", 0, "-"), "1"),
        record(runnelKey("count", "shardId-000000000003", "2", 0, "-"), "2")));
    processor.processRecords(batch(
        record(runnelKey("count", "shardId-000000000003", "3", 0, "2"), "3"),
        record(runnelKey("count", "shardId-000000000003", "4", 0, "2"), "4"),
        record(runnelKey("count", "shardId-000000000003", "5", 0, "4"), "5")));

    assertThat(payloads()).containsExactly("1", "2", "3", "4", "5");
    assertThat(checkpointer.checkpoints).containsExactly("1003", "1005", "1008");
  }

  @Test
  void aProcessorRestartedWithTheHandlersStoredMemoryDropsTheRedeliveredBatch() {
    List<AppliedIdentities.Data> committed = new ArrayList<>();
    DeduplicatingRecordProcessor first = started(record -> {
      delivered.add(record);
      committed.add(record.dedupMemory().data()); // the handler's commit: its effect and the memory together
    });
    List<KinesisClientRecord> batch = List.of(
        record(runnelKey("join", "shardId-000000000000", "40", 0, "-"), "x"),
        record(runnelKey("join", "shardId-000000000000", "41", 0, "-"), "y"));
    first.processRecords(batch(batch)); // suppose the checkpoint of this batch was lost in a crash

    RunnelRecordHandler restarted = new RunnelRecordHandler() {
      @Override
      public void handle(RunnelRecord record) {
        delivered.add(record);
      }

      @Override
      public Optional<AppliedIdentities.Data> restoreDedupMemory(String shardId) {
        return Optional.of(committed.get(committed.size() - 1));
      }
    };
    DeduplicatingRecordProcessor second = new DeduplicatingRecordProcessor(restarted, failures::add);
    second.initialize(initialization());
    second.processRecords(batch(batch)); // KCL redelivers the same records, same sequence numbers
    second.processRecords(batch(record(runnelKey("join", "shardId-000000000000", "42", 0, "-"), "z")));

    assertThat(payloads()).containsExactly("x", "y", "z");
  }

  @Test
  void aRestartWithoutStoredMemoryRedeliversWhatWasNotCheckpointed() {
    List<KinesisClientRecord> batch = List.of(record(runnelKey("join", "shardId-000000000000", "40", 0, "-"), "x"));
    started(delivered::add).processRecords(batch(batch));

    started(delivered::add).processRecords(batch(batch));

    assertThat(payloads()).containsExactly("x", "x");
  }

  @Test
  void recordsRunnelDidNotWritePassThroughEvenWithEqualKeys() {
    DeduplicatingRecordProcessor processor = started(delivered::add);

    processor.processRecords(batch(
        record("customer-42", "p"),
        record("customer-42", "p"),
        record("r1|malformed", "q"),
        record("r1|malformed", "q")));

    assertThat(payloads()).containsExactly("p", "p", "q", "q");
    assertThat(delivered).allSatisfy(record -> assertThat(record.runnelIdentity()).isEmpty());
    assertThat(processor.dedupMemory().size()).isZero();
  }

  @Test
  void outOfOrderIdentitiesOfOneProducerAreEachDeliveredOnce() {
    DeduplicatingRecordProcessor processor = started(delivered::add);
    // a PutRecords partial failure made the producer resend 10 and 20 after 30; it commits only once all are in
    processor.processRecords(batch(
        record(runnelKey("score", "shardId-000000000002", "30", 0, "5"), "30"),
        record(runnelKey("score", "shardId-000000000002", "10", 0, "5"), "10"),
        record(runnelKey("score", "shardId-000000000002", "20", 1, "5"), "20/1"),
        record(runnelKey("score", "shardId-000000000002", "20", 0, "5"), "20/0")));
    processor.processRecords(batch(
        record(runnelKey("score", "shardId-000000000002", "20", 0, "5"), "20/0"),
        record(runnelKey("score", "shardId-000000000002", "31", 0, "30"), "31"),
        record(runnelKey("score", "shardId-000000000002", "10", 0, "30"), "10")));

    assertThat(payloads()).containsExactly("30", "10", "20/1", "20/0", "31");
  }

  @Test
  void equalPositionsOfDifferentProducersAreDifferentRecords() {
    DeduplicatingRecordProcessor processor = started(delivered::add);

    processor.processRecords(batch(
        record(runnelKey("enrich", "shardId-000000000000", "7", 0, "-"), "enrich/0"),
        record(runnelKey("enrich", "shardId-000000000001", "7", 0, "-"), "enrich/1"),
        record(runnelKey("score", "shardId-000000000000", "7", 0, "-"), "score/0")));

    assertThat(payloads()).containsExactly("enrich/0", "enrich/1", "score/0");
  }

  @Test
  void eachDeliveredRecordCarriesTheMemoryThatIncludesIt() {
    DeduplicatingRecordProcessor processor = started(delivered::add);
    String key = runnelKey("enrich", "shardId-000000000000", "9", 2, "-");

    processor.processRecords(batch(record(key, "{\"n\":1}")));

    RunnelRecord record = delivered.get(0);
    assertThat(record.identity()).isEqualTo(RecordIdentity.parse(key).orElseThrow());
    assertThat(record.shardId()).isEqualTo(SHARD);
    assertThat(record.arrivalTime()).isEqualTo(T0.plusMillis(1000));
    assertThat(new String(record.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    assertThat(record.dedupMemory().contains(record.identity())).isTrue();
    assertThat(AppliedIdentities.from(record.dedupMemory().data())).isEqualTo(processor.dedupMemory());
  }

  @Test
  void aFailingHandlerStopsTheShardAfterCheckpointingWhatCameBefore() {
    DeduplicatingRecordProcessor processor = started(record -> {
      if (new String(record.payload(), StandardCharsets.UTF_8).equals("bad")) {
        throw new IllegalStateException("downstream unavailable");
      }
      delivered.add(record);
    });

    processor.processRecords(batch(record("k", "ok"), record("k", "bad"), record("k", "after")));
    processor.processRecords(batch(record("k", "later")));
    processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

    assertThat(payloads()).containsExactly("ok");
    assertThat(checkpointer.checkpoints).containsExactly("1000");
    assertThat(failures).singleElement().satisfies(failure -> {
      assertThat(failure.shardId()).isEqualTo(SHARD);
      assertThat(failure.sequenceNumber()).isEqualTo("1001");
      assertThat(failure).hasRootCauseMessage("downstream unavailable");
    });
  }

  @Test
  void checkpointsAtShardEndAndAfterTheLastRecordOnShutdown() {
    DeduplicatingRecordProcessor processor = started(delivered::add);
    processor.processRecords(batch(record("k", "1"), record("k", "2")));

    processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
    processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

    assertThat(checkpointer.checkpoints).containsExactly("1001", "1001", "SHARD_END");
    assertThat(failures).isEmpty();
  }

  @Test
  void aBatchOfDuplicatesOnlyAdvancesTheCheckpoint() {
    DeduplicatingRecordProcessor processor = started(delivered::add);
    String key = runnelKey("enrich", "shardId-000000000000", "3", 0, "-");
    processor.processRecords(batch(record(key, "once")));

    processor.processRecords(batch(record(key, "once"), record(key, "once")));

    assertThat(payloads()).containsExactly("once");
    assertThat(checkpointer.checkpoints).containsExactly("1000", "1002");
  }

  private DeduplicatingRecordProcessor started(RunnelRecordHandler handler) {
    DeduplicatingRecordProcessor processor = new DeduplicatingRecordProcessor(handler, failures::add);
    processor.initialize(initialization());
    return processor;
  }

  private static InitializationInput initialization() {
    return InitializationInput.builder()
        .shardId(SHARD)
        .extendedSequenceNumber(ExtendedSequenceNumber.TRIM_HORIZON)
        .build();
  }

  private ProcessRecordsInput batch(KinesisClientRecord... records) {
    return batch(List.of(records));
  }

  private ProcessRecordsInput batch(List<KinesisClientRecord> records) {
    return ProcessRecordsInput.builder()
        .records(records)
        .checkpointer(checkpointer)
        .millisBehindLatest(0L)
        .build();
  }

  /** A record as Kinesis delivers it: the next sequence number of the shard, and an arrival time to match. */
  private KinesisClientRecord record(String partitionKey, String payload) {
    long sequence = nextSequence++;
    return KinesisClientRecord.builder()
        .partitionKey(partitionKey)
        .sequenceNumber(Long.toString(sequence))
        .approximateArrivalTimestamp(T0.plusMillis(sequence))
        .data(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static String runnelKey(String stage, String shard, String sequence, int index, String committed) {
    return new RecordIdentity(stage, shard, sequence, index, committed).toPartitionKey();
  }

  private List<String> payloads() {
    return delivered.stream().map(record -> new String(record.payload(), StandardCharsets.UTF_8)).toList();
  }
}
