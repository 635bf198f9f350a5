package dev.runnel.localrunner.run;

import dev.runnel.checkpointing.progress.DynamoDbProgressStore;
import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.StageMetrics;
import dev.runnel.functions.StageResources;
import dev.runnel.emulators.KafkaBroker;
import dev.runnel.functions.kafka.KafkaOutput;
import dev.runnel.localrunner.esm.EventSourceMapping;
import dev.runnel.localrunner.esm.KafkaEventSourceMapping;
import dev.runnel.localrunner.esm.StageMapping;
import dev.runnel.localrunner.esm.MappingCounters;
import dev.runnel.localrunner.esm.MappingSettings;
import dev.runnel.localrunner.esm.OnFailureEvent;
import dev.runnel.localrunner.input.AlreadyFed;
import dev.runnel.localrunner.input.FedLines;
import dev.runnel.localrunner.input.InputDeadLetters;
import dev.runnel.localrunner.input.InputFeeder;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.input.SourceInputs;
import dev.runnel.localrunner.input.TopicFeeder;
import dev.runnel.localrunner.provision.Provisioner;
import dev.runnel.localrunner.summary.FedInput;
import dev.runnel.functions.requests.RequestBreakdown;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SinkCollector;
import dev.runnel.localrunner.summary.StageCounts;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.InferenceMetrics;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * One run of a plan against running emulators: provision, start one event source mapping per stage driving the
 * real stage handler and one ticker per stage that asks for ticks, feed the inputs, declare the end of input once
 * they are drained (bounded runs with event time), wait until quiet, stop the tickers and the mappings and collect
 * the summary.
 */
public final class JobRun {
  private final Plan plan;
  private final KinesisClient kinesis;
  private final DynamoDbClient dynamoDb;
  private final FunctionClients functionClients;
  private final RunOptions options;
  private final RunObserver observer;

  /**
   * A run of {@code plan} with these clients, shared by the runner and every function instance, whose requests are
   * then not counted; the emulators must be up and stay up until {@link #run()} returns.
   */
  public JobRun(Plan plan, KinesisClient kinesis, DynamoDbClient dynamoDb, RunOptions options) {
    this(plan, kinesis, dynamoDb, null, options);
  }

  /**
   * A run of {@code plan}: the runner (provisioning, feeding, polling, collecting) uses these clients, each function
   * instance its own from {@code functionClients}, which count its requests for the summary.
   */
  public JobRun(Plan plan, KinesisClient kinesis, DynamoDbClient dynamoDb, FunctionClients functionClients,
      RunOptions options) {
    this(plan, kinesis, dynamoDb, functionClients, options, RunObserver.NONE);
  }

  /** The same, with {@code observer} told when the stages have started, to follow the run while it goes. */
  public JobRun(Plan plan, KinesisClient kinesis, DynamoDbClient dynamoDb, FunctionClients functionClients,
      RunOptions options, RunObserver observer) {
    this.plan = plan;
    this.kinesis = kinesis;
    this.dynamoDb = dynamoDb;
    this.functionClients = functionClients;
    this.options = options;
    this.observer = observer;
  }

  /**
   * Runs the job to quiet and returns what it produced.
   *
   * @throws LocalRunException if a stage's consumer or ticker failed or the job made no progress for the options'
   *                           quiet timeout before going quiet
   */
  public RunSummary run() {
    if (plan.kafkaTopics().isEmpty()) {
      return run(null);
    }
    if (options.stateDir() != null) {
      throw new LocalRunException("job " + plan.job() + " uses the Kafka topics " + plan.kafkaTopics() + ", which a"
          + " state directory cannot keep yet (the embedded broker lives for one run, docs/kafka.md \"Local runs\"):"
          + " run it without --state-dir", null);
    }
    options.progress().accept("starting the embedded Kafka broker for " + plan.kafkaTopics().size() + " topics");
    try (KafkaBroker broker = new KafkaBroker().start()) {
      return run(broker.bootstrapServers());
    }
  }

