package dev.runnel.functions;

import dev.runnel.functions.joins.JoinStageInput;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.aggregate.AggregatedInput;
import dev.runnel.functions.aggregate.AggregatingStreamWriter;
import dev.runnel.functions.aggregate.SubRecordPosition;
import dev.runnel.functions.batch.InputRecords;
import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.codec.RecordDecoders;
import dev.runnel.functions.commit.AtLeastOnceCommit;
import dev.runnel.functions.commit.BatchCommit;
import dev.runnel.functions.commit.CommitResult;
import dev.runnel.functions.deadletter.DeadLetterItems;
import dev.runnel.functions.deadletter.FailureContext;
import dev.runnel.functions.exactlyonce.ExactlyOnceStage;
import dev.runnel.functions.output.KeyField;
import dev.runnel.functions.output.WriteStats;
import dev.runnel.functions.state.StageStates;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.statelog.StateLogStore;
import dev.runnel.statestore.statelog.DynamoDbStateLogStore;
import dev.runnel.functions.exactlyonce.ShardLineage;
import dev.runnel.plan.StateLayout;
import dev.runnel.statestore.dynamodb.DynamoDbStateStore;
import dev.runnel.plan.TableRole;
import dev.runnel.functions.dynamodb.ItemBatchWriter;
import dev.runnel.functions.dynamodb.PositionedItemWriter;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.kafka.KafkaRecordWriter;
import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.broadcast.BroadcastCopies;
import dev.runnel.functions.broadcast.BroadcastKeys;
import dev.runnel.functions.broadcast.BroadcastStageInput;
import dev.runnel.functions.operators.Operators;
import dev.runnel.functions.output.OutputEncoder;
import dev.runnel.functions.output.OutputEncoders;
import dev.runnel.functions.processing.StageProcessor;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableSpec;
import dev.runnel.checkpointing.progress.DynamoDbProgressStore;
import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.functions.exactlyonce.ConcurrentAttemptException;
import dev.runnel.functions.exactlyonce.StageTime;
import dev.runnel.functions.operators.BoundStage;
import dev.runnel.functions.time.EventTimeField;
import dev.runnel.functions.time.KinesisStreamShards;
import dev.runnel.functions.time.MarkerWriter;
import dev.runnel.functions.time.StreamShards;
import dev.runnel.functions.time.StageClock;
import dev.runnel.functions.time.TopicAwareShards;
import dev.runnel.functions.time.MarkerFilter;
import dev.runnel.functions.time.Watermarks;
import dev.runnel.plan.EventTimeSpec;
import dev.runnel.statestore.timers.DynamoDbTimerIndex;
import dev.runnel.statestore.timers.TimerIndex;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import dev.runnel.functions.inference.BatchAnswers;
import dev.runnel.functions.inference.InferencePhase;
import dev.runnel.functions.inference.ModelStage;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.InferenceMetrics;
import dev.runnel.inference.results.InferenceResultStore;
import java.util.List;
import java.util.Map;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;
import dev.runnel.functions.exactlyonce.OutputsNotWrittenException;
import dev.runnel.functions.poison.BatchNarrowing;
import dev.runnel.functions.poison.FailureClass;
import java.util.Set;
import java.util.TreeMap;
import dev.runnel.checkpointing.sourceid.DynamoDbIdSegmentStore;
import dev.runnel.checkpointing.sourceid.IdSegmentStore;
import dev.runnel.checkpointing.sourceid.InMemoryIdSegmentStore;
import dev.runnel.checkpointing.sourceid.SeenIdsLoader;
import dev.runnel.functions.exactlyonce.ProducerCopies;
import dev.runnel.plan.SourceIdSpec;
import dev.runnel.functions.logging.InvocationLog;
import dev.runnel.functions.metrics.MetricsOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda handler of every Runnel stage: decodes a Kinesis batch, runs the stage's fused operators, writes the
 * outputs and dead letters, and reports the first record whose writes failed. Everything is resolved once, in the
 * constructor; an instance may handle many batches but one at a time.
 */
