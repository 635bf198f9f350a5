package dev.runnel.testdriver;

import dev.runnel.functions.broadcast.BroadcastKeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.StageStores;
import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.inference.calling.ModelClientFactory;
import dev.runnel.inference.results.InMemoryInferenceResultStore;
import dev.runnel.inference.secrets.EnvironmentSecrets;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Runs a job in a unit test, in the spirit of Kafka Streams' {@code TopologyTestDriver}: plans it with the real
 * planner and runs every stage's real handler (operators, keyed state in the plan's layout, windows, timers, dead
 * letters, model stages with stubs) over in-memory stores and in-memory streams between stages. No emulator, no
 * network. Each call runs the job until it is quiet, delivering batches per shard as Lambda would and ticking the
 * stages with time; processing time stands still until {@link #advanceProcessingTime} moves it, so the same calls
 * give the same outputs.
 *
 * <pre>{@code
 * JobTestDriver driver = JobTestDriver.of(ClickCounts.class);
 * driver.pipe("clicks-in", new Click("ana", "/home", 1), new Click("ana", "/cart", 2));
 * assertThat(driver.output("clicks-console", UserClicks.class)).last()
 *     .isEqualTo(new UserClicks("ana", 2, 2, "/home"));
 * }</pre>
 */
public final class JobTestDriver {
  /** Where processing time starts unless the builder says otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final Plan plan;
  private final DriverClock clock;
  private final InMemoryStreams streams;
  private final InMemoryTables tables;
  private final SinkOutputs sinks;
  private final Map<String, StageHandler> handlers = new LinkedHashMap<>();
  private final StageLoop loop;
  private final SourceWatermarks watermarks;
  private final Map<String, Long> piped = new HashMap<>();

  private JobTestDriver(Plan plan, Instant start, Map<String, ModelStub> models) {
    this.plan = plan;
    this.clock = new DriverClock(start);
    Map<String, Integer> shards = new LinkedHashMap<>();
    plan.streams().forEach(stream -> shards.put(stream.name(), stream.shards()));
    this.streams = new InMemoryStreams(shards, clock);
    this.tables = new InMemoryTables(plan);
    this.sinks = new SinkOutputs(plan, streams, tables);
    InMemoryProgressStore progress = new InMemoryProgressStore();
    StageStores stores = new StageStores(new InMemoryCheckpointStore(), new InMemoryStateStore(clock), progress,
        new InMemoryTimerIndex(), new InMemoryStateLogStore(), new InMemoryInferenceResultStore());
    ModelAccess access = new ModelAccess(Map.of(), new EnvironmentSecrets(Map.of()), Region.US_EAST_1,
        AnonymousCredentialsProvider.create(), ModelAccess.countersPerStage(), stubs(plan, models));
    StageResources resources = new StageResources(streams, tables, sinks, CommitObserver.NONE, access);
    for (StageSpec stage : plan.stages()) {
      handlers.put(stage.id(), StageHandler.overStores(plan, stage.id(), resources, stores, clock));
    }
    this.loop = new StageLoop(plan, handlers, streams, tables);
    this.watermarks = new SourceWatermarks(plan, streams, progress, clock);
  }

  /** A driver of {@code job} as the planner plans it, without model stubs. */
  public static JobTestDriver of(Class<?> job) {
    return builder(job).build();
  }

  /** A builder of a driver of {@code job}, for model stubs, another state layout or another start time. */
  public static Builder builder(Class<?> job) {
    return new Builder(job);
  }

  /** The plan the driver runs. */
  public Plan plan() {
    return plan;
  }

  /**
   * Puts {@code records} on source {@code source} (its {@code @Source} stream name) as a producer would, written as
   * JSON, their event time in their {@code @EventTime} field, and runs the job until it is quiet. Partition keys
   * count up per source from 1, as the local runner numbers input lines.
   */
  public JobTestDriver pipe(String source, Object... records) {
    return pipe(source, List.of(records));
  }

  /** As {@link #pipe(String, Object...)}, for a list. */
  public JobTestDriver pipe(String source, List<?> records) {
    List<byte[]> payloads = new ArrayList<>(records.size());
    for (Object record : records) {
      try {
        payloads.add(RunnelJson.MAPPER.writeValueAsBytes(Objects.requireNonNull(record, "record")));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot write a " + record.getClass().getName() + " as JSON", e);
      }
    }
    return put(source, payloads);
  }

  /**
   * Puts raw payloads (for example malformed JSON, to see it dead-lettered) on source {@code source} and runs the
   * job until it is quiet.
   */
  public JobTestDriver pipeRaw(String source, String... payloads) {
    List<byte[]> bytes = new ArrayList<>(payloads.length);
    for (String payload : payloads) {
      bytes.add(payload.getBytes(StandardCharsets.UTF_8));
    }
    return put(source, bytes);
  }

  private JobTestDriver put(String source, List<byte[]> payloads) {
    String stream = sourceStream(source);
    for (byte[] payload : payloads) {
      long number = piped.merge(stream, 1L, Long::sum);
      streams.put(stream, Long.toString(number), payload);
    }
    loop.settle();
    return this;
  }

  /**
   * Moves the watermark of every source shard to {@code eventTime}, as records with later event times would, and
   * runs the job until it is quiet: windows ending at or before it fire, event-time timers due by it fire, and a
   * record piped afterwards with an earlier event time is late.
   */
  public JobTestDriver advanceWatermark(Instant eventTime) {
    watermarks.announce(eventTime.toEpochMilli());
    loop.settle();
    return this;
  }

  /**
   * Declares the end of the input, as the local runner does: the final watermark, so every window and event-time
   * timer fires. A job without event time has nothing to declare.
   */
  public JobTestDriver endInput() {
    if (watermarks.apply()) {
      watermarks.announce(Long.MAX_VALUE);
    }
    loop.settle();
    return this;
  }

  /**
   * Moves processing time {@code by} ahead and runs the job until it is quiet, ticking every stage with time:
   * processing-time timers due by then fire, and sources quiet for their {@code idleAfter} count as idle. As on
   * Lambda, a tick leaves alone a shard that handled records in the last two seconds.
   */
  public JobTestDriver advanceProcessingTime(Duration by) {
    clock.advance(by);
    loop.settle();
    return this;
  }

  /** Processing time now, as the stages see it. */
  public Instant processingTime() {
    return clock.instant();
  }

  /**
   * What sink {@code sink} received, in emission order, each read as {@code type}: a console sink's lines, a sink
   * stream's records (without copies a retried stage resent), every item written to a table sink (a key written
   * twice appears twice), in the order of the records that produced them.
   */
  public <T> List<T> output(String sink, Class<T> type) {
    return sinks.json(sink).stream().map(json -> SinkOutputs.decode(sink, json, type)).toList();
  }

  /** What sink {@code sink} received, as JSON text, in emission order. */
  public List<String> outputJson(String sink) {
    return sinks.json(sink);
  }

  /** The items table sink {@code sink} holds now, one per key, read as {@code type}. */
  public <T> List<T> table(String sink, Class<T> type) {
    return sinks.tableContents(sink).stream().map(json -> SinkOutputs.decode(sink, json, type)).toList();
  }

  /** The records the stages sent to the dead letters, in the order they were sent. */
  public List<DeadLetter> deadLetters() {
    return sinks.deadLetters();
  }

  /**
   * The committed value of state {@code state} of operator {@code operator} (its method name) for {@code key}, as
   * the next record of that key would see it: a {@code ValueState}'s value, a {@code MapState}'s map, a
   * {@code ListState}'s list; empty when the key has none.
   */
  public <T> Optional<T> state(String operator, String state, String key, Class<T> type) {
    StageSpec stage = stageOf(operator, state);
    String stream = stage.input().stream();
    for (int shard = 0; shard < streams.shardCount(stream); shard++) {
      Object value = handlers.get(stage.id()).committedState(InMemoryStreams.shardId(shard), key)
          .get(operator + "/" + state);
      if (value != null) {
        if (!type.isInstance(value)) {
          throw new IllegalArgumentException("state " + state + " of operator " + operator + " holds a "
              + value.getClass().getName() + ", not a " + type.getName());
        }
        return Optional.of(type.cast(value));
      }
    }
    return Optional.empty();
  }

  /**
   * The committed broadcast state of operator {@code operator} (a {@code @KeyedProcess} with {@code broadcast}) on
   * each shard of its stage, by shard id, as the next record on that shard would read it; a shard that has none yet
   * maps to an empty map (docs/broadcast.md).
   */
  public Map<String, Map<?, ?>> broadcastStates(String operator) {
    StageSpec stage = stageOf(operator, "broadcast");
    BroadcastKeys keys = BroadcastKeys.of(stage);
    Map<String, Map<?, ?>> states = new LinkedHashMap<>();
    for (int shard = 0; shard < streams.shardCount(stage.input().stream()); shard++) {
      String shardId = InMemoryStreams.shardId(shard);
      Object value = handlers.get(stage.id()).committedState(shardId, keys.of(shardId))
          .get(operator + "/broadcast");
      states.put(shardId, value == null ? Map.of() : (Map<?, ?>) value);
    }
    return states;
  }

  private StageSpec stageOf(String operator, String state) {
    List<String> declared = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      for (StateSpec spec : stage.state()) {
        if (spec.operator().equals(operator) && spec.name().equals(state)) {
          return stage;
        }
        declared.add(spec.operator() + "/" + spec.name());
      }
    }
    throw new IllegalArgumentException("job " + plan.job() + " has no state '" + state + "' of operator '" + operator
        + "'; its states (operator/state) are " + declared);
  }

  private String sourceStream(String source) {
    List<String> names = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      StreamSpec stream = plan.streams().stream().filter(s -> s.name().equals(stage.input().stream())).findFirst()
          .orElseThrow();
      if (stream.role() == StreamRole.SOURCE) {
        if (stage.input().node().equals(source) || stream.name().equals(source)) {
          return stream.name();
        }
        names.add(stage.input().node());
      }
    }
    throw new IllegalArgumentException("job " + plan.job() + " has no source '" + source + "'; its sources are "
        + names);
  }

  private static ModelClientFactory stubs(Plan plan, Map<String, ModelStub> models) {
    for (String name : models.keySet()) {
      if (plan.model(name).isEmpty()) {
        throw new IllegalArgumentException("job " + plan.job() + " declares no model '" + name + "' to stub; its"
            + " models are " + plan.models().stream().map(m -> m.name()).toList());
      }
    }
    return (model, task, schema, environment, executor) -> {
      ModelStub stub = models.get(model.name());
      if (stub == null) {
        throw new IllegalStateException("job " + plan.job() + " calls model '" + model.name() + "', which the test"
            + " gave no stub for: JobTestDriver.builder(job).model(\"" + model.name()
            + "\", ModelStub.answering(prompt -> ...))");
      }
      return new StubModelClient(model.name(), stub);
    };
  }

  /** Builds a {@link JobTestDriver}. */
  public static final class Builder {
    private final Class<?> job;
    private final Map<String, ModelStub> models = new LinkedHashMap<>();
    private StateLayout layout;
    private Instant start = DEFAULT_START;

    private Builder(Class<?> job) {
      this.job = Objects.requireNonNull(job, "job");
    }

    /** Answers the job's model {@code name} (its {@code @Model} name) with {@code stub}. */
    public Builder model(String name, ModelStub stub) {
      models.put(name, Objects.requireNonNull(stub, "stub"));
      return this;
    }

    /** Plans keyed stages in {@code stateLayout} instead of the planner's default. */
    public Builder stateLayout(StateLayout stateLayout) {
      this.layout = Objects.requireNonNull(stateLayout, "stateLayout");
      return this;
    }

    /** Starts processing time at {@code processingTime} instead of {@link #DEFAULT_START}. */
    public Builder startingAt(Instant processingTime) {
      this.start = Objects.requireNonNull(processingTime, "processingTime");
      return this;
    }

    /** Plans the job (a job the planner refuses fails here, with its message) and builds the driver. */
    public JobTestDriver build() {
      Plan plan = layout == null ? Planner.plan(job) : Planner.plan(job, layout);
      return new JobTestDriver(plan, start, Map.copyOf(models));
    }
  }
}