  /** Runs the job with its topics on the Kafka cluster at {@code kafkaServers} (null for a job without topics). */
  private RunSummary run(String kafkaServers) {
    long started = System.nanoTime();
    List<InputSource> inputs = SourceInputs.resolve(plan, options.inputs(), options.jobClassLoader());
    options.progress().accept("provisioning " + plan.streams().size() + " streams and " + plan.tables().size()
        + " tables");
    new Provisioner(kinesis, dynamoDb, kafkaServers).provision(plan);
    KafkaOutput kafka = kafkaServers == null ? KafkaOutput.NONE : KafkaOutput.of(kafkaServers);

    CollectedConsole console = new CollectedConsole();
    Function<String, InferenceCounters> modelCounters = ModelAccess.countersPerStage();
    StageResources resources = new StageResources(kinesis, dynamoDb, console, CommitObserver.NONE,
        options.models().withCounters(modelCounters)).withKafka(kafka);
    ProgressStore progress = plan.tables(TableRole.PROGRESS).isEmpty() ? null
        : new DynamoDbProgressStore(dynamoDb, plan.tables(TableRole.PROGRESS).get(0).name());
    List<OnFailureEvent> discarded = new CopyOnWriteArrayList<>();
    List<StageMapping> mappings = new ArrayList<>();
    List<StageFunctions> functions = new ArrayList<>();
    Map<String, StageTicker> tickers = new LinkedHashMap<>();
    FunctionFactory runFunctions = options.functions().forRun(plan, options.jobClassLoader());
    RunProgress running = null;
    TopicFeeder topicFeeder = null;
    try {
      for (StageSpec stage : plan.stages()) {
        StageFunctions stageFunctions = new StageFunctions(plan, stage.id(), resources, functionClients,
            options.jobClassLoader(), runFunctions);
        MappingSettings settings = MappingSettings.of(stage.id(), stage.input().stream(), options.batchingOf(stage))
            .withPollInterval(options.pollInterval()).withLaneHash(options.laneHash());
        StageMapping mapping = plan.kafkaTopics().contains(stage.input().stream())
            ? new KafkaEventSourceMapping(kafkaServers, settings, stageFunctions::kafkaHandler, discarded::add)
            : new EventSourceMapping(kinesis, settings, stageFunctions, discarded::add);
        mappings.add(mapping);
        functions.add(stageFunctions);
        mapping.start();
        if (ticks(stage)) {
          StageTicker ticker = new StageTicker(stage.id(), stageFunctions.ticker(),
              () -> stageFunctions.metrics().fired(), published(progress, stage.id()), options.tickEvery(),
              options.jobClassLoader());
          tickers.put(stage.id(), ticker);
          ticker.start();
        }
      }
      options.progress().accept("started " + mappings.size() + " event source mappings"
          + (tickers.isEmpty() ? "" : " and " + tickers.size() + " tickers (a tick every "
              + options.tickEvery().toMillis() + " ms)"));
      observer.started(live(mappings, functions, tickers, progress, modelCounters, console, kafkaServers));

      List<FedInput> fed = new ArrayList<>();
      InputDeadLetters inputDeadLetters = new InputDeadLetters(plan, dynamoDb, Clock.systemUTC());
      InputFeeder feeder = new InputFeeder(kinesis, inputDeadLetters::write);
      topicFeeder = kafkaServers == null ? null : new TopicFeeder(kafkaServers, inputDeadLetters::write);
      TopicFeeder topics = topicFeeder;
      Map<String, Supplier<StageMetrics>> stageCounters = new LinkedHashMap<>();
      for (int i = 0; i < functions.size(); i++) {
        stageCounters.put(plan.stages().get(i).id(), functions.get(i)::metrics);
      }
      running = new RunProgress(() -> feeder.written() + (topics == null ? 0 : topics.written()), stageCounters, options.progress(), RunProgress.EVERY);
      Map<String, AlreadyFed> already = new LinkedHashMap<>();
      for (InputSource input : inputs) {
        boolean topic = plan.kafkaTopics().contains(input.stream());
        AlreadyFed inStream = topic ? AlreadyFed.none() : already.computeIfAbsent(input.stream(), this::alreadyFed);
        FedLines lines = topic ? topics.feed(input) : feeder.feed(input, inStream);
        FedInput fedInput = new FedInput(input.stream(), input.label(), lines.records(), lines.emptyLines(),
            lines.rejected());
        fed.add(fedInput);
        options.progress().accept("fed " + fedInput.describe() + " into " + input.stream() + " from " + input.label()
            + (lines.alreadyFed() == 0 ? "" : " (" + lines.alreadyFed() + " of them by the interrupted run)"));
      }
      already.forEach((stream, inStream) -> {
        if (inStream.unclaimed() > 0) {
          options.progress().accept("warning: stream " + stream + " holds " + inStream.unclaimed() + " records that "
              + "no line of this run's inputs accounts for; were the inputs changed since the interrupted run?");
        }
      });
      Quiescence quiescence = new Quiescence(mappings, List.copyOf(tickers.values()));
      if (options.endOfInput() && progress != null && EndOfInput.applies(plan)) {
        options.progress().accept("waiting until every stage has drained the inputs");
        quiescence.awaitMappings(options.quietTimeout());
        List<ShardProgress> declared = new EndOfInput(plan, kinesis, progress, Clock.systemUTC(), kafka).declare();
        options.progress().accept("end of input: published the final watermark for " + declared.size()
            + " source shards; ticking until every window has fired");
      }
      options.progress().accept("waiting until every stage has caught up");
      quiescence.await(options.quietTimeout());
      running.close();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      tickers.values().forEach(StageTicker::finish);
      mappings.forEach(StageMapping::close);

      SinkCollector collector = new SinkCollector(plan, kinesis, dynamoDb, options.jobClassLoader(), kafkaServers);
      return new RunSummary(plan, elapsed, fed, collector.sinks(console.lines()), collector.deadLetters(),
          discarded, counts(mappings, functions, tickers), models(modelCounters));
    } catch (TimeoutException e) {
      throw new LocalRunException("job " + plan.job() + " did not go quiet: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRunException("interrupted while running job " + plan.job(), e);
    } catch (IllegalStateException e) {
      throw new LocalRunException("job " + plan.job() + " failed: " + e.getMessage(), e);
    } finally {
      if (running != null) {
        running.close();
      }
      tickers.values().forEach(StageTicker::close);
      mappings.forEach(StageMapping::close);
      close(runFunctions);
      functions.forEach(StageFunctions::close);
      if (topicFeeder != null) {
        topicFeeder.close();
      }
      kafka.close();
    }
  }

  /** Stops what the run's function factory owns (processes of isolated functions), if anything. */
  private static void close(FunctionFactory runFunctions) {
    if (runFunctions instanceof AutoCloseable owned) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new LocalRunException("could not stop the run's functions: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The records an interrupted run on the same state directory already fed into {@code stream}, read back from it;
   * none without a state directory (the stream is fresh).
   */
  private AlreadyFed alreadyFed(String stream) {
    if (options.stateDir() == null) {
      return AlreadyFed.none();
    }
    AlreadyFed inStream = AlreadyFed.readBack(kinesis, stream);
    if (inStream.total() > 0) {
      options.progress().accept("resuming: stream " + stream + " already holds " + inStream.total()
          + " input records; feeding the others");
    }
    return inStream;
  }

  /** The run as its observer reads it while it goes. */
  private LiveRun live(List<StageMapping> mappings, List<StageFunctions> functions,
      Map<String, StageTicker> tickers, ProgressStore progress, Function<String, InferenceCounters> modelCounters,
      CollectedConsole console, String kafkaServers) {
    Map<String, StageMapping> mappingOf = new LinkedHashMap<>();
    Map<String, StageFunctions> functionsOf = new LinkedHashMap<>();
    for (int i = 0; i < mappings.size(); i++) {
      mappingOf.put(plan.stages().get(i).id(), mappings.get(i));
      functionsOf.put(plan.stages().get(i).id(), functions.get(i));
    }
    return new LiveRun(plan, mappingOf, functionsOf, tickers, progress, modelCounters, console,
        new SinkCollector(plan, kinesis, dynamoDb, options.jobClassLoader(), kafkaServers), dynamoDb);
  }

  /** The model calls of each stage with inference operators. */
  private Map<String, InferenceMetrics> models(Function<String, InferenceCounters> counters) {
    Map<String, InferenceMetrics> models = new LinkedHashMap<>();
    for (StageSpec stage : plan.stages()) {
      if (stage.operators().stream().anyMatch(o -> o.inference() != null)) {
        models.put(stage.id(), counters.apply(stage.id()).snapshot());
      }
    }
    return models;
  }

  /** True for a stage the plan asks to tick: it has time and a tick period. */
  private static boolean ticks(StageSpec stage) {
    return stage.time() != null && stage.time().tickSeconds() > 0;
  }

  /** Reads the stage's published watermarks; nothing without a progress table. */
  private static Supplier<List<ShardProgress>> published(ProgressStore progress, String stageId) {
    return progress == null ? List::of : () -> progress.read(stageId);
  }

  private List<StageCounts> counts(List<StageMapping> mappings, List<StageFunctions> functions,
      Map<String, StageTicker> tickers) {
    List<StageCounts> counts = new ArrayList<>();
    for (int i = 0; i < mappings.size(); i++) {
      String stageId = plan.stages().get(i).id();
      MappingCounters.Snapshot mapping = mappings.get(i).counters();
      StageMetrics metrics = functions.get(i).metrics();
      StageTicker ticker = tickers.get(stageId);
      boolean counted = !metrics.requests().operations().isEmpty();
      RequestBreakdown bill = RequestBreakdown.of(plan, metrics.requests());
      counts.add(new StageCounts(stageId, mapping.invocations(), metrics.recordsIn(),
          metrics.recordsOut(), metrics.filteredOut(), metrics.deadLettered(), mapping.retries(), mapping.bisects(),
          mapping.discardedRecords(), metrics.skipped(),
          counted ? bill.putRecords() : metrics.putRecordsCalls(),
          counted ? bill.state().requests() : metrics.stateRequests(), metrics.stateWrites(),
          counted ? bill.state().writeUnits() : metrics.stateWriteUnits(),
          counted ? bill.checkpoint().requests() : metrics.checkpointRequests(),
          ticker == null ? 0 : ticker.ticks(), metrics.ticks(), metrics.fired(),
          ticker == null ? 0 : ticker.conflicts(), ticker == null ? 0 : ticker.failures(), metrics.requests()));
    }
    return counts;
  }
}
