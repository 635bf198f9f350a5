package dev.runnel.localrunner.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.emulators.KinesisLocal;
import dev.runnel.plan.BatchingSpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The local mapping with a ParallelizationFactor above 1, on kinesis-local: concurrent batches per shard, each
 * partition key in one lane and in order, lanes finishing out of order, and a failing lane retried and bisected on its
 * own. Runs with both lane hashes, so nothing depends on how lanes are picked.
 */
class ParallelLanesMappingTest {
  private static KinesisLocal emulator;
  private static KinesisClient kinesis;

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

  /** One invocation: the handler instance (lane) that ran it, its records, and when it started and ended. */
  private record Call(int instance, List<String> keys, List<String> values, List<BigInteger> sequences, long start,
      long end) {}

  @ParameterizedTest
  @ValueSource(strings = {"CRC32C", "FNV1A"})
  void keepsOrderPerPartitionKeyWithUpToTheFactorOfBatchesInFlight(String hashName) {
    LaneHash hash = hashName.equals("CRC32C") ? LaneHash.CRC32C : LaneHash.FNV1A;
    String stream = stream("lanes-order-" + hashName);
    List<String> written = put(stream, 400, 23, "v");
    List<Call> calls = new CopyOnWriteArrayList<>();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger instances = new AtomicInteger();
    ShardHandlerFactory factory = shardId -> {
      int instance = instances.incrementAndGet();
      return (event, context) -> {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        long start = System.nanoTime();
        sleep(15);
        calls.add(call(instance, event, start));
        inFlight.decrementAndGet();
        return null;
      };
    };
    try (EventSourceMapping mapping = mapping(stream, new BatchingSpec(6, 0, true, -1, 4), hash, factory)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> values(calls).size() >= written.size() && idle(mapping));

      assertThat(values(calls)).containsExactlyInAnyOrderElementsOf(written);
      assertThat(instances).hasValue(4);
      assertThat(maxInFlight.get()).isBetween(2, 4);
      Map<String, Set<Integer>> lanesOfKey = new HashMap<>();
      Map<String, List<BigInteger>> sequencesOfKey = new HashMap<>();
      for (Call call : calls.stream().sorted((a, b) -> Long.compare(a.start(), b.start())).toList()) {
        for (int i = 0; i < call.keys().size(); i++) {
          lanesOfKey.computeIfAbsent(call.keys().get(i), k -> new HashSet<>()).add(call.instance());
          sequencesOfKey.computeIfAbsent(call.keys().get(i), k -> new ArrayList<>()).add(call.sequences().get(i));
        }
      }
      assertThat(lanesOfKey.values()).allSatisfy(lanes -> assertThat(lanes).hasSize(1));
      assertThat(sequencesOfKey.values()).allSatisfy(s -> assertThat(s).isSorted());
      // lanes interleave: in the order invocations started, the shard's sequence numbers are not sorted
      List<BigInteger> shardOrder = calls.stream().sorted((a, b) -> Long.compare(a.start(), b.start()))
          .flatMap(c -> c.sequences().stream()).toList();
      assertThat(shardOrder).isNotEqualTo(shardOrder.stream().sorted().toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"CRC32C", "FNV1A"})
  void aFailingLaneIsBisectedAndRetriedWhileTheOthersGoOn(String hashName) {
    LaneHash hash = hashName.equals("CRC32C") ? LaneHash.CRC32C : LaneHash.FNV1A;
    String stream = stream("lanes-failing-" + hashName);
    List<String> written = put(stream, 120, 11, "w");
    String poison = "w40";
    AtomicInteger poisonAttempts = new AtomicInteger();
    List<Call> calls = new CopyOnWriteArrayList<>();
    Map<Integer, Long> poisonLaneDoneAt = new ConcurrentHashMap<>();
    ShardHandlerFactory factory = new ShardHandlerFactory() {
      private final AtomicInteger instances = new AtomicInteger();

      @Override
      public RequestHandler<KinesisEvent, StreamsEventResponse> create(String shardId) {
        int instance = instances.incrementAndGet();
        return (event, context) -> {
          long start = System.nanoTime();
          Call call = call(instance, event, start);
          if (call.values().contains(poison) && poisonAttempts.incrementAndGet() <= 6) {
            sleep(20);
            throw new IllegalStateException("poison " + poison);
          }
          if (call.values().contains(poison)) {
            poisonLaneDoneAt.put(instance, System.nanoTime());
          }
          calls.add(call);
          return null;
        };
      }
    };
    try (EventSourceMapping mapping = mapping(stream, new BatchingSpec(8, 0, true, -1, 3), hash, factory)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> values(calls).size() >= written.size() && idle(mapping));

      assertThat(values(calls)).containsExactlyInAnyOrderElementsOf(written);
      assertThat(mapping.counters().bisects()).isPositive();
      assertThat(calls).filteredOn(c -> c.values().contains(poison)).singleElement()
          .satisfies(c -> assertThat(c.values()).containsExactly(poison));
      long poisonDone = poisonLaneDoneAt.values().iterator().next();
      int poisonLane = calls.stream().filter(c -> c.values().contains(poison)).findFirst().orElseThrow().instance();
      // the other lanes did not wait for the failing one
      assertThat(calls).filteredOn(c -> c.instance() != poisonLane && c.end() < poisonDone).isNotEmpty();
      Map<String, List<BigInteger>> sequencesOfKey = new HashMap<>();
      for (Call call : calls.stream().sorted((a, b) -> Long.compare(a.start(), b.start())).toList()) {
        for (int i = 0; i < call.keys().size(); i++) {
          sequencesOfKey.computeIfAbsent(call.keys().get(i), k -> new ArrayList<>()).add(call.sequences().get(i));
        }
      }
      assertThat(sequencesOfKey.values()).allSatisfy(s -> assertThat(s).isSorted().doesNotHaveDuplicates());
    }
  }

  private static Call call(int instance, KinesisEvent event, long start) {
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<BigInteger> sequences = new ArrayList<>();
    for (KinesisEvent.KinesisEventRecord r : event.getRecords()) {
      keys.add(r.getKinesis().getPartitionKey());
      values.add(StandardCharsets.UTF_8.decode(r.getKinesis().getData().duplicate()).toString());
      sequences.add(new BigInteger(r.getKinesis().getSequenceNumber()));
    }
    return new Call(instance, keys, values, sequences, start, System.nanoTime());
  }

  private static List<String> values(List<Call> calls) {
    return calls.stream().flatMap(c -> c.values().stream()).toList();
  }

  private static EventSourceMapping mapping(String stream, BatchingSpec batching, LaneHash hash,
      ShardHandlerFactory factory) {
    MappingSettings settings = MappingSettings.of("test-function", stream, batching)
        .withPollInterval(Duration.ofMillis(50)).withLaneHash(hash);
    EventSourceMapping mapping = new EventSourceMapping(kinesis, settings, factory, event -> { });
    mapping.start();
    return mapping;
  }

  /** Puts {@code count} records over {@code keys} partition keys, in order, in calls of 50. */
  private static List<String> put(String stream, int count, int keys, String prefix) {
    List<String> written = new ArrayList<>();
    for (int from = 0; from < count; from += 50) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 50); i++) {
        String value = prefix + i;
        entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + (i % keys))
            .data(SdkBytes.fromUtf8String(value)).build());
        written.add(value);
      }
      kinesis.putRecords(b -> b.streamName(stream).records(entries));
    }
    return written;
  }

  private static String stream(String name) {
    kinesis.createStream(b -> b.streamName(name).shardCount(1));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> kinesis
        .describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus()
        == StreamStatus.ACTIVE);
    return name;
  }

  private static boolean idle(EventSourceMapping mapping) {
    return mapping.progress().stream().allMatch(ShardProgress::idle);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