public final class StageHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
  /**
   * How long an id segment outlives its window: a batch is retried at most this long after its records arrived
   * (Kinesis' default retention), so every attempt reads the segments it needs (docs/exactly-once.md).
   */
  private static final long SEGMENT_GRACE_MILLIS = 24 * 3_600_000L;
  private static final Logger LOG = LoggerFactory.getLogger(StageHandler.class);
  /** Lambda's variable holding the function's memory, for the cost estimate; 1,024 MB where it is not set. */
  static final String MEMORY_SIZE = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
  private final StageProcessor processor;
  private final BatchCommit commit;
  private final ExactlyOnceStage exactlyOnce;
  private final StageCounters counters = new StageCounters();
  private final String inputStream;
  private final MarkerFilter markers;
  /** Expands the aggregates of an aggregated input stream; null when the input is plain. */
  private final AggregatedInput aggregatedInput;
  private final StageResources resources;
  private final InferenceCounters inferenceCounters;
  private final InferencePhase inference;
  private final String stageId;
  private final FailureContext failureContext;
  private final int maxRecordAttempts;
  private final Plan plan;
  private final StageSpec stage;
  private final StageClock stageClock;
  private final Clock clock;
  private final InvocationLog log;
  private final int memoryMb;
  /** Set on Lambda when {@link CounterLine#ENABLED}: print the counters after each invocation. */
  private boolean printsCounterLines;

  /** For AWS Lambda: the stage from {@code RUNNEL_STAGE}, the plan from the classpath, clients from the environment. */
  public StageHandler() {
    this(LambdaEnvironment.system());
  }

  private StageHandler(LambdaEnvironment environment) {
    this(environment.plan(), environment.stageId(), environment.resources());
    this.printsCounterLines = environment.printsCounterLines();
  }

  /** For the local runner and tests: runs stage {@code stageId} of {@code plan} against {@code resources}. */
  public StageHandler(Plan plan, String stageId, StageResources resources) {
    this(plan, stageId, resources, RetryPolicy.DEFAULT, Clock.systemUTC());
  }

  /**
   * A handler of stage {@code stageId} of {@code plan} whose checkpoints, keyed state, progress rows and timer index
   * live in {@code stores} instead of the plan's DynamoDB tables; {@code clock} is its wall clock (ticks and rounds
   * read it). Outputs, sinks and dead letters still go through {@code resources}. The Nexmark bench drives the real
   * handler this way, on the in-memory stores.
   */
  public static StageHandler overStores(Plan plan, String stageId, StageResources resources, StageStores stores,
      Clock clock) {
    return new StageHandler(plan, stageId, resources, RetryPolicy.DEFAULT, clock, stores.checkpoints(),
        stores.states(), stores.progress(), stores.timers(), stores.answers(), stores.stateLog());
  }

  /** As above, with the retry policy and clock made explicit (tests use immediate retries). */
  StageHandler(Plan plan, String stageId, StageResources resources, RetryPolicy retry, Clock clock) {
    this(plan, stageId, resources, retry, clock, null, null);
  }

  /**
   * As above, with the exactly-once stores given (tests use in-memory ones); null stores mean the plan's DynamoDB
   * tables through {@code resources}.
   */
  StageHandler(Plan plan, String stageId, StageResources resources, RetryPolicy retry, Clock clock,
      CheckpointStore checkpointStore, StateStore stateStoreOverride) {
    this(plan, stageId, resources, retry, clock, checkpointStore, stateStoreOverride, null, null);
  }

  /** As above, with a state log store for stages in the log layout (docs/state-log.md). */
  StageHandler(Plan plan, String stageId, StageResources resources, RetryPolicy retry, Clock clock,
      CheckpointStore checkpointStore, StateStore stateStoreOverride, StateLogStore stateLogOverride) {
    this(plan, stageId, resources, retry, clock, checkpointStore, stateStoreOverride, null, null, null,
        stateLogOverride);
  }

  /** As above, with the progress table and timer index given too (tests use in-memory ones). */
  StageHandler(Plan plan, String stageId, StageResources resources, RetryPolicy retry, Clock clock,
      CheckpointStore checkpointStore, StateStore stateStoreOverride, ProgressStore progressOverride,
      TimerIndex indexOverride) {
    this(plan, stageId, resources, retry, clock, checkpointStore, stateStoreOverride, progressOverride, indexOverride,
        null);
  }

  /** As above, with the store of model answers given too (tests use an in-memory one). */
  StageHandler(Plan plan, String stageId, StageResources resources, RetryPolicy retry, Clock clock,
      CheckpointStore checkpointStore, StateStore stateStoreOverride, ProgressStore progressOverride,
      TimerIndex indexOverride, InferenceResultStore answersOverride) {
    this(plan, stageId, resources, retry, clock, checkpointStore, stateStoreOverride, progressOverride, indexOverride,
        answersOverride, null);
  }

  /**
   * As above, with the state log store of a stage in the log layout given too (null: the plan's
   * state-log table through {@code resources}).
   */
  StageHandler(Plan plan, String stageId, StageResources resources, RetryPolicy retry, Clock clock,
      CheckpointStore checkpointStore, StateStore stateStoreOverride, ProgressStore progressOverride,
      TimerIndex indexOverride, InferenceResultStore answersOverride, StateLogStore stateLogOverride) {
    this(plan, stageId, resources, retry, clock, checkpointStore, stateStoreOverride, progressOverride, indexOverride,
        answersOverride, stateLogOverride, null);
  }

  /**
   * As above, with the lineage of the input stream's shards, which child shards of a stage in the log layout adopt
   * their parents' state by (null: Kinesis ListShards of the input stream through {@code resources}).
   */
  StageHandler(Plan plan, String stageId, StageResources resources, RetryPolicy retry, Clock clock,
      CheckpointStore checkpointStore, StateStore stateStoreOverride, ProgressStore progressOverride,
      TimerIndex indexOverride, InferenceResultStore answersOverride, StateLogStore stateLogOverride,
      ShardLineage lineage) {
    StageSpec stage = plan.stage(stageId).orElseThrow(() -> new IllegalArgumentException(
        "plan of job '" + plan.job() + "' has no stage '" + stageId + "'"));
    JobClasses classes = JobClasses.ofCurrentThread();
    FailureContext context = new FailureContext(plan.job(), stage.id(),
        plan.kafkaTopics().contains(stage.input().stream()),
        plan.stream(stage.input().stream()).filter(StreamSpec::aggregated).isPresent());
    this.stageId = stage.id();
    this.failureContext = context;
    this.maxRecordAttempts = plan.maxRecordAttempts();
    StageStates states = StageStates.of(stage, classes);
    // a join's stage reads both inputs' records, tagged by side, each keyed by its own input's field
    JoinStageInput joinInput = JoinStageInput.readsJoin(stage) ? JoinStageInput.of(stage, classes) : null;
    // a broadcast operator's stage reads keyed records and broadcast records, tagged by side (docs/broadcast.md)
    BroadcastStageInput broadcastInput = BroadcastStageInput.readsBroadcast(stage)
        ? BroadcastStageInput.of(stage, classes) : null;
    KeyField inputKey = joinInput != null ? joinInput.key() : broadcastInput != null ? broadcastInput.key()
        : stage.keyed()
        ? KeyField.resolve(classes.load(stage.input().type(), "input type of stage " + stage.id()), stage.keyField())
        : null;
    StageClock stageClock = new StageClock();
    this.plan = plan;
    this.stage = stage;
    this.stageClock = stageClock;
    this.clock = clock;
    this.log = new InvocationLog(plan.job(), stage.id());
    this.memoryMb = memoryMb(System.getenv(MEMORY_SIZE));
    BatchAnswers answers = new BatchAnswers();
    BoundStage bound = Operators.bindStage(stage, classes.newJob(plan.jobClass()), classes, states, stageClock,
        plan.models(), answers);
    this.inferenceCounters = resources.models().counters().apply(stage.id());
    this.inference = bound.inference().isEmpty() ? null
        : ModelStage.phase(plan, stage, bound, resources, clock, inferenceCounters, answers, answersOverride);
    EventTimeField eventTime = stage.input().eventTime() == null ? null : EventTimeField.resolve(
        classes.load(stage.input().type(), "input type of stage " + stage.id()), stage.input().eventTime());
    this.processor = new StageProcessor(joinInput != null ? joinInput.decoder()
        : broadcastInput != null ? broadcastInput.decoder() : RecordDecoders.forInput(stage.input(), classes),
        bound.chain(), encoders(plan, stage, classes), context, inputKey, eventTime, stageClock, inference,
        inference == null ? null : answers, BroadcastKeys.of(stage));
    this.inputStream = stage.input().stream();
    this.markers = MarkerFilter.of(stage);
    this.resources = resources;
    StreamShards shards = TopicAwareShards.of(new KinesisStreamShards(resources.kinesis(), clock), plan.kafkaTopics());
    boolean aggregated = plan.stream(inputStream).filter(StreamSpec::aggregated).isPresent();
    if (aggregated && stage.batching().parallelizationFactor() > 1) {
      throw new IllegalStateException("stage " + stage.id() + " of job '" + plan.job() + "' reads stream " + inputStream
          + " in parallel lanes, but the plan says the stream is aggregated: an aggregate's one partition key would"
          + " lose the order per key that lanes keep; plan the job again (the planner never aggregates such a stream)");
    }
    this.aggregatedInput = aggregated ? new AggregatedInput(inputStream, shards) : null;
    TableSpec deadLetterTable = plan.deadLetterTable();
    Set<String> aggregatedStreams = plan.streams().stream().filter(StreamSpec::aggregated).map(StreamSpec::name)
        .collect(java.util.stream.Collectors.toSet());
    AtLeastOnceCommit outputs = new AtLeastOnceCommit(
        new AggregatingStreamWriter(new KinesisRecordWriter(resources.kinesis(), retry), shards, aggregatedStreams),
        new KafkaRecordWriter(resources.kafka()),
        new ItemBatchWriter(resources.dynamoDb(), retry), new PositionedItemWriter(resources.dynamoDb(), retry),
        tableKeys(plan, stage),
        line -> resources.console().print(line.output(), line.json()),
        DeadLetterItems.of(context, deadLetterTable, clock), deadLetterTable.name(),
        counters::recordWritten, stage.outputs().stream().anyMatch(o -> o.kind() == OutputKind.BROADCAST)
            ? new BroadcastCopies(shards) : null);
    this.commit = outputs;
    List<TableSpec> checkpointTables = plan.tables(TableRole.CHECKPOINT);
    if (checkpointTables.isEmpty()) {
      if (stage.input().ids() != null) {
        throw new IllegalStateException("stage " + stage.id() + " of job '" + plan.job() + "' reads a source with an"
            + " id field but the plan has no checkpoint table to remember ids in; plan the job again");
      }
      this.exactlyOnce = null;
    } else {
      boolean logLayout = stage.keyed() && stage.layout() == StateLayout.LOG;
      StateLogStore stateLog = !logLayout ? null : stateLogOverride != null ? stateLogOverride
          : new DynamoDbStateLogStore(resources.dynamoDb(), stateLogTable(plan, stage));
      StateStore stateStore = !stage.keyed() || logLayout ? null : stateStoreOverride != null ? stateStoreOverride
          : new DynamoDbStateStore(resources.dynamoDb(), plan.tables(TableRole.STATE).get(0).name());
      CheckpointStore checkpoints = checkpointStore != null ? checkpointStore
          : new DynamoDbCheckpointStore(resources.dynamoDb(), checkpointTables.get(0).name());
      StageTime time = stage.time() == null ? null : time(plan, stage, bound, resources, clock, shards, retry,
          progressOverride, indexOverride, !logLayout);
      ShardLineage inputLineage = !logLayout ? ShardLineage.NONE : lineage != null ? lineage
          : ShardLineage.listed(shards, stage.input().stream());
      this.exactlyOnce = new ExactlyOnceStage(stage.id(), processor, outputs, checkpoints, stateStore,
          stateLog, inputLineage, states, resources.observer(), time, copies(stage, classes, resources, shards, checkpoints,
              checkpointStore != null ? new InMemoryIdSegmentStore() : null, checkpointTables.get(0).name()),
          plan.maxRecordAttempts(), stage.batching().parallelizationFactor() > 1, clock, markers);
    }
  }

  private static String stateLogTable(Plan plan, StageSpec stage) {
    List<TableSpec> tables = plan.tables(TableRole.STATE_LOG);
    if (tables.isEmpty()) {
      throw new IllegalStateException("stage " + stage.id() + " of job '" + plan.job() + "' keeps its state in a"
          + " state log (plan field stateLayout \"log\", docs/state-log.md) but the plan has no state-log table;"
          + " plan the job again");
    }
    return tables.get(0).name();
  }

  /**
   * The producer-copies step of a stage reading a source with an id field; segments in the checkpoint table, or in
   * {@code segmentsOverride} (tests with in-memory checkpoints: there they live as long as the handler).
   */
  private static ProducerCopies copies(StageSpec stage, JobClasses classes, StageResources resources,
      StreamShards shards, CheckpointStore checkpoints, IdSegmentStore segmentsOverride, String checkpointTable) {
    SourceIdSpec ids = stage.input().ids();
    if (ids == null) {
      return ProducerCopies.NONE;
    }
    KeyField idField = KeyField.resolve(classes.load(stage.input().type(), "input type of stage " + stage.id()),
        ids.field());
    IdSegmentStore segments = segmentsOverride != null ? segmentsOverride
        : new DynamoDbIdSegmentStore(resources.dynamoDb(), checkpointTable, ids.windowMillis() + SEGMENT_GRACE_MILLIS);
    String stream = stage.input().stream();
    return new ProducerCopies(stage.id(), ids, idField, segments,
        new SeenIdsLoader(segments, checkpoints, shard -> shards.parents(stream).getOrDefault(shard, Set.of())));
  }

  private static StageTime time(Plan plan, StageSpec stage, BoundStage bound, StageResources resources,
      Clock clock, StreamShards shards, RetryPolicy retry, ProgressStore progressOverride, TimerIndex indexOverride, boolean indexed) {
    ProgressStore progress = progressOverride != null ? progressOverride
        : new DynamoDbProgressStore(resources.dynamoDb(), plan.tables(TableRole.PROGRESS).get(0).name());
    // a stage in the log layout finds what is due in its state log: no timer index (docs/state-log.md)
    TimerIndex index = !bound.fires() || !indexed ? null : indexOverride != null ? indexOverride
        : new DynamoDbTimerIndex(resources.dynamoDb(), plan.tables(TableRole.TIMERS).get(0).name());
    Map<String, Long> idleAfter = new HashMap<>();
    Map<String, String> streams = new HashMap<>();
    Map<String, Integer> planned = new HashMap<>();
    for (String upstream : stage.time().upstreamStages()) {
      StageSpec upstreamStage = plan.stage(upstream).orElseThrow(() -> new IllegalStateException(
          "stage " + stage.id() + " reads stage " + upstream + ", which the plan lacks; plan the job again"));
      EventTimeSpec source = upstreamStage.input().eventTime();
      idleAfter.put(upstream, source == null ? 0L : source.idleAfterMillis());
      streams.put(upstream, upstreamStage.input().stream());
      plan.stream(upstreamStage.input().stream()).ifPresent(s -> planned.put(upstream, s.shards()));
    }
    Watermarks watermarks = new Watermarks(stage.input().eventTime(), progress, idleAfter, streams, shards, planned);
    List<String> fed = stage.outputs().stream()
        .filter(o -> o.kind() == OutputKind.REPARTITION || o.kind() == OutputKind.BROADCAST)
        .map(OutputSpec::target).distinct().toList();
    List<String> topics = plan.kafkaTopics();
    MarkerWriter markers = new MarkerWriter(new KinesisRecordWriter(resources.kinesis(), retry), shards,
        fed.stream().filter(stream -> !topics.contains(stream)).toList(), new KafkaRecordWriter(resources.kafka()),
        fed.stream().filter(topics::contains).toList());
    return new StageTime(watermarks, progress, index, bound, clock, markers);
  }

  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    return handleRecords(InputRecords.of(event), context);
  }

  /**
   * Handles one batch given as its records, in delivery order: what {@link #handleRequest} does with the records of
   * the runtime's {@code KinesisEvent}, for {@link StageStreamHandler}, which parses Lambda's event itself. Lines
   * logged meanwhile carry the batch ({@link InvocationLog}); its metrics are written after it, also when it fails.
   */
  public StreamsEventResponse handleRecords(List<InputRecord> inputs, Context context) {
    Invocation invocation = new Invocation();
    try (InvocationLog.Scope scope = log.open(inputs, context == null ? null : context.getAwsRequestId())) {
      try {
        return handle(inputs, context);
      } catch (RuntimeException | Error e) {
        LOG.error("stage {} failed a batch of {} record(s); Lambda retries it", stageId, inputs.size(), e);
        throw e;
      } finally {
        invocation.finish();
        printCounterLine(context);
      }
    }
  }

  /**
   * A tick invoked as a function ({@link StageTickHandler}): {@link #tick()}, with its log lines carrying the job,
   * stage, shard and request id, and its metrics written after it.
   */
  public TickReport tick(Context context) {
    Invocation invocation = new Invocation();
    try (InvocationLog.Scope scope = log.open(List.of(), context == null ? null : context.getAwsRequestId())) {
      try {
        return tick();
      } catch (RuntimeException | Error e) {
        LOG.error("stage {} failed a tick; the next tick tries again", stageId, e);
        throw e;
      } finally {
        invocation.finish();
        printCounterLine(context);
      }
    }
  }

  /**
   * The counters when an invocation started; {@link #finish()} writes what changed since as one Embedded Metric
   * Format document to the stage's {@link StageResources#metrics()} (nothing is measured when that drops them).
   */
  private final class Invocation {
    private final boolean measured = resources.metrics() != MetricsOutput.NONE;
    private final long startNanos = System.nanoTime();
    private final StageMetrics counted = measured ? countedSoFar() : null;
    private final long throttled = measured ? resources.requests().throttled() : 0;
    private final InferenceMetrics models = measured ? inferenceCounters.snapshot() : null;

    void finish() {
      if (!measured) {
        return;
      }
      try {
        double millis = (System.nanoTime() - startNanos) / 1e6;
        long now = clock.millis();
        resources.metrics().emit(InvocationFigures.of(plan, stage, countedSoFar().minus(counted),
            resources.requests().throttled() - throttled,
            InvocationFigures.between(models, inferenceCounters.snapshot()), millis, lag(now, stageClock.watermark()),
            lag(now, stageClock.recordTime()), memoryMb).document(plan, clock.instant()).json());
      } catch (RuntimeException e) {
        LOG.warn("stage {} could not write its metrics", stageId, e);
      }
    }
  }

  private StageMetrics countedSoFar() {
    return metrics().plusRequests(resources.requests().snapshot());
  }

  /** Milliseconds from {@code time} to {@code now}; -1 when there is no time yet (or it is the end of time). */
  private static long lag(long now, long time) {
    return time == StageClock.NONE || time == Long.MAX_VALUE ? -1 : Math.max(0, now - time);
  }

  private static int memoryMb(String value) {
    try {
      return value == null || value.isBlank() ? 1024 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 1024;
    }
  }

  /**
   * After an invocation of a handler in its own process with {@link CounterLine#ENABLED}: prints the instance's
   * counters, with the requests its clients counted (the process's own), to standard output, where the local runtime
   * running the process reads them.
   */
  void printCounterLine(Context context) {
    if (printsCounterLines && context != null) {
      System.out.println(new CounterLine(context.getAwsRequestId(),
          metrics().plusRequests(resources.requests().snapshot())).text());
    }
  }

  private StreamsEventResponse handle(List<InputRecord> delivered, Context context) {
    List<InputRecord> inputs = aggregatedInput == null ? delivered : aggregatedInput.expand(delivered);
    if (inference != null) {
      inference.deadline(context == null ? 0 : System.currentTimeMillis() + context.getRemainingTimeInMillis());
    }
    if (exactlyOnce != null) {
      exactlyOnce.deadline(context == null ? 0 : System.currentTimeMillis() + context.getRemainingTimeInMillis());
      // Failures throw: Lambda retries the whole batch, and the protocol skips what was already applied.
      ExactlyOnceStage.Outcome outcome = exactlyOnce.run(inputs);
      ProcessedBatch batch = outcome.batch() == null ? new ProcessedBatch(List.of(), 0) : outcome.batch();
      counters.record(markers.dataCount(inputs), batch,
          outcome.written() == null ? WriteStats.NONE : outcome.written().stats());
      counters.recordProtocol(outcome.redelivered(), outcome.stateCost().requests(),
          outcome.stateCost().writeRequests(), outcome.stateCost().writeCapacityUnits(), outcome.checkpointRequests());
      counters.recordFired(outcome.fired(), false);
      return new StreamsEventResponse(new ArrayList<>());
    }
    List<InputRecord> data = markers.data(inputs);
    List<BatchItemFailure> failures = new ArrayList<>(1);
    try {
      try {
        atLeastOnce(data);
      } catch (RuntimeException | Error e) {
        if (FailureClass.of(e) == FailureClass.RETRYABLE || data.isEmpty()) {
          throw e;
        }
        // no checkpoint to count attempts in: narrow at once; a record failing alone is tried maxRecordAttempts times
        new BatchNarrowing<Boolean>(maxRecordAttempts, (a, b) -> true, part -> {
          atLeastOnce(part);
          return true;
        }, (record, failure) -> {
          deadLetter(record, failure);
          return true;
        }, part -> { }).narrow(data, e, List.of(), true);
      }
    } catch (OutputsNotWrittenException notWritten) {
      if (notWritten.retryFrom() == null) {
        throw notWritten;
      }
      // Lambda knows Kinesis records: retry from the aggregate holding the sub-record (the ones before it run again)
      failures.add(new BatchItemFailure(aggregatedInput == null ? notWritten.retryFrom()
          : SubRecordPosition.sequenceNumber(notWritten.retryFrom())));
    }
    return new StreamsEventResponse(failures);
  }

  /**
   * Processes and writes {@code data} at least once, counting it.
   *
   * @throws OutputsNotWrittenException naming the first record to retry from when some writes failed after retries
   */
  private void atLeastOnce(List<InputRecord> data) {
    ProcessedBatch batch = processor.process(data);
    CommitResult result = commit.commit(batch);
    counters.record(data.size(), batch, result.stats());
    if (result.retryFromSequenceNumber().isPresent()) {
      throw new OutputsNotWrittenException("stage " + stageId + " could not write every output of its batch (from "
          + "sequence number " + result.retryFromSequenceNumber().get() + ")", result.retryFromSequenceNumber().get());
    }
  }

  /** Sends a record that fails alone to the dead letters, with what made it fail. */
  private void deadLetter(InputRecord record, Throwable failure) {
    ErrorType type = FailureClass.errorType(failure);
    ProcessedBatch batch = new ProcessedBatch(List.of(ProcessedRecord.failed(record, failureContext.describe(record,
        new StepFailure(type, null, "the record fails alone"
            + (FailureClass.of(failure) == FailureClass.UNKNOWN ? " (" + maxRecordAttempts + " attempts)" : "")
            + ": " + FailureClass.describe(failure), null)))), 0);
    CommitResult result = commit.commit(batch);
    counters.record(1, batch, result.stats());
    if (result.retryFromSequenceNumber().isPresent()) {
      throw new OutputsNotWrittenException("stage " + stageId + " could not write the dead letter of sequence number "
          + record.sequenceNumber(), record.sequenceNumber());
    }
  }

  /**
   * The committed states of {@code key} on shard {@code shardId} of the stage's input, by state id
   * ({@code "<operator>/<state>"}); empty when the key has none there or the stage keeps no keyed state.
   */
  public Map<String, Object> committedState(String shardId, String key) {
    if (exactlyOnce == null) {
      return Map.of();
    }
    Map<String, Object> values = new TreeMap<>();
    exactlyOnce.committedKey(shardId, key).ifPresent(state -> state.entries().forEach((id, entry) -> {
      if (entry.value() != null) {
        values.put(id, entry.value());
      }
    }));
    return values;
  }

  /**
   * Cumulative counters of this instance since it was created, without {@link StageMetrics#requests()}: the clients'
   * {@link StageResources#requests()} counts those, and several instances may share clients.
   */
  public StageMetrics metrics() {
    return counters.snapshot();
  }

  /**
   * Sub-records of an aggregated input stream this instance skipped because the shard they were read from does not
   * own them (docs/aggregation.md); 0 for a plain input.
   */
  public long strayCopies() {
    return aggregatedInput == null ? 0 : aggregatedInput.strayCopies();
  }

  /** The counters of the stage's model calls (shared by the instances of a stage when its resources say so). */
  public InferenceMetrics inferenceMetrics() {
    return inferenceCounters.snapshot();
  }

  /**
   * A tick (docs/time.md): for each shard of the stage's input stream, advances the watermark and processing time
   * and fires due windows and timers, exactly as a batch without records would. A shard where another invocation
   * committed first is left to the next tick or batch. Does nothing for a stage without time.
   *
   * @return how many shards conflicted with another invocation, and how many were left to a recent batch
   */
  public TickReport tick() {
    if (exactlyOnce == null) {
      return TickReport.CLEAN;
    }
    int conflicts = 0;
    int deferred = 0;
    for (String shard : shards()) {
      ExactlyOnceStage.Outcome outcome = tickShard(shard);
      if (outcome == null) {
        conflicts++;
      } else if (outcome.deferred()) {
        deferred++;
      }
    }
    return new TickReport(conflicts, deferred);
  }

  /** A tick of one shard; false when another invocation committed the shard first. */
  public boolean tick(String shardId) {
    return exactlyOnce == null || tickShard(shardId) != null;
  }

  /** A tick of one shard, counted; null when another invocation committed the shard first. */
  private ExactlyOnceStage.Outcome tickShard(String shardId) {
    InvocationLog.shard(shardId);
    try {
      ExactlyOnceStage.Outcome outcome = exactlyOnce.tick(shardId);
      counters.recordProtocol(0, outcome.stateCost().requests(), outcome.stateCost().writeRequests(),
          outcome.stateCost().writeCapacityUnits(), outcome.checkpointRequests());
      counters.recordFired(outcome.fired(), true);
      return outcome;
    } catch (ConcurrentAttemptException e) {
      return null;
    }
  }

  private List<String> shards() {
    if (plan.kafkaTopics().contains(inputStream)) {
      return topicPartitions();
    }
    List<String> shards = new ArrayList<>();
    ListShardsResponse page = resources.kinesis().listShards(ListShardsRequest.builder().streamName(inputStream).build());
    while (true) {
      page.shards().forEach(shard -> shards.add(shard.shardId()));
      if (page.nextToken() == null) {
        return shards;
      }
      page = resources.kinesis().listShards(ListShardsRequest.builder().nextToken(page.nextToken()).build());
    }
  }

  /**
   * The input topic's partitions as shard ids ({@code <topic>-<partition>}): from the cluster when the stage reaches
   * one, otherwise as many as the plan created.
   */
  private List<String> topicPartitions() {
    List<Integer> partitions = resources.kafka().configured()
        ? new KafkaRecordWriter(resources.kafka()).partitions(inputStream)
        : java.util.stream.IntStream.range(0, plan.stream(inputStream).orElseThrow().shards()).boxed().toList();
    return partitions.stream().map(partition -> inputStream + "-" + partition).toList();
  }

  private static List<OutputEncoder> encoders(Plan plan, StageSpec stage, JobClasses classes) {
    List<OutputEncoder> encoders = new ArrayList<>(stage.outputs().size());
    for (OutputSpec output : stage.outputs()) {
      encoders.add(OutputEncoders.forOutput(output, plan, classes));
    }
    return encoders;
  }

  private static Map<String, List<String>> tableKeys(Plan plan, StageSpec stage) {
    Map<String, List<String>> keys = new HashMap<>();
    for (OutputSpec output : stage.outputs()) {
      if (output.kind() == OutputKind.TABLE) {
        keys.put(output.target(), OutputEncoders.keyAttributes(output, plan));
      }
    }
    return keys;
  }
}
