package dev.runnel.infra.stack;

import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every AWS resource one job needs, derived from its plan: what the SAM writer renders and the CDK construct builds.
 * Lists are in plan order (streams and tables as the plan lists them, functions and mappings in stage order).
 *
 * @param job             the job's name
 * @param jobClass        the job class
 * @param streams         one per plan stream (sources, repartitions, sinks)
 * @param tables          one per plan table
 * @param deadLetterQueue the queue every mapping reports batches it gave up to
 * @param functions       per stage its function, then (for a stage with {@code time.tickSeconds > 0}) its tick function
 * @param mappings        one per stage: its input stream feeding its function
 * @param schedules       one per tick function
 * @param alarms          per function errors, per stage iterator age, dead letters, throttles, a stalled watermark
 *                        (with event time) and model failures (with a model), the queue's depth, per table and stream
 *                        throttles (docs/deployment.md, Alarms); their thresholds are {@link #alarmParameters()}
 * @param dashboard       the job's CloudWatch dashboard, a row per stage
 * @param parameters      the deploy-time values the functions need (model keys read from the environment); the
 *                        optional dead-letter key is {@link #deadLetterKey()}
 * @param kafka           the job's topics, their mappings and the cluster's parameters; null for a job without topics
 */
public record StackModel(String job, String jobClass, List<StreamResource> streams, List<TableResource> tables,
    QueueResource deadLetterQueue, List<FunctionResource> functions, List<EventSourceMapping> mappings,
    List<TickSchedule> schedules, List<AlarmResource> alarms, DashboardResource dashboard,
    List<StackParameter> parameters, KafkaDeployment kafka) {

  public StackModel {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(jobClass, "jobClass");
    Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
    Objects.requireNonNull(dashboard, "dashboard");
    streams = List.copyOf(streams);
    tables = List.copyOf(tables);
    functions = List.copyOf(functions);
    mappings = List.copyOf(mappings);
    schedules = List.copyOf(schedules);
    alarms = List.copyOf(alarms);
    parameters = List.copyOf(parameters);
  }

  /** The stack of {@code plan}, deployed as {@code settings} say. */
  public static StackModel of(Plan plan, DeploymentSettings settings) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(settings, "settings");
    KafkaCluster cluster = plan.kafkaTopics().isEmpty() ? null : settings.kafka();
    List<StreamResource> streams = plan.streams().stream().filter(s -> !s.kafka())
        .map(s -> new StreamResource(LogicalIds.stream(s.name()), s.name(), s.shards(), s.role(),
            settings.streamRetentionHours(), StreamResource.AWS_MANAGED_KEY))
        .toList();
    List<TableResource> tables = plan.tables().stream()
        .map(t -> new TableResource(LogicalIds.table(t.name()), t.name(), t.role(), t.partitionKey(), t.sortKey(),
            TableTtl.of(t), true, t.role() == TableRole.DEAD_LETTER ? KmsKeyParameter.deadLetters(plan.job()) : null))
        .toList();
    QueueResource queue = new QueueResource(LogicalIds.deadLetterQueue(plan.job()), plan.job() + "-failed-batches",
        QueueResource.MAX_RETENTION_SECONDS);
    List<StackParameter> parameters = ModelAccess.parameters(plan.models());
    boolean exactlyOnce = !plan.tables(TableRole.CHECKPOINT).isEmpty();

    List<FunctionResource> functions = new ArrayList<>();
    List<EventSourceMapping> mappings = new ArrayList<>();
    List<KafkaMapping> kafkaMappings = new ArrayList<>();
    List<TickSchedule> schedules = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      FunctionResource function = function(plan, stage, FunctionKind.STAGE, settings, queue, cluster);
      functions.add(function);
      if (KafkaAccess.readsTopic(plan, stage)) {
        kafkaMappings.add(kafkaMapping(plan, stage, function, queue, exactlyOnce));
      } else {
        mappings.add(mapping(stage, function, queue, exactlyOnce, settings));
      }
      if (stage.time() != null && stage.time().tickSeconds() > 0) {
        FunctionResource tick = function(plan, stage, FunctionKind.TICK, settings, queue, cluster);
        functions.add(tick);
        schedules.add(new TickSchedule(LogicalIds.tickSchedule(stage.id()), tick.logicalId(),
            TickSchedule.rate(stage.time().tickSeconds())));
      }
    }
    KafkaDeployment kafka = cluster == null ? null : new KafkaDeployment(cluster,
        plan.streams().stream().filter(StreamSpec::kafka)
            .map(s -> new KafkaDeployment.KafkaTopic(s.name(), s.shards())).toList(),
        kafkaMappings, KafkaAccess.parameters(cluster));
    return new StackModel(plan.job(), plan.jobClass(), streams, tables, queue, functions, mappings, schedules,
        Alarms.of(plan, functions, queue, streams, tables), JobDashboard.of(plan, functions, queue, tables), parameters,
        kafka);
  }

  /** The parameter of the optional customer-managed key of the job's dead-letter table. */
  public KmsKeyParameter deadLetterKey() {
    return KmsKeyParameter.deadLetters(job);
  }

  /** The stack-wide parameters the alarms' thresholds come from, each once, in the order the alarms first use them. */
  public List<AlarmParameter> alarmParameters() {
    return alarms.stream().flatMap(a -> a.parameters().stream()).distinct().toList();
  }

  /** True when {@code logicalId} is one of the stack's parameters rather than a resource. */
  public boolean isParameter(String logicalId) {
    return logicalId.equals(deadLetterKey().logicalId())
        || parameters.stream().anyMatch(p -> p.logicalId().equals(logicalId))
        || alarmParameters().stream().anyMatch(p -> p.logicalId().equals(logicalId))
        || kafkaParameters().stream().anyMatch(p -> p.logicalId().equals(logicalId));
  }

  /** The function with this logical id. */
  public Optional<FunctionResource> function(String logicalId) {
    return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
  }

  /** The stream with this logical id. */
  public Optional<StreamResource> stream(String logicalId) {
    return streams.stream().filter(s -> s.logicalId().equals(logicalId)).findFirst();
  }

  /** The table with this logical id. */
  public Optional<TableResource> table(String logicalId) {
    return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
  }

  /** The mapping feeding the function with this logical id, if it is a stage function. */
  public Optional<EventSourceMapping> mapping(String functionLogicalId) {
    return mappings.stream().filter(m -> m.functionLogicalId().equals(functionLogicalId)).findFirst();
  }

  /** The schedule ticking the function with this logical id, if it is a tick function. */
  public Optional<TickSchedule> schedule(String functionLogicalId) {
    return schedules.stream().filter(s -> s.functionLogicalId().equals(functionLogicalId)).findFirst();
  }

  /** Every logical id of the stack's resources and parameters, each once, in the order above. */
  public List<String> logicalIds() {
    return Stream.of(streams.stream().map(StreamResource::logicalId), tables.stream().map(TableResource::logicalId),
        Stream.of(deadLetterQueue.logicalId()), functions.stream().map(FunctionResource::logicalId),
        alarms.stream().map(AlarmResource::logicalId), Stream.of(dashboard.logicalId()),
        parameters.stream().map(StackParameter::logicalId), Stream.of(deadLetterKey().logicalId()),
        alarmParameters().stream().map(AlarmParameter::logicalId),
        kafkaParameters().stream().map(KafkaParameter::logicalId))
        .flatMap(s -> s).toList();
  }

  /** The parameters locating the job's Kafka cluster; empty for a job without topics. */
  public List<KafkaParameter> kafkaParameters() {
    return kafka == null ? List.of() : kafka.parameters();
  }

  private static FunctionResource function(Plan plan, StageSpec stage, FunctionKind kind,
      DeploymentSettings settings, QueueResource queue, KafkaCluster kafka) {
    FunctionSizing sizing = FunctionSizing.of(plan, stage, settings);
    Map<String, EnvValue> environment = new LinkedHashMap<>();
    environment.put("RUNNEL_STAGE", EnvValue.literal(stage.id()));
    environment.put("RUNNEL_PLAN_RESOURCE", EnvValue.literal(settings.planResourceDirectory() + "/" + plan.job()
        + ".json"));
    environment.put("JAVA_TOOL_OPTIONS", EnvValue.literal("-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
    // the functions' JSON log lines (dev.runnel.functions.logging): ERROR, WARN, INFO, DEBUG or TRACE
    environment.put("RUNNEL_LOG_LEVEL", EnvValue.literal("INFO"));
    for (StackParameter parameter : ModelAccess.parameters(StageModels.of(plan, stage))) {
      environment.put(parameter.variable(), new EnvValue.FromParameter(parameter.logicalId()));
    }
    boolean tick = kind == FunctionKind.TICK;
    boolean inKafkaVpc = kafka != null && KafkaAccess.connects(plan, stage, kind);
    if (inKafkaVpc) {
      environment.putAll(KafkaAccess.environment(kafka));
    }
    return new FunctionResource(tick ? LogicalIds.tickFunction(stage.id()) : LogicalIds.function(stage.id()),
        tick ? stage.id() + "-tick" : stage.id(), stage.id(), kind, FunctionResource.RUNTIME, settings.codeUri(), sizing.memoryMb(),
        sizing.timeoutSeconds(), FunctionResource.ALIAS, environment,
        StageAccess.statements(plan, stage, kind, queue.logicalId(), kafka), inKafkaVpc);
  }

  /**
   * The mapping of {@code stage}: the plan's batching; a record age limit only where the stage may give batches up at
   * all (never in an exactly-once job or with infinite retries, docs/exactly-once.md).
   */
  private static EventSourceMapping mapping(StageSpec stage, FunctionResource function, QueueResource queue,
      boolean exactlyOnce, DeploymentSettings settings) {
    var batching = stage.batching();
    boolean neverGiveUp = exactlyOnce || batching.maximumRetryAttempts() == -1;
    return new EventSourceMapping(function.logicalId(), LogicalIds.stream(stage.input().stream()),
        EventSourceMapping.TRIM_HORIZON, batching.batchSize(), batching.batchingWindowSeconds(),
        batching.bisectOnError(), batching.maximumRetryAttempts(),
        neverGiveUp ? -1 : settings.maximumRecordAgeSeconds(), batching.parallelizationFactor(),
        List.of(EventSourceMapping.REPORT_BATCH_ITEM_FAILURES), queue.logicalId());
  }

  /**
   * The Kafka mapping of {@code stage}: the plan's batching, in provisioned mode with one poller kept and at most one
   * per partition of the input topic; an on-failure destination only where the stage may give batches up at all (an
   * exactly-once stage never does, and with a destination Lambda would cap its infinite retries at 10).
   */
  private static KafkaMapping kafkaMapping(Plan plan, StageSpec stage, FunctionResource function,
      QueueResource queue, boolean exactlyOnce) {
    var batching = stage.batching();
    boolean neverGiveUp = exactlyOnce || batching.maximumRetryAttempts() == -1;
    int partitions = plan.stream(stage.input().stream()).orElseThrow().shards();
    return new KafkaMapping(function.logicalId(), stage.input().stream(), KafkaAccess.consumerGroup(plan, stage),
        EventSourceMapping.TRIM_HORIZON, batching.batchSize(), batching.batchingWindowSeconds(),
        batching.bisectOnError(), neverGiveUp ? -1 : batching.maximumRetryAttempts(), 1, partitions,
        List.of(EventSourceMapping.REPORT_BATCH_ITEM_FAILURES), neverGiveUp ? null : queue.logicalId());
  }
}
