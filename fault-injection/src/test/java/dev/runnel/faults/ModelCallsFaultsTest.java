package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.faults.SharedHarness.ModelRun;
import dev.runnel.faults.jobs.ModeratedReviews;
import dev.runnel.faults.jobs.ModeratedReviewsInput;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.inference.InferenceMetrics;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.SchemaBreak;
import dev.runnel.modelserver.faults.Trigger;
import dev.runnel.modelserver.log.LoggedRequest;
import dev.runnel.modelserver.log.RequestLog;
import dev.runnel.plan.StateLayout;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Each model is called once per record, ever", on {@link ModeratedReviews} (a served classifier and the in-process
 * MiniLM in its first stage, a keyed count after a repartition): under crashes after every commit step, zombies and
 * DynamoDB / Kinesis throttling, while the model server throttles (429, Retry-After 1 s), fails (500), answers one
 * malformed body and one answer outside the labels, and refuses the reviews with a forbidden word for good (400), the
 * outputs equal the failure-free run's, and the server answered every prompt once: no duplicate call, no lost
 * record, one chat request per record once the injected retryable faults are set aside. The in-process embeddings
 * are counted through the run's inference metrics.
 */
class ModelCallsFaultsTest {
  static final int RECORDS = ModeratedReviewsInput.REVIEWS;
  static final int REFUSED = ModeratedReviewsInput.FORBIDDEN;
  /** The 200 answers {@link #serverFaults()} spoils (a malformed body, then a label outside the enum): 2. */
  static final int SPOILED_ANSWERS = 2;

  /**
   * The model server's faults in a faulty run: the first chat request gets a malformed body and the second an answer
   * outside the labels (both 200, both retried), the 40th (and 80th...) is throttled with Retry-After 1 s, every 17th
   * fails with 500, and the other requests for reviews with the forbidden word are refused for good. The rules count
   * every chat request, whatever its prompt, so these faults happen in every run.
   */
  static Faults serverFaults() {
    return Faults.builder().seed(11)
        .rule(FaultRule.of(Trigger.firstN(1), FaultAction.malformedBody()).on(Endpoint.CHAT))
        .rule(FaultRule.of(Trigger.firstN(2), FaultAction.breakSchema(SchemaBreak.OUTSIDE_ENUM)).on(Endpoint.CHAT))
        .rule(FaultRule.of(Trigger.everyNth(40), FaultAction.throttle(Duration.ofSeconds(1))).on(Endpoint.CHAT))
        .rule(FaultRule.of(Trigger.everyNth(17), FaultAction.serverError()).on(Endpoint.CHAT))
        .rule(ModeratedReviewsInput.refusal())
        .build();
  }

  /**
   * The steps each layout crashes after: every step of a batch in the per-key layout; in the log layout, those of the
   * keyed count's state (its log entry, commit and compaction), since the model calls are the first stage's, which
   * holds no keyed state and runs alike in both.
   */
  static Stream<Arguments> commitSteps() {
    Stream<Arguments> keys = Stream.of(CommitStep.values())
        .filter(step -> !step.name().startsWith("ROUND_") && !step.name().startsWith("SNAPSHOT_"))
        .map(step -> Arguments.of(StateLayout.KEYS, step));
    Stream<Arguments> log = Stream.of(CommitStep.STATE_WRITTEN, CommitStep.CHECKPOINT_COMMITTED,
        CommitStep.SNAPSHOT_WRITTEN, CommitStep.SNAPSHOT_COMMITTED).map(step -> Arguments.of(StateLayout.LOG, step));
    return Stream.concat(keys, log);
  }

  @ParameterizedTest
  @MethodSource("commitSteps")
  void crashAfterEachCommitStep(StateLayout layout, CommitStep step) {
    FaultKind crash = FaultKind.crashAfter(step);
    // Few batches call a model (the input comes in two halves over two shards): every one of them crashes right
    // after storing its answers; its retry finds them all stored, calls nothing and so does not reach the step again.
    // A shard compacts seldom: every compaction crashes.
    double p = step == CommitStep.MODEL_ANSWERS_STORED || crash.compacts() ? 1.0 : 0.5;
    assertOncePerRecord(layout, FaultPlan.none(600 + step.ordinal()).with(crash, p), crash);
  }

  @Test
  void zombieNextToItsRetry() {
    assertOncePerRecord(FaultPlan.none(520).with(FaultKind.ZOMBIE, 0.6), FaultKind.ZOMBIE);
  }

  @Test
  void dynamoDbAndKinesisThrottling() {
    ModelRun run = assertOncePerRecord(FaultPlan.none(521).with(FaultKind.DYNAMODB_THROTTLE, 0.15)
        .with(FaultKind.KINESIS_PARTIAL_FAILURE, 0.5), FaultKind.DYNAMODB_THROTTLE);
    assertThat(run.report().injected()).containsKey(FaultKind.KINESIS_PARTIAL_FAILURE);
  }

