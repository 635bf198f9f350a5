package dev.runnel.localrunner.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.runnel.emulators.KinesisLocal;
import dev.runnel.plan.BatchingSpec;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** The local event source mapping against real kinesis-local, with test functions standing in for stages. */
class EventSourceMappingTest {
  private static final Duration FAST_POLL = Duration.ofMillis(50);
  private static KinesisLocal emulator;
  private static KinesisClient kinesis;

  private final List<OnFailureEvent> discarded = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startEmulator() {
    emulator = new KinesisLocal().start();
    kinesis = emulator.client();
  }

  @AfterAll
  static void stopEmulator() {
    kinesis.close();
    emulator.close();
  }

  @Test
  void deliversALambdaShapedEventAndRetriesFromTheLowestReportedFailure(TestInfo test) {
    String stream = stream(test, 1);
    putSequentially(stream, "k", 10);
    List<RecordingHandler.Invocation> log = RecordingHandler.log();
    // The first invocation reports records 7 and 4 as failed; everything after that succeeds.
    BiFunction<RecordingHandler.Invocation, Integer, StreamsEventResponse> failFourAndSeven = (inv, n) -> n == 1
        ? new StreamsEventResponse(List.of(new BatchItemFailure(inv.sequenceNumbers().get(6)),
            new BatchItemFailure(inv.sequenceNumbers().get(3))))
        : new StreamsEventResponse(List.of());

    try (EventSourceMapping mapping = mapping(stream, new BatchingSpec(100, 0, true, 3, 1), log, new AtomicInteger(),
        failFourAndSeven)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> log.size() >= 2 && idle(mapping));

      assertThat(log).extracting(RecordingHandler.Invocation::data).containsExactly(
          values(1, 10), values(4, 10));
      assertThat(mapping.counters().retries()).isEqualTo(1);
      assertThat(mapping.counters().bisects()).isZero();
      KinesisEvent.KinesisEventRecord first = log.get(0).event().getRecords().get(0);
      String shardId = log.get(0).shardId();
      assertThat(first.getEventID()).isEqualTo(shardId + ":" + first.getKinesis().getSequenceNumber());
      assertThat(first.getEventSource()).isEqualTo("aws:kinesis");
      assertThat(first.getEventName()).isEqualTo("aws:kinesis:record");
      assertThat(first.getEventVersion()).isEqualTo("1.0");
      assertThat(first.getAwsRegion()).isEqualTo("us-east-1");
      assertThat(first.getEventSourceARN()).endsWith(":stream/" + stream);
      assertThat(first.getKinesis().getKinesisSchemaVersion()).isEqualTo("1.0");
      assertThat(first.getKinesis().getPartitionKey()).isEqualTo("k");
      assertThat(first.getKinesis().getApproximateArrivalTimestamp()).isNotNull();
    }
    assertThat(discarded).isEmpty();
  }

  @Test
  void treatsAnUnknownOrEmptyItemIdentifierAsAWholeBatchFailure(TestInfo test) {
    String stream = stream(test, 1);
    putSequentially(stream, "k", 5);
    List<RecordingHandler.Invocation> log = RecordingHandler.log();
    BiFunction<RecordingHandler.Invocation, Integer, StreamsEventResponse> answers = (inv, n) -> switch (n) {
      case 1 -> new StreamsEventResponse(List.of(new BatchItemFailure("49999999999999999999999999")));
      case 2 -> new StreamsEventResponse(List.of(new BatchItemFailure("")));
      default -> null;
    };

    try (EventSourceMapping mapping = mapping(stream, new BatchingSpec(100, 0, true, 5, 1), log, new AtomicInteger(),
        answers)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> log.size() >= 3 && idle(mapping));

      assertThat(log).extracting(RecordingHandler.Invocation::data)
          .containsExactly(values(1, 5), values(1, 5), values(1, 5));
      assertThat(mapping.counters().retries()).isEqualTo(2);
    }
  }

  @Test
  void bisectsAThrowingBatchAndDiscardsThePoisonRecordAfterItsRetries(TestInfo test) {
    String stream = stream(test, 1);
    putSequentially(stream, "k", 8);
    List<RecordingHandler.Invocation> log = RecordingHandler.log();
    BiFunction<RecordingHandler.Invocation, Integer, StreamsEventResponse> poisonSix = (inv, n) -> {
      if (inv.data().contains("r6")) {
        throw new IllegalStateException("cannot handle r6");
      }
      return null;
    };

    try (EventSourceMapping mapping = mapping(stream, new BatchingSpec(100, 0, true, 2, 1), log, new AtomicInteger(),
        poisonSix)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> log.size() >= 9 && idle(mapping));

      assertThat(log).extracting(RecordingHandler.Invocation::data).containsExactly(
          values(1, 8), values(1, 4), values(5, 8), values(5, 6), List.of("r5"),
          List.of("r6"), List.of("r6"), List.of("r6"), values(7, 8));
      MappingCounters.Snapshot counters = mapping.counters();
      assertThat(counters.bisects()).isEqualTo(3);
      assertThat(counters.retries()).isEqualTo(2);
      assertThat(counters.discardedBatches()).isEqualTo(1);
      assertThat(counters.discardedRecords()).isEqualTo(1);
      String poisonSequence = log.get(5).sequenceNumbers().get(0);
      assertThat(discarded).singleElement().satisfies(event -> {
        assertThat(event.condition()).isEqualTo("RetryAttemptsExhausted");
        assertThat(event.approximateInvokeCount()).isEqualTo(3);
        assertThat(event.functionError()).contains("IllegalStateException", "cannot handle r6");
        assertThat(event.batchInfo().startSequenceNumber()).isEqualTo(poisonSequence);
        assertThat(event.batchInfo().endSequenceNumber()).isEqualTo(poisonSequence);
        assertThat(event.batchInfo().batchSize()).isEqualTo(1);
        assertThat(event.batchInfo().streamArn()).endsWith(":stream/" + stream);
      });
    }
  }

  @Test
  void keepsOrderPerShardWithOneBatchInFlightPerShardAndShardsInParallel(TestInfo test) {
    String stream = stream(test, 3);
    List<RecordingHandler.Invocation> log = RecordingHandler.log();
    AtomicInteger maxInFlightPerShard = new AtomicInteger();
    AtomicInteger inFlightOverall = new AtomicInteger();
    AtomicInteger maxInFlightOverall = new AtomicInteger();
    BiFunction<RecordingHandler.Invocation, Integer, StreamsEventResponse> slow = (inv, n) -> {
      maxInFlightOverall.accumulateAndGet(inFlightOverall.incrementAndGet(), Math::max);
      sleep(30);
      inFlightOverall.decrementAndGet();
      return null;
    };

    try (EventSourceMapping mapping = mapping(stream, new BatchingSpec(7, 0, true, 0, 1), log, maxInFlightPerShard,
        slow)) {
      List<String> written = new ArrayList<>();
      for (int round = 0; round < 3; round++) {  // records also arrive while the mapping runs
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          String value = "v" + (round * 100 + i);
          entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + (i % 17))
              .data(SdkBytes.fromUtf8String(value)).build());
          written.add(value);
        }
        kinesis.putRecords(b -> b.streamName(stream).records(entries));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> delivered(log).size() >= 300 && idle(mapping));

      assertThat(delivered(log)).containsExactlyInAnyOrderElementsOf(written);
      assertThat(log).allSatisfy(inv -> assertThat(inv.data()).hasSizeLessThanOrEqualTo(7));
      Map<String, List<BigInteger>> sequencesByShard = new HashMap<>();
      for (RecordingHandler.Invocation invocation : log) {
        invocation.sequenceNumbers().forEach(sequence -> sequencesByShard
            .computeIfAbsent(invocation.shardId(), s -> new ArrayList<>()).add(new BigInteger(sequence)));
      }
      assertThat(sequencesByShard).hasSize(3);
      sequencesByShard.values().forEach(sequences -> assertThat(sequences).isSorted().doesNotHaveDuplicates());
      assertThat(maxInFlightPerShard).hasValue(1);
      assertThat(maxInFlightOverall.get()).isGreaterThan(1);
    }
  }

  @Test
  void gathersRecordsForTheBatchingWindow(TestInfo test) {
    String stream = stream(test, 1);
    List<RecordingHandler.Invocation> log = RecordingHandler.log();
    try (EventSourceMapping mapping = mapping(stream, new BatchingSpec(100, 2, true, 0, 1), log, new AtomicInteger(),
        (inv, n) -> null)) {
      for (int i = 1; i <= 5; i++) {
        String value = "r" + i;
        kinesis.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String(value)));
        sleep(150);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> delivered(log).size() >= 5 && idle(mapping));

      assertThat(log).extracting(RecordingHandler.Invocation::data).containsExactly(values(1, 5));
    }
  }

  @Test
  void drainsAParentShardBeforeItsChildren(TestInfo test) {
    String stream = stream(test, 1);
    putSequentially(stream, "k", 20);
    List<RecordingHandler.Invocation> log = RecordingHandler.log();
    try (EventSourceMapping mapping = mapping(stream, new BatchingSpec(5, 0, true, 0, 1), log, new AtomicInteger(),
        (inv, n) -> null)) {
      Shard parent = kinesis.listShards(b -> b.streamName(stream)).shards().get(0);
      String middle = new BigInteger(parent.hashKeyRange().endingHashKey()).shiftRight(1).toString();
      kinesis.splitShard(b -> b.streamName(stream).shardToSplit(parent.shardId()).newStartingHashKey(middle));
      awaitActive(stream);
      List<PutRecordsRequestEntry> entries = IntStream.rangeClosed(21, 60).mapToObj(i -> PutRecordsRequestEntry
          .builder().partitionKey("key-" + i).data(SdkBytes.fromUtf8String("r" + i)).build()).toList();
      kinesis.putRecords(b -> b.streamName(stream).records(entries));

      await().atMost(Duration.ofSeconds(30)).until(() -> delivered(log).size() >= 60 && idle(mapping));

      assertThat(delivered(log)).containsExactlyInAnyOrderElementsOf(values(1, 60));
      List<String> shards = log.stream().map(RecordingHandler.Invocation::shardId).distinct().toList();
      assertThat(shards).hasSize(3).first().isEqualTo(parent.shardId());
      int lastParentInvocation = lastIndexOf(log, parent.shardId());
      int firstChildInvocation = log.stream().filter(inv -> !inv.shardId().equals(parent.shardId()))
          .mapToInt(RecordingHandler.Invocation::invocationNumber).min().orElseThrow();
      assertThat(firstChildInvocation).isGreaterThan(lastParentInvocation);
      assertThat(mapping.progress()).filteredOn(p -> p.shardId().equals(parent.shardId()))
          .singleElement().extracting(ShardProgress::finished).isEqualTo(true);
    }
  }

  private EventSourceMapping mapping(String stream, BatchingSpec batching, List<RecordingHandler.Invocation> log,
      AtomicInteger maxInFlightPerShard, BiFunction<RecordingHandler.Invocation, Integer, StreamsEventResponse> answers) {
    MappingSettings settings = MappingSettings.of("test-function", stream, batching).withPollInterval(FAST_POLL);
    EventSourceMapping mapping = new EventSourceMapping(kinesis, settings,
        RecordingHandler.factory(log, maxInFlightPerShard, answers), discarded::add);
    mapping.start();
    return mapping;
  }

  private static String stream(TestInfo test, int shards) {
    String name = test.getTestMethod().orElseThrow().getName();
    name = name.length() > 40 ? name.substring(0, 40) : name;
    String streamName = name;
    kinesis.createStream(b -> b.streamName(streamName).shardCount(shards));
    awaitActive(streamName);
    return streamName;
  }

  private static void awaitActive(String stream) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> kinesis
        .describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
        == StreamStatus.ACTIVE);
  }

  /** Puts r1..rN one by one, so their sequence numbers follow that order. */
  private static void putSequentially(String stream, String partitionKey, int count) {
    for (int i = 1; i <= count; i++) {
      String value = "r" + i;
      kinesis.putRecord(b -> b.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromUtf8String(value)));
    }
  }

  private static List<String> values(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "r" + i).toList();
  }

  private static List<String> delivered(List<RecordingHandler.Invocation> log) {
    return log.stream().flatMap(inv -> inv.data().stream()).toList();
  }

  private static boolean idle(EventSourceMapping mapping) {
    return !mapping.progress().isEmpty() && mapping.progress().stream().allMatch(ShardProgress::idle);
  }

  private static int lastIndexOf(List<RecordingHandler.Invocation> log, String shardId) {
    return log.stream().filter(inv -> inv.shardId().equals(shardId))
        .mapToInt(RecordingHandler.Invocation::invocationNumber).max().orElseThrow();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
