package dev.runnel.faults.run;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.faults.FaultLog;
import dev.runnel.faults.FaultPlan;
import dev.runnel.faults.inject.FaultyFunctions;
import dev.runnel.faults.inject.RedeliveringFunctions;
import dev.runnel.faults.inject.Resharder;
import dev.runnel.faults.inject.ReshardingInputs;
import dev.runnel.faults.inject.Zombies;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.input.SourceInputs;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.LocalRunException;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SinkContents;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StreamRole;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs jobs on one pair of local emulators (started once, reset between runs): a failure-free reference run, then
 * runs with a {@link FaultPlan}'s faults, each compared with the reference in a {@link FaultReport}. The first
 * stage's source input is always fed in two halves, so a mid-run reshard can happen between them (of the source
 * stream, then of a repartition stream once its reader has committed a batch); a job with windows or timers can be
 * fed in {@link InputWaves} instead, each wave after the job settled on the ones before, and the reshard then happens
 * before the middle wave.
 */
public final class FaultHarness implements AutoCloseable {
  private static final Duration ZOMBIE_WAIT = Duration.ofSeconds(30);

  private final LocalEmulators emulators;

  private FaultHarness(LocalEmulators emulators) {
    this.emulators = emulators;
  }

  /** Starts kinesis-local and DynamoDB Local (about 5 s). */
  public static FaultHarness start() {
    return new FaultHarness(LocalEmulators.start());
  }

  /** Runs {@code plan} without faults and returns what it produced. */
  public RunOutput reference(Plan plan, RunOptions options) {
    return reference(plan, options, null);
  }

  /** Runs {@code plan} without faults, its source input fed in {@code waves} (null: as usual). */
  public RunOutput reference(Plan plan, RunOptions options, InputWaves waves) {
    return execute(plan, options, waves, FaultPlan.none(0), new FaultLog(), new Zombies(), FunctionFactory.REAL);
  }

  /** Runs {@code plan} with {@code faults} and compares it with {@code reference}, a run of the same plan and inputs. */
  public FaultReport run(Plan plan, RunOptions options, FaultPlan faults, RunOutput reference) {
    return run(plan, options, null, faults, reference);
  }

  /**
   * Runs {@code plan} with {@code faults}, its source input fed in {@code waves} (null: as usual), and compares it
   * with {@code reference}, a run of the same plan and waves.
   */
  public FaultReport run(Plan plan, RunOptions options, InputWaves waves, FaultPlan faults, RunOutput reference) {
    return runKeepingOutput(plan, options, waves, faults, reference).report();
  }

