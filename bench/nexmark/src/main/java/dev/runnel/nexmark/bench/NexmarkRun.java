package dev.runnel.nexmark.bench;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.StageStores;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.localrunner.run.EndOfInput;
import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.generator.GeneratorConfig;
import dev.runnel.nexmark.generator.NexmarkGenerator;
import dev.runnel.nexmark.reference.RowComparison;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of one query: plans the job, drives the real {@link StageHandler} of every stage over the in-memory
 * stores and the Kinesis stand-in, and measures it. Each source shard gets its own generator instance; every round
 * feeds one batch to each, then every stage, in plan order, handles each shard's records in batches of the batch size
 * while a full batch is waiting. At the end of the input the remaining records are handled in smaller batches, the
 * end of input is declared (watermark +infinity, as the local runner does) and the stages are ticked until quiet.
 * Then the sinks' rows are compared with the reference.
 */
final class NexmarkRun {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_FINAL_TICKS = 50;

  private final RunSettings settings;
  private final Plan plan;
  private final CpuClock cpu = new CpuClock();
  private final DriverClock clock = new DriverClock();
  private final InMemoryKinesis kinesis;
  private final InMemoryStateStore states = new InMemoryStateStore(clock);
  private final InMemoryStateLogStore stateLog = new InMemoryStateLogStore();
  private final InMemoryProgressStore progress = new InMemoryProgressStore();
  private final TableMeter checkpointMeter = new TableMeter();
  private final TableMeter progressMeter = new TableMeter();
  private final TableMeter timerMeter = new TableMeter();
  private final Map<String, StageHandler> handlers = new LinkedHashMap<>();
  private final LambdaEventJson lambdaEvents = new LambdaEventJson();
  private final String sourceStream;
  private long invocations;

  private NexmarkRun(RunSettings settings) {
    this.settings = settings;
    this.plan = Planner.plan(settings.query().job(), settings.layout(), settings.aggregated());
    Map<String, Integer> shards = new LinkedHashMap<>();
    plan.streams().forEach(stream -> shards.put(stream.name(), stream.shards()));
    this.kinesis = new InMemoryKinesis(shards, cpu);
    List<StreamSpec> sources = plan.streams().stream().filter(s -> s.role() == StreamRole.SOURCE).toList();
    if (sources.size() != 1) {
      throw new IllegalStateException("job " + plan.job() + " must read one source stream, not " + sources);
    }
    this.sourceStream = sources.get(0).name();
    StageStores stores = new StageStores(new MeteredCheckpoints(new InMemoryCheckpointStore(), checkpointMeter),
        states, new MeteredProgress(progress, progressMeter), new MeteredTimers(new InMemoryTimerIndex(), timerMeter),
        stateLog);
    StageResources resources = new StageResources(kinesis, new NoDynamoDb(), (sink, json) -> { },
        CommitObserver.NONE, ModelAccess.fromProcess());
    for (StageSpec stage : plan.stages()) {
      handlers.put(stage.id(), StageHandler.overStores(plan, stage.id(), resources, stores, clock));
    }
  }

  /** Runs {@code settings} and measures it; throws if a stage fails. */
  static RunFigures run(RunSettings settings) {
    return new NexmarkRun(settings).run();
  }

  private RunFigures run() {
    int instances = kinesis.shardCount(sourceStream);
    GeneratorConfig config = GeneratorConfig.of(settings.events(), settings.rate(), instances);
    List<NexmarkGenerator> generators = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      generators.add(new NexmarkGenerator(config, i));
    }
    long processStart = cpu.processNanos();
    JvmThreadsCpu.Sample jvmStart = JvmThreadsCpu.now();
    boolean more = true;
    while (more) {
      long started = cpu.threadNanos();
      more = false;
      for (int i = 0; i < instances; i++) {
        NexmarkGenerator generator = generators.get(i);
        for (int n = 0; n < settings.batch() && generator.hasNext(); n++) {
          long id = generator.nextEventId();
          kinesis.append(sourceStream, i, Long.toString(id), encode(generator.next()), Instant.now());
        }
        more |= generator.hasNext();
      }
      cpu.exclude(started);
      handleReady(false);
      started = cpu.threadNanos();
      plan.streams().stream().filter(s -> s.role() != StreamRole.SINK).forEach(s -> kinesis.forgetTaken(s.name()));
      cpu.exclude(started);
    }
    handleReady(true);
    finish();
    long processCpu = cpu.processNanos() - processStart;
    JvmThreadsCpu.Sample jvm = JvmThreadsCpu.now().minus(jvmStart);
    // the JIT's compilations are left out: an instance compiles once in its life, and how much of that falls in a run
    // depends on its length and the machine's load (bench/nexmark/README.md, "Counting rules")
    long functionCpu = processCpu - cpu.excludedNanos() - cpu.parsingNanos() - jvm.compilerNanos();

