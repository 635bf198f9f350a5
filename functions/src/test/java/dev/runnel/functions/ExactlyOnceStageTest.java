package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.exactlyonce.ShardLineage;
import dev.runnel.functions.exactlyonce.ConcurrentAttemptException;
import dev.runnel.functions.fixtures.CountJob;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dev.runnel.plan.StateLayout;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.statestore.statelog.StateLogCounters;
import java.util.stream.Stream;

/**
 * The exactly-once runtime on in-memory stores, in both state layouts (per-key items, and the shard state log of
 * docs/state-log.md): whatever crashes, redeliveries, zombies and upstream duplicates happen, the keyed counts and the
 * outputs (after dropping duplicates by record identity) equal a failure-free run. The same protocol runs on
 * DynamoDB Local and kinesis-local in the fault-injection module.
 */
class ExactlyOnceStageTest {
  private static final Plan PLAN = Planner.plan(CountJob.class, StateLayout.KEYS);
  private static final Plan LOG_PLAN = Planner.plan(CountJob.class, StateLayout.LOG);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
  private static final String SHARD = "shardId-000000000000";

  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final InMemoryStateStore states = new InMemoryStateStore(CLOCK);
  private final InMemoryStateLogStore stateLog = new InMemoryStateLogStore();
  private final FakeKinesis kinesis = new FakeKinesis();
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("counts-dead-letters", List.of("source", "position")));

  private StageHandler instance(CommitObserver observer) {
    return instance(StateLayout.KEYS, observer);
  }

  private StageHandler instance(StateLayout layout, CommitObserver observer) {
    return new StageHandler(layout == StateLayout.LOG ? LOG_PLAN : PLAN, CountJob.KEYED_STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer), RetryPolicy.immediate(3), CLOCK,
        checkpoints, layout == StateLayout.KEYS ? states : null, layout == StateLayout.LOG ? stateLog : null);
  }

  /** Every commit step a batch of a stage without time passes in {@code layout}, with the layout. */
  static Stream<Arguments> batchSteps() {
    return Stream.of(StateLayout.values()).flatMap(layout -> Stream.of(CommitStep.values())
        .filter(step -> !step.name().startsWith("ROUND_") && !step.name().startsWith("MODEL_"))
        .filter(step -> layout == StateLayout.LOG || !step.name().startsWith("SNAPSHOT_"))
        .map(step -> Arguments.of(layout, step)));
  }

  /** As {@link #batchSteps}, without the compaction steps, which a batch reaches only when its log is due. */
  static Stream<Arguments> batchStepsBeforeCompaction() {
    return batchSteps().filter(arguments -> !((CommitStep) arguments.get()[1]).name().startsWith("SNAPSHOT_"));
  }

  /** Clicks at sequence numbers from {@code first}: users u0..u(users-1) round robin. */
  private static KinesisEvent clicks(int first, int count, int users) {
    KinesisEvents events = KinesisEvents.onShard(SHARD);
    for (int i = first; i < first + count; i++) {
      String user = "u" + (i % users);
      events.add(sequence(i), user, "{\"user\":\"" + user + "\",\"page\":\"/p" + i + "\"}");
    }
    return events.build();
  }

  /** Clicks of user {@code <prefix>0} on {@code shard} at sequence numbers from {@code first}. */
  private static KinesisEvent clicksOn(String shard, String prefix, int first, int count) {
    KinesisEvents events = KinesisEvents.onShard(shard);
    for (int i = first; i < first + count; i++) {
      events.add(sequence(i), prefix + "0", "{\"user\":\"" + prefix + "0\",\"page\":\"/p" + i + "\"}");
    }
    return events.build();
  }

  private static String sequence(int i) {
    return String.valueOf(49_000_000_000L + i);
  }

  /** The last count written per user, after dropping duplicate identities. */
  private Map<String, Long> lastCounts() {
    Map<String, Long> last = new TreeMap<>();
    for (var entry : distinctOutputs().values()) {
      String json = entry;
      String user = json.replaceAll(".*\"user\":\"([^\"]+)\".*", "$1");
      long n = Long.parseLong(json.replaceAll(".*\"n\":(\\d+).*", "$1"));
      last.merge(user, n, Math::max);
    }
    return last;
  }

  /** Output payloads by record identity: a duplicate identity must carry the same payload. */
  private Map<String, String> distinctOutputs() {
    Map<String, String> byIdentity = new LinkedHashMap<>();
    for (var entry : kinesis.accepted("counts-out")) {
      assertThat(RecordIdentity.parse(entry.partitionKey())).as("outputs carry identities").isPresent();
      String payload = entry.data().asString(StandardCharsets.UTF_8);
      String earlier = byIdentity.putIfAbsent(entry.partitionKey(), payload);
      assertThat(earlier == null || earlier.equals(payload)).as("same identity, same payload").isTrue();
    }
    return byIdentity;
  }

  private static Map<String, Long> expectedCounts(int records, int users) {
    return java.util.stream.IntStream.range(0, records).mapToObj(i -> "u" + (i % users))
        .collect(Collectors.groupingBy(u -> u, TreeMap::new, Collectors.counting()));
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void countsEachRecordOnceAndDropsARedeliveredBatch(StateLayout layout) {
    StageHandler handler = instance(layout, CommitObserver.NONE);
    handler.handleRequest(clicks(0, 30, 4), null);
    handler.handleRequest(clicks(0, 30, 4), null);
    handler.handleRequest(clicks(30, 10, 4), null);

    assertThat(lastCounts()).isEqualTo(expectedCounts(40, 4));
    assertThat(distinctOutputs()).hasSize(40);
    assertThat(kinesis.accepted("counts-out")).as("a redelivered batch sends nothing").hasSize(40);
    assertThat(handler.metrics().skipped()).isEqualTo(30);
  }

  @ParameterizedTest
  @MethodSource("batchSteps")
  void aCrashAfterAnyStepThenARetryGivesTheFailureFreeResult(StateLayout layout, CommitStep step) {
    StageHandler crashing = instance(layout, crashOnceAt(step));
    KinesisEvent batch = clicks(0, 25, 3);
    assertThatThrownBy(() -> crashing.handleRequest(batch, null)).isInstanceOf(InjectedCrash.class);
    // Lambda retries the batch; after a crash the environment is new.
    instance(layout, CommitObserver.NONE).handleRequest(batch, null);
    instance(layout, CommitObserver.NONE).handleRequest(clicks(25, 5, 3), null);

    assertThat(lastCounts()).isEqualTo(expectedCounts(30, 3));
    assertThat(distinctOutputs()).hasSize(30);
  }

  @ParameterizedTest
  @MethodSource("batchStepsBeforeCompaction")
  void aWarmInstanceRetryingItsOwnFailedAttemptComputesFromTheCommittedState(StateLayout layout, CommitStep step) {
    StageHandler warm = instance(layout, crashOnceAtBatch(step, 2));
    warm.handleRequest(clicks(0, 12, 3), null); // the cache now holds u0..u2 at 4
    KinesisEvent batch = clicks(12, 12, 3);
    assertThatThrownBy(() -> warm.handleRequest(batch, null)).isInstanceOf(InjectedCrash.class);
    // Lambda retries the batch on the same, warm instance
    warm.handleRequest(batch, null);
    warm.handleRequest(clicks(24, 6, 3), null);

    assertThat(lastCounts()).isEqualTo(expectedCounts(30, 3));
    assertThat(distinctOutputs()).hasSize(30);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aRetrySplitDifferentlyAfterACrashBetweenStateWritesAndCheckpoint(StateLayout layout) {
    KinesisEvent whole = clicks(0, 20, 5);
    assertThatThrownBy(() -> instance(layout, crashOnceAt(CommitStep.STATE_WRITTEN)).handleRequest(whole, null))
        .isInstanceOf(InjectedCrash.class);
    // Bisected retry: first half, then second half, on a fresh instance.
    StageHandler retry = instance(layout, CommitObserver.NONE);
    retry.handleRequest(clicks(0, 10, 5), null);
    retry.handleRequest(clicks(10, 10, 5), null);

    assertThat(lastCounts()).isEqualTo(expectedCounts(20, 5));
    // per key, every record was already applied; a log entry no checkpoint names is garbage, so the log runs them
    assertThat(retry.metrics().skipped()).isEqualTo(layout == StateLayout.KEYS ? 20 : 0);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aWarmInstanceWhoseCacheWentStaleRecomputesNothingFromIt(StateLayout layout) {
    StageHandler first = instance(layout, CommitObserver.NONE);
    StageHandler second = instance(layout, CommitObserver.NONE);
    first.handleRequest(clicks(0, 6, 1), null);     // first caches u0 at 6
    second.handleRequest(clicks(6, 6, 1), null);    // another instance commits u0 at 12
    // The next batch lands on the first instance again, warm but stale: it must not count from 6.
    first.handleRequest(clicks(12, 6, 1), null);

    assertThat(lastCounts()).containsExactly(Map.entry("u0", 18L));
    Map<String, String> outputs = distinctOutputs();
    assertThat(outputs.values()).as("every count appears once, none computed from stale state")
        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 18)
            .mapToObj(n -> "{\"user\":\"u0\",\"n\":" + n + "}").toList());
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void anInstanceServingTwoShardsKeepsItsCacheWarmAndDropsItWhenAnotherInstanceCommittedOne(StateLayout layout) {
    String other = "shardId-000000000001";
    StageHandler first = instance(layout, CommitObserver.NONE);
    first.handleRequest(clicks(0, 6, 1), null);                 // u0 on shard 0
    first.handleRequest(clicksOn(other, "v", 0, 6), null);      // v0 on shard 1: a shard not seen yet drops the cache
    first.handleRequest(clicks(6, 6, 1), null);
    first.handleRequest(clicksOn(other, "v", 6, 6), null);
    long reads = stateReads(layout, first);
    first.handleRequest(clicks(12, 6, 1), null);
    first.handleRequest(clicksOn(other, "v", 12, 6), null);
    assertThat(stateReads(layout, first)).as("warm on both shards: no state read").isEqualTo(reads);

    instance(layout, CommitObserver.NONE).handleRequest(clicks(18, 6, 1), null); // another commits u0 at 24
    first.handleRequest(clicksOn(other, "v", 18, 6), null);
    first.handleRequest(clicks(24, 6, 1), null);                         // must not count u0 from 18

    assertThat(lastCounts()).containsExactly(Map.entry("u0", 30L), Map.entry("v0", 24L));
    assertThat(distinctOutputs()).hasSize(54);
  }

  @ParameterizedTest
  @MethodSource("zombieSteps")
  void aZombieThatLoadedBeforeItsRetryCommittedIsFenced(StateLayout layout, CommitStep pausedAfter) {
    KinesisEvent batch = clicks(0, 12, 3);
    StageHandler retry = instance(layout, CommitObserver.NONE);
    // The zombie reads state and runs its operators (or writes its state too), then pauses while its retry runs to
    // completion.
    StageHandler zombie = instance(layout, (step, stage, shard) -> {
      if (step == pausedAfter) {
        retry.handleRequest(batch, null);
      }
    });
    assertThatThrownBy(() -> zombie.handleRequest(batch, null)).isInstanceOf(ConcurrentAttemptException.class);
    instance(layout, CommitObserver.NONE).handleRequest(clicks(12, 3, 3), null);

    assertThat(lastCounts()).isEqualTo(expectedCounts(15, 3));
    assertThat(distinctOutputs()).hasSize(15);
  }

  @Test
  void aKeyFedByAnUpstreamStageStaysWithinOneWriteUnit() {
    // 40 upstream outputs per key, none committed yet: the dedup memory remembers all 40 and still fits 1 KB.
    KinesisEvents events = KinesisEvents.onShard(SHARD);
    java.math.BigInteger upstream = new java.math.BigInteger("49680421447220647937038882312290477940160824251177238530");
    for (int i = 0; i < 40; i++) {
      upstream = upstream.add(java.math.BigInteger.valueOf(7_919_000_000_000L));
      events.add(sequence(i), new RecordIdentity("counts-1", "shardId-000000000003", upstream.toString(), 0, "-")
          .toPartitionKey(), "{\"user\":\"u1\",\"page\":\"/p\"}");
    }
    StageHandler handler = instance(CommitObserver.NONE);
    handler.handleRequest(events.build(), null);
    assertThat(handler.metrics().stateWrites()).isEqualTo(1);
    assertThat(handler.metrics().stateWriteUnits()).isEqualTo(1.0);
    assertThat(lastCounts()).containsEntry("u1", 40L);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void anUpstreamDuplicateWithANewSequenceNumberIsDroppedPerKey(StateLayout layout) {
    RecordIdentity upstream = new RecordIdentity("counts-1", "shardId-000000000007", "123", 0, "-");
    String payload = "{\"user\":\"u1\",\"page\":\"/x\"}";
    KinesisEvent original = KinesisEvents.onShard(SHARD).add(sequence(1), upstream.toPartitionKey(), payload).build();
    KinesisEvent duplicate = KinesisEvents.onShard(SHARD).add(sequence(2), upstream.toPartitionKey(), payload)
        .add(sequence(3), new RecordIdentity("counts-1", "shardId-000000000007", "124", 0, "-").toPartitionKey(),
            payload).build();
    StageHandler handler = instance(layout, CommitObserver.NONE);
    handler.handleRequest(original, null);
    handler.handleRequest(duplicate, null);

    assertThat(lastCounts()).containsEntry("u1", 2L);
    assertThat(handler.metrics().skipped()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aFailingRecordLeavesItsKeyUntouchedAndGoesToTheDeadLetters(StateLayout layout) {
    KinesisEvent batch = KinesisEvents.onShard(SHARD)
        .add(sequence(1), "u1", "{\"user\":\"u1\",\"page\":\"/a\"}")
        .add(sequence(2), "u1", "{\"user\":\"u1\",\"page\":\"boom\"}")
        .add(sequence(3), "u1", "{\"user\":\"u1\",\"page\":\"/b\"}").build();
    instance(layout, CommitObserver.NONE).handleRequest(batch, null);

    assertThat(lastCounts()).containsExactly(Map.entry("u1", 2L));
    assertThat(dynamoDb.items("counts-dead-letters")).hasSize(1);
  }

  @Test
  void stateRequestsStayWithinTheBudget() {
    StageHandler handler = instance(CommitObserver.NONE);
    handler.handleRequest(clicks(0, 500, 50), null);
    StageMetrics first = handler.metrics();
    // 500 records over 50 keys: one BatchGetItem, 50 conditional writes; one checkpoint read and one commit.
    assertThat(first.stateRequests()).isEqualTo(1 + 50);
    assertThat(first.checkpointRequests()).isEqualTo(2);

    handler.handleRequest(clicks(500, 500, 50), null);
    StageMetrics second = handler.metrics();
    // Warm: no state read (the checkpoint read validates the cache), the 50 writes and the commit; a small state fits
    // one write unit.
    assertThat(second.stateRequests() - first.stateRequests()).isEqualTo(50);
    assertThat(second.stateWrites() - first.stateWrites()).isEqualTo(50);
    assertThat(second.stateWriteUnits() - first.stateWriteUnits()).isEqualTo(50.0);
    assertThat(second.checkpointRequests() - first.checkpointRequests()).isEqualTo(2);
    assertThat(lastCounts()).isEqualTo(expectedCounts(1000, 50));
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aBatchChangingFarMoreKeysThanOneTransactionHoldsIsAppliedExactlyOnce(StateLayout layout) {
    KinesisEvent batch = clicks(0, 1_000, 250);
    assertThatThrownBy(() -> instance(layout, crashOnceAt(CommitStep.STATE_WRITTEN)).handleRequest(batch, null))
        .isInstanceOf(InjectedCrash.class);
    StageHandler retry = instance(layout, CommitObserver.NONE);
    retry.handleRequest(batch, null);

    assertThat(lastCounts()).isEqualTo(expectedCounts(1_000, 250));
    assertThat(distinctOutputs()).hasSize(1_000);
    // per key, all 250 keys were written before the crash; the log's entry was garbage until a checkpoint named it
    assertThat(retry.metrics().skipped()).isEqualTo(layout == StateLayout.KEYS ? 1_000 : 0);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aKeyWhoseStateOutgrowsADynamoDbItemIsChunkedAndKeepsCounting(StateLayout layout) {
    Plan history = Planner.plan(dev.runnel.functions.fixtures.HistoryJob.class, layout);
    String payload = "x".repeat(10_000);
    for (int batch = 0; batch < 6; batch++) {
      // A new instance per batch: the chunked item is read back and reassembled every time.
      StageHandler handler = new StageHandler(history, dev.runnel.functions.fixtures.HistoryJob.KEYED_STAGE,
          new StageResources(kinesis, dynamoDb, (sink, json) -> { }), RetryPolicy.immediate(3), CLOCK, checkpoints,
          layout == StateLayout.KEYS ? states : null, layout == StateLayout.LOG ? stateLog : null);
      KinesisEvents events = KinesisEvents.onShard(SHARD);
      for (int i = 0; i < 10; i++) {
        int n = batch * 10 + i;
        events.add(sequence(n), "d1", "{\"device\":\"d1\",\"payload\":\"" + payload + "\"}");
      }
      handler.handleRequest(events.build(), null);
    }
    // 60 events of 10 KB: the key's item is over 600 KB, stored in chunks by one transaction per write; or in log
    // entries and snapshots, read whole by every new instance
    if (layout == StateLayout.KEYS) {
      assertThat(states.counters().transactWriteItemsRequests()).isPositive();
    } else {
      assertThat(stateLog.counters().itemsRead()).isPositive();
    }
    assertThat(kinesis.accepted("history-out")).last()
        .satisfies(e -> assertThat(e.data().asUtf8String()).isEqualTo("{\"device\":\"d1\",\"events\":60}"));
  }

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, names = {"SNAPSHOT_.*"}, mode = EnumSource.Mode.MATCH_ANY)
  void logLayoutAWarmInstanceCrashingInItsCompactionGoesOnFromTheCommittedState(CommitStep step) {
    StageHandler warm = instance(StateLayout.LOG, crashOnceAtBatch(step, 1)); // a first entry is always compacted
    KinesisEvent batch = clicks(0, 12, 3);
    assertThatThrownBy(() -> warm.handleRequest(batch, null)).isInstanceOf(InjectedCrash.class);
    warm.handleRequest(batch, null);
    warm.handleRequest(clicks(12, 12, 3), null);
    instance(StateLayout.LOG, CommitObserver.NONE).handleRequest(clicks(24, 6, 3), null);

    assertThat(lastCounts()).isEqualTo(expectedCounts(30, 3));
    assertThat(distinctOutputs()).hasSize(30);
  }

  @Test
  void logLayoutAWarmBatchReadsNoStateAndWritesItsChangedBytesNotAnItemPerKey() {
    StageHandler handler = instance(StateLayout.LOG, CommitObserver.NONE);
    handler.handleRequest(clicks(0, 500, 50), null);
    StateLogCounters first = stateLog.counters();
    StageMetrics before = handler.metrics();
    handler.handleRequest(clicks(500, 500, 50), null);
    StateLogCounters second = stateLog.counters();

    assertThat(second.batchGetItemRequests()).as("warm: nothing read").isEqualTo(first.batchGetItemRequests());
    // 50 changed keys of about 60 bytes each, deflated: one entry item of a write unit or two, plus a compaction when
    // due (a snapshot of the same size, and the superseded items deleted); the keys layout writes 50 items
    assertThat(second.writeCapacityUnits() - first.writeCapacityUnits()).isLessThanOrEqualTo(8.0);
    assertThat(handler.metrics().checkpointRequests() - before.checkpointRequests()).isBetween(2L, 3L);
    assertThat(lastCounts()).isEqualTo(expectedCounts(1000, 50));
  }

  @Test
  void logLayoutTheLogIsCompactedAtTheLatestAfter32EntriesAndOnlyNamedItemsStay() {
    StageHandler handler = instance(StateLayout.LOG, CommitObserver.NONE);
    handler.handleRequest(clicks(0, 4000, 2000), null);
    int longest = 0;
    for (int i = 0; i < 40; i++) {
      handler.handleRequest(clicks(4000 + i, 1, 2000), null); // one key per batch: entries far under the snapshot
      var refs = checkpoints.load(CountJob.KEYED_STAGE, SHARD).orElseThrow().stateLog();
      longest = Math.max(longest, refs.log().size());
      assertThat(stateLog.itemCount(CountJob.KEYED_STAGE, SHARD)).as("garbage collected at each compaction")
          .isLessThanOrEqualTo(1 + 32 + 1);
    }
    assertThat(longest).isEqualTo(31);
    // a new instance reads the snapshot and the entries after it
    instance(StateLayout.LOG, CommitObserver.NONE).handleRequest(clicks(4040, 2000, 2000), null);
    assertThat(lastCounts()).isEqualTo(expectedCounts(6040, 2000));
  }

  @Test
  void logLayoutARecordThatGoesToTheDeadLettersEntersTheShardsDedupMemoryEvenWithoutAKey() {
    RecordIdentity bad = new RecordIdentity("counts-1", "shardId-000000000007", "123", 0, "-");
    KinesisEvent first = KinesisEvents.onShard(SHARD).add(sequence(1), bad.toPartitionKey(), "not json").build();
    KinesisEvent copy = KinesisEvents.onShard(SHARD).add(sequence(2), bad.toPartitionKey(), "not json")
        .add(sequence(3), new RecordIdentity("counts-1", "shardId-000000000007", "124", 0, "-").toPartitionKey(),
            "{\"user\":\"u1\",\"page\":\"/x\"}").build();
    instance(StateLayout.LOG, CommitObserver.NONE).handleRequest(first, null);
    StageHandler other = instance(StateLayout.LOG, CommitObserver.NONE);
    other.handleRequest(copy, null);

    assertThat(dynamoDb.items("counts-dead-letters")).as("the copy is skipped, not dead-lettered again").hasSize(1);
    assertThat(other.metrics().skipped()).isEqualTo(1);
    assertThat(lastCounts()).containsExactly(Map.entry("u1", 1L));
  }

  @Test
  void logLayoutAnEntryCarriesTheProducersItChangedAndANewInstanceStillKnowsTheOthers() {
    RecordIdentity fromA = new RecordIdentity("counts-1", "shardId-000000000007", "123", 0, "-");
    RecordIdentity fromB = new RecordIdentity("counts-1", "shardId-000000000008", "456", 0, "-");
    String payload = "{\"user\":\"u1\",\"page\":\"/x\"}";
    StageHandler warm = instance(StateLayout.LOG, CommitObserver.NONE);
    warm.handleRequest(KinesisEvents.onShard(SHARD).add(sequence(1), fromA.toPartitionKey(), payload).build(), null);
    warm.handleRequest(KinesisEvents.onShard(SHARD).add(sequence(2), fromB.toPartitionKey(), payload).build(), null);
    StageHandler cold = instance(StateLayout.LOG, CommitObserver.NONE);
    cold.handleRequest(KinesisEvents.onShard(SHARD).add(sequence(3), fromA.toPartitionKey(), payload)
        .add(sequence(4), fromB.toPartitionKey(), payload).build(), null);

    assertThat(cold.metrics().skipped()).as("both copies known from the log").isEqualTo(2);
    assertThat(lastCounts()).containsExactly(Map.entry("u1", 2L));
  }

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, names = {"STARTED", "CHECKPOINT_COMMITTED"})
  void logLayoutChildShardsAdoptTheirParentsKeysByHashRangeAndDedupMemory(CommitStep crashInTheChild) {
    String lower = "shardId-000000000001";
    String upper = "shardId-000000000002";
    java.math.BigInteger half = java.math.BigInteger.ONE.shiftLeft(127);
    ShardLineage lineage = ShardLineage.of(Map.of(
        lower, new ShardLineage.Lineage(java.util.Set.of(SHARD), java.math.BigInteger.ZERO, half.subtract(
            java.math.BigInteger.ONE)),
        upper, new ShardLineage.Lineage(java.util.Set.of(SHARD), half, java.math.BigInteger.ONE.shiftLeft(128)
            .subtract(java.math.BigInteger.ONE))));
    RecordIdentity upstream = new RecordIdentity("counts-1", "shardId-000000000007", "123", 0, "-");
    KinesisEvents parentBatch = KinesisEvents.onShard(SHARD);
    for (int i = 0; i < 30; i++) {
      parentBatch.add(sequence(i), i == 0 ? upstream.toPartitionKey() : "u" + (i % 10),
          "{\"user\":\"u" + (i % 10) + "\",\"page\":\"/p\"}");
    }
    instance(StateLayout.LOG, CommitObserver.NONE).handleRequest(parentBatch.build(), null); // then drained
    String u0Child = new java.math.BigInteger(RecordIdentity.explicitHashKey("u0")).compareTo(half) < 0 ? lower : upper;
    for (String child : List.of(lower, upper)) {
      KinesisEvents events = KinesisEvents.onShard(child);
      int n = 100;
      if (child.equals(u0Child)) { // a copy of the parent's first record, from the upstream zombie, skipped
        events.add(sequence(n++), upstream.toPartitionKey(), "{\"user\":\"u0\",\"page\":\"/p\"}");
      }
      for (int u = 0; u < 10; u++) {
        boolean mine = new java.math.BigInteger(RecordIdentity.explicitHashKey("u" + u)).compareTo(half) < 0
            == child.equals(lower);
        if (mine) {
          events.add(sequence(n++), "u" + u, "{\"user\":\"u" + u + "\",\"page\":\"/q\"}");
          events.add(sequence(n++), "u" + u, "{\"user\":\"u" + u + "\",\"page\":\"/r\"}");
        }
      }
      KinesisEvent batch = events.build();
      assertThatThrownBy(() -> childInstance(lineage, crashOnceAt(crashInTheChild)).handleRequest(batch, null))
          .isInstanceOf(InjectedCrash.class);
      childInstance(lineage, CommitObserver.NONE).handleRequest(batch, null);
    }

    assertThat(lastCounts()).as("3 in the parent, 2 in a child, the copy skipped").isEqualTo(expectedCounts(50, 10));
  }

  private StageHandler childInstance(ShardLineage lineage, CommitObserver observer) {
    return new StageHandler(LOG_PLAN, CountJob.KEYED_STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer), RetryPolicy.immediate(3), CLOCK,
        checkpoints, null, null, null, null, stateLog, lineage);
  }

  /** The steps a zombie pauses after in {@link #aZombieThatLoadedBeforeItsRetryCommittedIsFenced}. */
  static Stream<Arguments> zombieSteps() {
    return Stream.of(Arguments.of(StateLayout.KEYS, CommitStep.PROCESSED),
        Arguments.of(StateLayout.LOG, CommitStep.PROCESSED), Arguments.of(StateLayout.LOG, CommitStep.STATE_WRITTEN));
  }

  /** Reads of keyed state so far: key reads, or state log reads (collection's queries are not state reads). */
  private long stateReads(StateLayout layout, StageHandler handler) {
    return layout == StateLayout.KEYS ? handler.metrics().stateRequests() - handler.metrics().stateWrites()
        : stateLog.counters().batchGetItemRequests();
  }

  private static CommitObserver crashOnceAt(CommitStep crashStep) {
    boolean[] crashed = {false};
    return (step, stage, shard) -> {
      if (step == crashStep && !crashed[0]) {
        crashed[0] = true;
        throw new InjectedCrash(step);
      }
    };
  }

  /** Crashes once at {@code crashStep} of the {@code batch}-th batch (from 1). */
  private static CommitObserver crashOnceAtBatch(CommitStep crashStep, int batch) {
    int[] started = {0};
    boolean[] crashed = {false};
    return (step, stage, shard) -> {
      if (step == CommitStep.STARTED) {
        started[0]++;
      }
      if (step == crashStep && started[0] == batch && !crashed[0]) {
        crashed[0] = true;
        throw new InjectedCrash(step);
      }
    };
  }

  /** A crash the test injects. */
  static final class InjectedCrash extends dev.runnel.functions.exactlyonce.SimulatedCrash {
    private static final long serialVersionUID = 1L;

    InjectedCrash(CommitStep step) {
      super("injected crash after " + step);
    }
  }
}