  /**
   * Model calls per 1,000 records, failure-free and with crashes after every commit step, mid-write crashes,
   * redeliveries and zombies, side by side: the same. The server injects no retryable fault here (only the refusals),
   * so its raw request count is the number of calls.
   */
  @Test
  void modelCallsPerThousandRecordsAreTheSameWithCrashes() {
    ModelRun clean = new ModelRun(SharedHarness.referenceReport(ModeratedReviews.class),
        SharedHarness.referenceRequests());
    FaultPlan crashes = FaultPlan.none(540);
    for (CommitStep step : CommitStep.values()) {
      if (!step.name().startsWith("ROUND_") && !step.name().startsWith("SNAPSHOT_")) {
        crashes = crashes.with(FaultKind.crashAfter(step), 0.12);
      }
    }
    crashes = crashes.with(FaultKind.CRASH_AFTER_MODEL_ANSWERS_STORED, 1.0).with(FaultKind.CRASH_MID_OUTPUTS, 0.1).with(FaultKind.CRASH_MID_STATE, 0.05)
        .with(FaultKind.DUPLICATE_DELIVERY, 0.2).with(FaultKind.ZOMBIE, 0.3);
    ModelRun faulty = SharedHarness.checkModels(crashes, ModeratedReviewsInput.refusalsOnly());
    assertExactlyOnce(faulty.report());
    ModelCount withoutFaults = assertModelCalledOncePerRecord(clean, 0, false);
    ModelCount withFaults = assertModelCalledOncePerRecord(faulty, 0, false);
    long crashCount = faulty.report().injected().entrySet().stream()
        .filter(e -> e.getKey().name().startsWith("CRASH_")).mapToLong(Map.Entry::getValue).sum();
    long zombies = faulty.report().injected().getOrDefault(FaultKind.ZOMBIE, 0L);
    System.out.printf("[fault-injection] chat requests per 1000 records: failure-free %d, with crashes %d"
            + " (%d crashes, %d zombies)%n", perThousand(clean.requests().size()),
        perThousand(faulty.requests().size()), crashCount, zombies);
    System.out.printf("[fault-injection] model calls per 1000 records: failure-free %d (chat %d + in-process embed"
            + " %d), with crashes %d (chat %d + in-process embed %d)%n",
        perThousand(withoutFaults.chat() + withoutFaults.embedded()), perThousand(withoutFaults.chat()),
        perThousand(withoutFaults.embedded()), perThousand(withFaults.chat() + withFaults.embedded()),
        perThousand(withFaults.chat()), perThousand(withFaults.embedded()));
    assertThat(faulty.report().injected()).containsKey(FaultKind.CRASH_AFTER_MODEL_ANSWERS_STORED);
    assertThat(crashCount).isPositive();
    assertThat(zombies).isPositive();
    assertThat(faulty.requests()).hasSameSizeAs(clean.requests()).hasSize(RECORDS);
    assertThat(withFaults).isEqualTo(withoutFaults).isEqualTo(new ModelCount(RECORDS, RECORDS));
  }

  private static long perThousand(long calls) {
    return Math.round(calls * 1000.0 / RECORDS);
  }

  /**
   * A review the model refuses goes to the dead letters as a model error with the model's message; the rest of its
   * batch and shard is processed, and under crashes and redeliveries the refused prompt is never asked again.
   */
  @Test
  void aRefusedRecordGoesToTheDeadLettersOnceAndIsNeverAskedAgain() {
    RunOutput reference = SharedHarness.reference(ModeratedReviews.class);
    List<DeadLetter> deadLetters = reference.summary().deadLetters();
    assertThat(deadLetters).hasSize(REFUSED).allSatisfy(d -> {
      assertThat(d.errorType()).isEqualTo("model");
      assertThat(d.error()).contains(ModeratedReviewsInput.REFUSAL);
      assertThat(d.payload()).contains(ModeratedReviewsInput.FORBIDDEN_WORD);
    });
    assertThat(reference.tables().get("moderated-counts")).as("every other review is counted")
        .extracting(item -> ((Number) Json.field(item, "reviews")).longValue())
        .satisfies(counts -> assertThat(counts.stream().mapToLong(Long::longValue).sum())
            .isEqualTo(RECORDS - REFUSED));
    assertThat(reference.streams().get("moderated-vectors-out"))
        .as("every other review is embedded (a refused review goes to the dead letters whole)")
        .extracting(r -> Json.field(r.data(), "id")).doesNotHaveDuplicates().hasSize(RECORDS - REFUSED);

    FaultPlan replays = FaultPlan.none(530).with(FaultKind.CRASH_AFTER_MODEL_ANSWERS_STORED, 1.0)
        .with(FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN, 0.5).with(FaultKind.DUPLICATE_DELIVERY, 0.5)
        .with(FaultKind.RESPLIT_DELIVERY, 0.5);
    ModelRun run = assertOncePerRecord(replays, FaultKind.CRASH_AFTER_MODEL_ANSWERS_STORED);
    assertThat(run.report().injected()).containsKeys(FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN,
        FaultKind.DUPLICATE_DELIVERY);
    assertThat(run.requests()).filteredOn(r -> r.promptText().contains(ModeratedReviewsInput.FORBIDDEN_WORD))
        .filteredOn(r -> r.status() == 400).as("each refused prompt refused once, never asked again")
        .extracting(LoggedRequest::promptText).doesNotHaveDuplicates().hasSize(REFUSED);
  }