  /**
   * As {@link #run(Plan, RunOptions, InputWaves, FaultPlan, RunOutput)}, keeping what the faulty run produced next to
   * the verdict (to look at its dead-letter items, say).
   */
  public FaultRun runKeepingOutput(Plan plan, RunOptions options, InputWaves waves, FaultPlan faults,
      RunOutput reference) {
    long started = System.nanoTime();
    FaultLog log = new FaultLog();
    Zombies zombies = new Zombies();
    RunOutput faulty = execute(plan, options, waves, faults, log, zombies,
        new FaultyFunctions(plan, faults, log, zombies));
    int zombiesLeft;
    try {
      zombiesLeft = zombies.awaitAll(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRunException("interrupted", e);
    }
    long discarded = faulty.summary().discardedBatches().stream().mapToLong(d -> d.batchInfo().batchSize()).sum();
    FaultReport report = new FaultReport(faults, log.counts(), log.countsInTicks(), log.lines(),
        OutputComparison.compare(reference, faulty),
        discarded, zombiesLeft, Duration.ofNanos(System.nanoTime() - started), faulty.summary().models());
    return new FaultRun(report, faulty);
  }

  /**
   * Runs {@code plan} with its functions made by {@code functions} instead of the fault plan's in-process injectors
   * (stages in their own processes with real process faults, say; those count their own faults) and compares it with
   * {@code reference}.
   */
  public FaultReport runWith(Plan plan, RunOptions options, FunctionFactory functions, RunOutput reference) {
    return runWith(plan, options, FaultPlan.none(0), functions, reference);
  }

  /**
   * As {@link #runWith(Plan, RunOptions, FunctionFactory, RunOutput)}, adding {@code faults} from the runner's side:
   * redeliveries around each shard's function and reshards of the source and repartition streams. {@code faults}
   * may hold only kinds that are {@link FaultKind#runnerSide()} ({@link FaultPlan#runnerSide()} keeps those): the
   * others act inside the function's JVM, which {@code functions} may not run in.
   */
  public FaultReport runWith(Plan plan, RunOptions options, FaultPlan faults, FunctionFactory functions,
      RunOutput reference) {
    List<FaultKind> inside = faults.probabilities().keySet().stream().filter(k -> !k.runnerSide()).toList();
    if (!inside.isEmpty() || faults.tickProbabilities().keySet().stream().anyMatch(k -> !k.runnerSide())) {
      throw new IllegalArgumentException("faults " + inside + " act inside the function's JVM and cannot be injected"
          + " into functions of another factory; keep the runner-side ones with FaultPlan.runnerSide()");
    }
    long started = System.nanoTime();
    FaultLog log = new FaultLog();
    RunOutput faulty = execute(plan, options, null, faults, log, new Zombies(),
        new RedeliveringFunctions(functions, faults, log));
    long discarded = faulty.summary().discardedBatches().stream().mapToLong(d -> d.batchInfo().batchSize()).sum();
    return new FaultReport(faults, log.counts(), log.countsInTicks(), log.lines(),
        OutputComparison.compare(reference, faulty), discarded, 0, Duration.ofNanos(System.nanoTime() - started),
        faulty.summary().models());
  }

  /** A reference run, then a run with {@code faults}, compared. */
  public FaultReport check(Plan plan, RunOptions options, FaultPlan faults) {
    return run(plan, options, faults, reference(plan, options));
  }

  private RunOutput execute(Plan plan, RunOptions options, InputWaves waves, FaultPlan faults, FaultLog log,
      Zombies zombies, FunctionFactory functions) {
    try {
      EmulatorReset.reset(emulators.kinesis(), emulators.dynamoDb());
      String stream = plan.stages().get(0).input().stream();
      boolean source = plan.streams().stream()
          .anyMatch(s -> s.name().equals(stream) && s.role() == StreamRole.SOURCE);
      List<InputSource> inputs;
      if (waves != null) {
        if (!waves.stream().equals(stream) || !WaveBarrier.applies(plan)) {
          throw new IllegalArgumentException("input waves are fed into the source stream of the first stage of a job "
              + "with event time (" + stream + "), not " + waves.stream());
        }
        inputs = new ArrayList<>(SourceInputs.resolve(plan, options.inputs(), options.jobClassLoader()));
        inputs.removeIf(input -> input.stream().equals(stream));
        inputs.addAll(waves(plan, waves, reshard(plan, faults, log, stream)));
      } else {
        inputs = SourceInputs.resolve(plan, options.inputs(), options.jobClassLoader());
        if (source) {
          Runnable reshard = reshard(plan, faults, log, stream);
          inputs = ReshardingInputs.halves(inputs, stream, reshard);
        } else if (faults.has(FaultKind.SHARD_SPLIT) || faults.has(FaultKind.SHARD_MERGE)) {
          throw new IllegalArgumentException("resharding needs the first stage to read a source stream, not "
              + stream);
        }
      }
      RunSummary summary;
      try {
        summary = new JobRun(plan, emulators.kinesis(), emulators.dynamoDb(),
            options.withInputs(inputs).withFunctions(functions)).run();
      } finally {
        zombies.awaitAll(ZOMBIE_WAIT); // a run that failed too, before a soak's next run resets the emulators
      }
      return output(plan, summary, options.jobClassLoader());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRunException("interrupted while running job " + plan.job(), e);
    }
  }

  /**
   * The waves as inputs: each after the first waits, when it is opened, until the job settled on the ones before;
   * the reshard happens right before the middle wave is fed.
   */
  private List<InputSource> waves(Plan plan, InputWaves waves, Runnable reshard) {
    WaveBarrier barrier = new WaveBarrier(plan, emulators.kinesis(), emulators.dynamoDb());
    List<InputSource> sources = new ArrayList<>();
    int count = waves.waves().size();
    int middle = count / 2;
    for (int i = 0; i < count; i++) {
      int index = i;
      byte[] bytes = String.join("\n", waves.waves().get(i).lines()).getBytes(StandardCharsets.UTF_8);
      String label = "wave " + (i + 1) + " of " + count;
      sources.add(new InputSource(waves.stream(), label, () -> {
        if (index > 0) {
          InputWaves.Wave before = waves.waves().get(index - 1);
          barrier.await("wave " + index + " of " + count, before.settledAtLeast());
          pause(before.pauseAfter());
        }
        if (index == middle && count > 1) {
          reshard.run();
        }
        return new ByteArrayInputStream(bytes);
      }));
    }
    return sources;
  }

  private static void pause(Duration pause) {
    if (pause.isZero()) {
      return;
    }
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pausing between input waves", e);
    }
  }

  /**
   * The source reshard, then the repartition reshard, that {@code faults} asks for (either may be a no-op), done the
   * first time it is run.
   */
  private Runnable reshard(Plan plan, FaultPlan faults, FaultLog log, String stream) {
    Runnable source = plan.stages().get(0).layout() == StateLayout.LOG ? () -> { } // see RepartitionReshard
        : sourceReshard(faults, log, stream);
    Runnable repartition = RepartitionReshard.of(plan, faults, log, emulators.kinesis(), emulators.dynamoDb());
    AtomicBoolean done = new AtomicBoolean();
    return () -> {
      if (done.compareAndSet(false, true)) {
        source.run();
        repartition.run();
      }
    };
  }

  private Runnable sourceReshard(FaultPlan faults, FaultLog log, String stream) {
    FaultDice dice = new FaultDice(faults, log, "reshard/" + stream);
    Resharder resharder = new Resharder(emulators.kinesis(), stream, dice);
    if (faults.has(FaultKind.SHARD_SPLIT)) {
      return resharder::split;
    }
    if (faults.has(FaultKind.SHARD_MERGE)) {
      return resharder::merge;
    }
    return () -> { };
  }

  private RunOutput output(Plan plan, RunSummary summary, ClassLoader jobClassLoader) {
    Map<String, List<String>> tables = new HashMap<>();
    Map<String, List<SinkRecord>> streams = new HashMap<>();
    StreamSinkReader reader = new StreamSinkReader(emulators.kinesis());
    for (SinkContents sink : summary.sinks()) {
      if (sink.kind() == OutputKind.TABLE) {
        tables.put(sink.name(), sink.records());
      } else if (sink.kind() == OutputKind.STREAM) {
        streams.put(sink.name(), reader.read(sink.target()));
      }
    }
    List<String> deadLetters = summary.deadLetters().stream()
        .map(d -> d.stage() + " " + d.errorType() + " " + d.payload()).sorted().toList();
    List<String> keyedState = new KeyedStateReader(emulators.dynamoDb(), jobClassLoader).read(plan);
    List<String> stageTime = new StageTimeReader(emulators.kinesis(), emulators.dynamoDb()).read(plan);
    return new RunOutput(tables, streams, deadLetters, keyedState, stageTime, summary);
  }


  /** Stops both emulators. */
  @Override
  public void close() {
    emulators.close();
  }
}