    List<Object> rows = new ArrayList<>();
    for (OutputSpec sink : sinks()) {
      for (InMemoryKinesis.StoredRecord record : kinesis.all(sink.target())) {
        rows.add(decode(record.data()));
      }
    }
    @SuppressWarnings("unchecked")
    List<Object> expected = (List<Object>) settings.query().referenceRows(NexmarkGenerator.allOf(config));
    String differences = new RowComparison<>(settings.query().label(), settings.query()::windowOf)
        .differences(expected, rows);
    // keyed state in either layout: per-key items, or the shards' state logs
    var stateCounters = states.counters();
    var logCounters = stateLog.counters();
    TableUse state = new TableUse(stateCounters.requests() + logCounters.requests(),
        Math.round(stateCounters.readCapacityUnits() + logCounters.readCapacityUnits()),
        Math.round(stateCounters.writeCapacityUnits() + logCounters.writeCapacityUnits()));
    int shards = plan.streams().stream().mapToInt(StreamSpec::shards).sum();
    List<StreamSpec> internal = plan.streams().stream().filter(s -> s.role() == StreamRole.REPARTITION).toList();
    return new RunFigures(settings, functionCpu, cpu.parsingNanos(), jvm, invocations, state,
        TableUse.of(checkpointMeter), TableUse.of(progressMeter), TableUse.of(timerMeter), kinesis.putRecordsCalls(),
        kinesis.putRecords(), kinesis.payloadUnits(), shards,
        new RunFigures.KinesisUse(internal.stream().mapToInt(StreamSpec::shards).sum(),
            kinesis.payloadUnits(internal.stream().map(StreamSpec::name).toList())),
        rows.size(), differences);
  }

  /**
   * Every stage in plan order handles its shards' waiting records in batches: only full batches, or with
   * {@code draining} whatever waits. True when any batch ran.
   */
  private boolean handleReady(boolean draining) {
    boolean ran = false;
    for (StageSpec stage : plan.stages()) {
      String stream = stage.input().stream();
      for (int shard = 0; shard < kinesis.shardCount(stream); shard++) {
        while (kinesis.pending(stream, shard) >= settings.batch() || draining && kinesis.pending(stream, shard) > 0) {
          handle(stage, shard);
          ran = true;
        }
      }
    }
    return ran;
  }

  /**
   * One invocation of the stage's handler with the next batch of the shard, as Lambda would deliver it to the
   * deployed {@code StageStreamHandler}: the event's JSON parsed by {@code KinesisEventJson} (the parsing CPU), the
   * records handled by {@code StageHandler.handleRecords}.
   */
  private void handle(StageSpec stage, int shard) {
    long started = cpu.threadNanos();
    String stream = stage.input().stream();
    byte[] json = lambdaEvents.of(kinesis.take(stream, shard, settings.batch()), stream, shard);
    cpu.exclude(started);
    started = cpu.threadNanos();
    List<InputRecord> records = EventParser.RUNNEL.records(json);
    cpu.parsing(started);
    StreamsEventResponse response;
    try {
      response = handlers.get(stage.id()).handleRecords(records, null);
    } catch (RuntimeException | Error e) {
      throw new IllegalStateException("Nexmark " + settings.query().label() + ": stage " + stage.id() + " failed on "
          + InMemoryKinesis.shardId(shard) + " of " + stream + " (batch " + settings.batch() + ")", e);
    }
    if (response != null && response.getBatchItemFailures() != null && !response.getBatchItemFailures().isEmpty()) {
      throw new IllegalStateException("Nexmark " + settings.query().label() + ": stage " + stage.id() + " reported"
          + " failed records on " + InMemoryKinesis.shardId(shard) + " of " + stream + ", from sequence number "
          + response.getBatchItemFailures().get(0).getItemIdentifier());
    }
    invocations++;
  }

  /** Declares the end of input and ticks and drains the stages until two rounds in a row put nothing. */
  private void finish() {
    if (!EndOfInput.applies(plan)) {
      return;
    }
    long started = cpu.threadNanos();
    new EndOfInput(plan, kinesis, progress, clock).declare();
    cpu.exclude(started);
    int quiet = 0;
    for (int round = 0; round < MAX_FINAL_TICKS && quiet < 2; round++) {
      long put = kinesis.putRecords();
      boolean ran = handleReady(true);
      clock.advance(Duration.ofSeconds(3));
      for (StageSpec stage : plan.stages()) {
        if (stage.time() != null) {
          for (int shard = 0; shard < kinesis.shardCount(stage.input().stream()); shard++) {
            handlers.get(stage.id()).tick(InMemoryKinesis.shardId(shard));
          }
        }
      }
      quiet = ran || kinesis.putRecords() != put ? 0 : quiet + 1;
    }
  }

  private List<OutputSpec> sinks() {
    List<OutputSpec> sinks = new ArrayList<>();
    plan.stages().forEach(stage -> stage.outputs().stream().filter(o -> o.kind() == OutputKind.STREAM)
        .forEach(sinks::add));
    return sinks;
  }

  private static byte[] encode(Event event) {
    try {
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object decode(byte[] data) {
    try {
      return JSON.readValue(data, settings.query().rowType());
    } catch (IOException e) {
      throw new UncheckedIOException("an output row of " + settings.query().label() + " is not a "
          + settings.query().rowType().getSimpleName(), e);
    }
  }
}