  /** Checks a faulty run of the inference job with {@link #serverFaults()}: exactly once, and once per record. */
  static ModelRun assertOncePerRecord(FaultPlan plan, FaultKind expectedFault) {
    return assertOncePerRecord(StateLayout.KEYS, plan, expectedFault);
  }

  /** As above, the job planned in {@code layout}. */
  static ModelRun assertOncePerRecord(StateLayout layout, FaultPlan plan, FaultKind expectedFault) {
    ModelRun run = SharedHarness.checkModels(layout, plan, serverFaults());
    FaultReport report = run.report();
    assertThat(report.injected().getOrDefault(expectedFault, 0L)).as("faults of kind %s injected; %s",
        expectedFault, report).isPositive();
    assertExactlyOnce(report);
    assertModelCalledOncePerRecord(run, SPOILED_ANSWERS, true);
    return run;
  }

  static void assertExactlyOnce(FaultReport report) {
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
  }

  /**
   * What the model server saw in one run: every prompt answered once (200) but for the {@code spoiled} answers the
   * server's faults broke (each retried once more), the refused ones refused once, and one good answer per record;
   * with {@code injected}, the server's 429s and 500s happened and were retried. The in-process embedder embedded
   * each record's text once.
   */
  static ModelCount assertModelCalledOncePerRecord(ModelRun run, int spoiled, boolean injected) {
    List<LoggedRequest> requests = run.requests();
    String context = run.report().toString();
    assertThat(requests).as("only chat requests reach the server: %s", context)
        .allSatisfy(r -> assertThat(r.endpoint()).isEqualTo(Endpoint.CHAT));
    RequestLog log = new RequestLog();
    requests.forEach(r -> {
      log.started();
      log.finished(r);
    });
    Map<String, Integer> answered = log.successfulAnswersPerPrompt();
    long ok = requests.stream().filter(LoggedRequest::succeeded).count();
    long refused = requests.stream().filter(r -> r.status() == 400).count();
    Map<String, Integer> refusedPerPrompt = new HashMap<>();
    requests.stream().filter(r -> r.status() == 400)
        .forEach(r -> r.promptSha256().forEach(sha -> refusedPerPrompt.merge(sha, 1, Integer::sum)));
    long accepted = answered.keySet().stream().filter(sha -> !refusedPerPrompt.containsKey(sha)).count();

    assertThat(accepted).as("prompts answered: one per record but the refused (none lost); %s", context)
        .isEqualTo(RECORDS - REFUSED);
    assertThat(refusedPerPrompt).as("refused prompts, each asked once; %s", context)
        .hasSize(REFUSED).allSatisfy((sha, n) -> assertThat(n).isEqualTo(1));
    assertThat(refused).isEqualTo(REFUSED);
    if (spoiled == 0) {
      assertThat(log.duplicatePrompts()).as("prompts answered more than once; %s", context).isEmpty();
    } else {
      assertThat(log.duplicatePrompts().values().stream().mapToInt(n -> n - 1).sum())
          .as("answers beyond the first per prompt: only the %d spoiled ones; %s", spoiled, context)
          .isLessThanOrEqualTo(spoiled);
    }
    assertThat(ok - spoiled).as("good answers (200s the server's faults did not spoil): one per prompt; %s", context)
        .isEqualTo(RECORDS - REFUSED);
    long calls = ok - spoiled + refused;
    assertThat(calls).as("chat calls answered for good, one per record; %s", context).isEqualTo(RECORDS);
    if (injected) {
      assertThat(requests).as("throttled with Retry-After and retried").anyMatch(r -> r.status() == 429);
      assertThat(requests).as("500s retried").anyMatch(r -> r.status() == 500);
    }
    InferenceMetrics metrics = run.report().models(firstStage());
    long embedded = metrics.prompts() - calls;
    assertThat(metrics.failed()).as("refused records failed for good; %s", context).isEqualTo(REFUSED);
    assertThat(embedded).as("texts embedded in process, one per record; %s", context).isEqualTo(RECORDS);
    return new ModelCount(calls, embedded);
  }

  static String firstStage() {
    return SharedHarness.plan(ModeratedReviews.class).stages().get(0).id();
  }

  /**
   * A run's model calls.
   *
   * @param chat     chat prompts answered for good by the server (refusals included)
   * @param embedded texts embedded in process
   */
  record ModelCount(long chat, long embedded) {}

  /** Reads one top-level field of a flat JSON object. */
  static final class Json {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
        new com.fasterxml.jackson.databind.ObjectMapper();

    private Json() {}

    static Object field(String json, String name) {
      try {
        Object value = MAPPER.readValue(json, Map.class).get(name);
        return value;
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("not JSON: " + json, e);
      }
    }
  }
}
